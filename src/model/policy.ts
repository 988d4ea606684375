import type { SourceSpan } from './source.js';
import type { ArnPattern } from '../evaluator/match/arn.js';
import type { WildcardMatcher } from '../evaluator/match/wildcard.js';
import type { CompiledCondition } from '../evaluator/conditions/compile.js';

/** Every kind of policy or control that can decide a request. Names are part of the output contract. */
export type PolicyType =
  'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'vpcEndpoint' | 'kmsKey' | 'acl' | 'blockPublicAccess' | 'requesterPays';

/** What each policy type is called in explanations. */
export const POLICY_TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: 'identity-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  resource: 'resource-based policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  vpcEndpoint: 'VPC endpoint policy',
  kmsKey: 'KMS key policy',
  acl: 'ACL',
  blockPublicAccess: 'Block Public Access',
  requesterPays: 'requester pays',
};

/** `an identity-based policy`, `a session policy`. */
export function policyTypeWithArticle(t: PolicyType): string {
  const name = POLICY_TYPE_NAMES[t];
  return `${/^[aeiouAEIO]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** Policy types whose statements name a Principal. */
export const RESOURCE_BASED: ReadonlySet<PolicyType> = new Set(['resource', 'vpcEndpoint', 'kmsKey', 'rcp']);

export type Effect = 'Allow' | 'Deny';

export interface Policy {
  policyType: PolicyType;
  /** File path shown to the user, or `request.json (inline policies.identity[0])`. */
  source: string;
  version: '2012-10-17' | '2008-10-17' | undefined;
  id?: string;
  statements: Statement[];
  /** Where the document starts in its file. */
  span: SourceSpan;
}

export interface ActionPattern {
  text: string;
  span: SourceSpan;
  matcher: WildcardMatcher;
}

export interface ResourcePattern {
  text: string;
  span: SourceSpan;
  pattern: ArnPattern;
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
  conditions: CompiledCondition[];
}
