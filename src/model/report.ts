import type { EvidenceKind, MissingEvidence, VerdictAgreement } from './evidence.js';
import type { BlockPublicAccess } from './s3.js';
import type { ContextInput } from './request.js';
import type { ConditionResult, Decision, DecidingEntry, ElementName, LayerResult, PolicyRef, StatementLocation } from './evaluation.js';
import type { Effect, PolicyType } from './policy.js';

/**
 * What `--format json` prints and `evaluate()` returns: the evaluation in words (one language), plain
 * data, deterministic. Every sentence here comes from `explain/words`.
 */
/**
 * The report's answer: AWS's decision, or `NotEvaluated` when the request went to a store that is not AWS
 * and no AWS policy was given (nothing AWS decides; the notes are the answer).
 */
export type ReportDecision = Decision | 'NotEvaluated';

export interface Report {
  decision: ReportDecision;
  summary: string;
  request: {
    principal: string;
    action: string;
    resource: string;
    resourceAccount?: string;
    /** For an S3 object owned by another account than the bucket's: the bucket's owner. */
    bucketOwner?: string;
    principalAccount?: string;
    crossAccount: boolean;
  };
  deciding: DecidingEntry[];
  layers: LayerOutcome[];
  /** Further authorizations S3 makes for this request (PutObjectAcl, kms:GenerateDataKey…), each decided. */
  additionalRequests: ChainedRequest[];
  assumptions: Assumption[];
  notes: Note[];
  fixes: Fix[];
  /**
   * For a missing allow: the Allow statements that do not apply but come closest (they name the action
   * and fail later, or name the caller), most likely first. Each points into `layers` (or a chained
   * request's layers, with `action`).
   */
  closest: ClosestStatement[];
  /**
   * Set when the answer depends on a fact the request does not give: the decision under each reading,
   * and the field (or flag) that settles it. The report explains the reading that is not Allowed.
   */
  dependsOn?: DependsOn;
  /** Further facts that flip the decision, each decided with every other fact at its assumed reading. */
  alsoDependsOn?: DependsOn[];
  /**
   * How this language names documents whose name is more than a path (a policy embedded as a string, a
   * generated key policy): `source` → the name to show. `source` itself is the same in every language.
   */
  documentNames?: Record<string, string>;
  /** When the request came from evidence (an error message, a record …): what gave which fact, AWS's verdict, what is missing. */
  evidence?: EvidenceSection;
}

/** The report's Evidence section, in words. */
export interface EvidenceSection {
  /** Each input read, and what kind of evidence it is. */
  inputs: { label: string; kind: EvidenceKind; kindName: string }[];
  /** Each fact: the field, its value, where it came from, how it was derived. */
  facts: { field: string; value: string; from: string; how: string; overriddenBy?: string }[];
  /** Each policy the evidence carries: its layer, what it is, where; `notUsed` when another source gives the layer or it is not the caller's. */
  policies: { layer: string; label: string; from: string; notUsed?: string }[];
  /** How many policies of other users and roles the evidence carries (an account dump lists everyone's): not used, not listed. */
  otherPrincipals: number;
  /** AWS's own answer, and how the evaluation compares with it. */
  verdict?: { said: string; agreement: VerdictAgreement['code']; explanation: string };
  /** What is not given that the answer may rest on, each with the AWS CLI command that fetches it. */
  missing: { code: MissingEvidence['code']; text: string; command: string }[];
}

/**
 * A fact the request did not give, which policy-why assumed (an assumption note's code) and which flips
 * the decision: the resource's owner, the bucket behind an access point, the network path through the VPC
 * endpoint whose policy is given, the path of a session's role, the form of s3:x-amz-copy-source.
 */
export type DependsOnFact = 'resourceAccount' | 'accessPointBucketAccount' | 'vpcEndpoint' | 'principalArn' | 'copySource' | 'objectOwnership';

