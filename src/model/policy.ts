import type { DocumentRef, SourceSpan } from './source.js';

/** Every kind of policy or control that can decide a request. Names are part of the output contract. */
export type PolicyType =
  | 'identity'
  | 'boundary'
  | 'session'
  | 'resource'
  | 'scp'
  | 'rcp'
  | 'vpcEndpoint'
  | 'kmsKey'
  /** The policy of the S3 access point a request went through (only when it went through one). */
  | 'accessPoint'
  | 'acl'
  | 'blockPublicAccess'
  | 'requesterPays';

/** Policy types whose statements name a Principal. */
export const RESOURCE_BASED: ReadonlySet<PolicyType> = new Set(['resource', 'vpcEndpoint', 'kmsKey', 'rcp', 'accessPoint']);

export type Effect = 'Allow' | 'Deny';

/**
 * A policy document as written: plain, serialisable data with the position of every element. Nothing
 * here is compiled; `evaluator/compile.ts` turns it into matchers, and rules or other readers can share it.
 */
export interface PolicyDocument {
  policyType: PolicyType;
  /** Where the document came from, as data. */
  ref: DocumentRef;
  /** The document's name in explanations: the file, plus the inline location or the embedding. */
  source: string;
  version: '2012-10-17' | '2008-10-17' | undefined;
  id?: string;
  statements: Statement[];
  /** Where the document starts in its file. */
  span: SourceSpan;
  /** Where the `Statement` key is written: findings about the statements as a whole (a Deny none of them has) sit here. */
  statementKeySpan?: SourceSpan;
}

/** A value of an Action or NotAction element. */
export interface ActionPattern {
  text: string;
  span: SourceSpan;
}

/** A value of a Resource or NotResource element. */
export interface ResourcePattern {
  text: string;
  span: SourceSpan;
}

/** One value of a Principal element: `"*"`, or a value under AWS / Service / Federated / CanonicalUser. */
export interface PrincipalValue {
  type: '*' | 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';
  value: string;
  span: SourceSpan;
}

export interface Statement {
  /** 0-based position in the Statement array (0 when Statement is a single object). */
  index: number;
  sid?: string;
  /** Span of the Sid element's value. */
  sidSpan?: SourceSpan;
  effect: Effect;
  span: SourceSpan;
  action?: ActionPattern[];
  notAction?: ActionPattern[];
  /** Span of the Action/NotAction element's value. */
  actionSpan: SourceSpan;
  resource?: ResourcePattern[];
  notResource?: ResourcePattern[];
  resourceSpan?: SourceSpan;
  principal?: PrincipalValue[];
  notPrincipal?: PrincipalValue[];
  principalSpan?: SourceSpan;
  conditions: Condition[];
  /** Span of the `Condition` key, when the statement has one: findings about its conditions as a whole sit here. */
  conditionSpan?: SourceSpan;
}

/** The condition operator families AWS documents ("IAM JSON policy elements: Condition operators"). */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export type Comparison = 'equals' | 'ignoreCase' | 'like' | 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'in' | 'null';

export interface BaseOperator {
  name: string;
  family: OperatorFamily;
  comparison: Comparison;
  /** Negated operators (StringNotEquals, NotIpAddress, ArnNotLike…) are true when the key is absent. */
  negated: boolean;
}

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** An operator name parsed once: `[ForAnyValue:|ForAllValues:]<Base>[IfExists]`. */
export interface ParsedOperator {
  text: string;
  base: BaseOperator;
  set?: SetQualifier;
  ifExists: boolean;
}

/** A value from the policy's Condition block. JSON numbers and booleans are compared as their text. */
export interface ConditionValue {
  text: string;
  span: SourceSpan;
  /** True when the policy wrote a JSON number or boolean where AWS compares strings. */
  nonString: boolean;
}

/** One operator + key pair of a Condition block. */
export interface Condition {
  operator: ParsedOperator;
  operatorSpan: SourceSpan;
  key: string;
  keySpan: SourceSpan;
  values: ConditionValue[];
}