/** One reading of such a fact: the assumed one first, then the other. */
export type ReadingName =
  | 'sameAccount'
  | 'otherAccount'
  | 'throughEndpoint'
  | 'notThroughEndpoint'
  /** The session's role ARN with the path assumed (`/`, or IAM Identity Center's). */
  | 'rolePathAssumed'
  /** The session's role ARN with another path (`value` names it). */
  | 'rolePathOther'
  /** s3:x-amz-copy-source read from the header as AWS's examples write it (no leading slash, URL-decoded). */
  | 'copySourceAsExamples'
  /** s3:x-amz-copy-source as the header was sent (`value` names it). */
  | 'copySourceAsSent'
  /** The bucket's Object Ownership leaves ACLs enabled (ObjectWriter or BucketOwnerPreferred). */
  | 'aclsEnabled'
  /** The bucket's Object Ownership is BucketOwnerEnforced: ACLs disabled, the bucket owner owns every object. */
  | 'bucketOwnerEnforced';

/** The decision under one reading of a fact (`account` or `value` says which, when the reading names one). */
export interface FactReading {
  reading: ReadingName;
  account?: string;
  value?: string;
  decision: Decision;
}

/** An unknown fact that flips the decision, and the decision under each reading of it. */
export interface DependsOn {
  fact: DependsOnFact;
  /** The request document field that settles it (`resourceAccount`, `context.aws:SourceVpce` …). */
  field: string;
  /** The quick flag that settles it. */
  flag: string;
  /** The assumed reading, then the other. */
  readings: [assumed: FactReading, other: FactReading];
  /** The reading this report explains. */
  explained: ReadingName;
}

/** How one condition (operator + key) fared against the request: the policy's values beside the request's. */
export interface ConditionTrace extends Omit<ConditionResult, 'op' | 'why' | 'error'> {
  /** Set when a value could not be compared (wrong type for the operator, unresolved variable). */
  error?: string;
  /** One sentence saying why the result is what it is. */
  reason: string;
}

/** Why a statement did or did not apply to the request. */
export interface StatementMatch extends StatementLocation {
  effect: Effect;
  applies: boolean;
  failedElement?: ElementName;
  /** The pattern or principal value that matched, per element (absent when none did). */
  matched: Partial<Record<'action' | 'resource' | 'principal', string>>;
  /** Why, in words, for the element that decided. */
  reason: string;
  conditions: ConditionTrace[];
  /** For an Allow that does not apply: each further element that fails too (Resource, Principal, the failing conditions), in words. */
  alsoFails?: string[];
  failClosed?: boolean;
}

/** The result of one layer (one policy type, or one SCP/RCP level). */
export interface LayerOutcome {
  policyType: PolicyType;
  level?: number;
  result: LayerResult;
  /** Why the layer has this result, one sentence. */
  reason: string;
  /** True on a layer without an Allow whose Allow this request did not need. */
  notRequired?: true;
  policies: PolicyRef[];
  statements: StatementMatch[];
}

/** A further authorization S3 makes for the request, decided through every applicable layer. */
export interface ChainedRequest {
  action: string;
  resource: string;
  /** Why S3 makes this authorization. */
  reason: string;
  decision: Decision;
  summary: string;
  deciding: DecidingEntry[];
  layers: LayerOutcome[];
  kmsKey?: { arn: string; awsManaged: boolean; alias?: string };
}

/** An Allow statement that does not apply but comes closest to granting a missing allow. */
export interface ClosestStatement extends StatementLocation {
  /** The chained action whose layers hold it (absent for the request's own action). */
  action?: string;
  /** Further actions for which the same statement fails the same way. */
  alsoFor?: string[];
}

export interface Assumption {
  key: string;
  value: ContextInput | string;
  message: string;
}

/** Something true about the request that the decision alone does not say, computed from its facts. */
export interface Note {
  kind:
    | 'allPoliciesAllow'
    /** The request went to a store that is not AWS and no AWS policy was given: nothing was evaluated. */
    | 'noAwsPolicy'
    | 'checksumHeaders'
    | 'presignedExpired'
    | 'clockSkew'
    | 'missingObject'
    | 'oaiKms'
    | 'awsManagedKeyCrossAccount'
    | 'awsManagedKeyService'
    | 'aclNotSupported'
    /** Object Ownership not given: the ACL the request sends fails with 400 if it is BucketOwnerEnforced. */
    | 'aclNotSupportedIfEnforced'
    | 'requesterPaysAnonymous'
    | 'anonymousPrivateObject'
    | 'unknownContextKey'
    | 'conditionKeyNeverPresent';
  message: string;
  fix?: string;
}

/** One concrete change to the request or to a policy. */
export type FixChange =
  | { type: 'setContext'; key: string; value: ContextInput; hint?: string }
  | { type: 'removeContext'; key: string; hint?: string }
  | { type: 'addStatement'; policyType: PolicyType; level?: number; target: string; statement: Record<string, unknown> }
  | { type: 'removeStatement'; policyType: PolicyType; source: string; statementIndex: number; sid?: string; line: number; column: number }
  /**
   * An S3 setting or fact changed: the bucket's Object Ownership or Block Public Access (by the bucket owner),
   * or, for an existing object another account owns, its ACL granting the bucket owner's account FULL_CONTROL
   * (`objectAcl`, value `bucket-owner-full-control`) or its owner becoming the bucket owner (`objectOwner`, value
   * the bucket owner's account: a copy in place with bucket-owner-full-control on a BucketOwnerPreferred bucket),
   * both by the object's owner.
   */
  | { type: 'setS3'; fact: 'objectOwnership' | 'blockPublicAccess' | 'objectAcl' | 'objectOwner'; value: string | Partial<BlockPublicAccess>; hint: string }
  /**
   * Add an action to an existing Allow statement that already names the caller and the resource, keeping
   * its Resource and conditions; `statement` is the statement as it reads afterwards.
   */
  | (StatementLocation & { type: 'addAction'; action: string; statement: Record<string, unknown> })
  | {
      type: 'renameConditionKey';
      policyType: PolicyType;
      source: string;
      statementIndex: number;
      sid?: string;
      line: number;
      column: number;
      from: string;
      to: string;
    };

/** A change that was applied to a copy of the request and re-evaluated: it turns the decision to Allowed. */
export interface Fix {
  summary: string;
  changes: FixChange[];
  verifiedDecision: 'Allowed';
  /**
   * Only the request changes (a header, HTTPS, the network path) and every policy stays as it is: the
   * safer change when a policy is doing its job.
   */
  safer?: true;
  /** What the fix lets the request through without: a condition some statement enforced, a Deny, an ACL grant, Block Public Access. */
  weakens?: Weakening[];
  /** Who can make the fix's changes, one entry per party in the order of the changes (an account when the input names it). */
  who: FixParty[];
}

/**
 * Who can make a change: the caller (a request change), or the account that owns the policy or setting —
 * the bucket's (bucket policy, Object Ownership, bucket and account Block Public Access), the KMS key's,
 * the role's or user's (identity policy, boundary), the organization's management account (SCP, RCP).
 */
export interface FixParty {
  code: FixPartyCode;
  /** The account, when the request names it (absent when unknown). */
  account?: string;
}

type FixPartyCode =
  | 'caller'
  | 'bucketOwner'
  /** The account that owns an existing object (its ACL, a copy of it in place). */
  | 'objectOwner'
  | 'blockPublicAccess'
  | 'resourceOwner'
  | 'roleOwner'
  | 'keyOwner'
  | 'principalOwner'
  | 'sessionCreator'
  | 'organization'
  | 'accessPointOwner'
  | 'vpcEndpointOwner';

/** A rule the request no longer has to meet once a fix is applied. */
export type Weakening =
  /** A condition of an Allow (in any layer) that named the request but failed: the fix grants without it. */
  | { kind: 'condition'; key: string; source: string; statementIndex: number; sid?: string; line: number; column: number }
  /** A Deny statement the fix removes. */
  | { kind: 'deny'; source: string; statementIndex: number; sid?: string }
  /** The object's ACL stops deciding (Object Ownership set to BucketOwnerEnforced). */
  | { kind: 'aclGrant' }
  /** A Block Public Access setting turned off. */
  | { kind: 'blockPublicAccess'; flag: string };
