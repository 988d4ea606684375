import type { ContextInput, PrincipalKind } from './request.js';
import type { Effect, ParsedOperator, PolicyType, PrincipalValue, SetQualifier } from './policy.js';
import type { AclPermission } from './s3.js';

/**
 * What the evaluator returns: decisions, the ids that decided them and typed reason codes with their
 * data — never sentences. `explain/words` turns every code into words, in each language.
 */

export type Decision = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';
export type LayerResult = Decision | 'NotApplicable';

// ---------------------------------------------------------------------------------------------------
// Conditions

/** The kinds of value a typed operator family compares. */
export type ValueType = 'number' | 'date' | 'bool' | 'base64' | 'ip' | 'arn';

/** Why a value could not be compared: a condition error, which never turns into a wrong Allowed. */
export type ConditionError =
  | { code: 'policyValueType'; type: ValueType; value: string }
  | { code: 'requestValueType'; type: ValueType; value: string }
  | { code: 'variableNotBool'; value: string; resolved: string }
  | { code: 'nullValue'; value: string }
  /** A policy value holding a template value known only at deployment (`{{…}}`, src/iam/placeholder.ts). */
  | { code: 'templateValue'; value: string };

/** How a condition reached its result. */
export type ConditionReason =
  | { code: 'nullBadValue' }
  /** Null on a key that is present or absent: holds when the policy asked for that. */
  | { code: 'nullTested'; present: boolean; holds: boolean }
  /** The key is absent (`empty`: present with no values) and `rule` decides. */
  | { code: 'absent'; empty: boolean; rule: 'ifExists' | 'forAllValues' | 'forAnyValue' | 'negated' | 'plain' }
  /** Every value is the empty string: a null data set for a set operator. */
  | { code: 'nullDataSet'; set: SetQualifier }
  /** The values were compared; `how` says which request values had to match. */
  | { code: 'compared'; holds: boolean; how: 'forAll' | 'forAny' | 'multiStrict' | 'multiBroad' | 'single'; negated: boolean }
  | { code: 'cannotCompare'; error: ConditionError };

/** How one condition (operator + key) fared against the request: the policy's values beside the request's. */
export interface ConditionResult {
  operator: string;
  /** The operator parsed once: family, negation, set qualifier, IfExists. */
  op: ParsedOperator;
  key: string;
  policyValues: string[];
  /** The request's value; null when the key is absent from the request context. */
  requestValue: ContextInput | null;
  /** Where the request's value came from when present. */
  requestValueOrigin?: 'request' | 'derived' | 'default';
  /** The request header the value was read from (`x-amz-acl`), when the input gave the header. */
  requestValueHeader?: string;
  result: boolean;
  /** Set when a value could not be compared (wrong type for the operator, unresolved variable). */
  error?: ConditionError;
  why: ConditionReason;
  line: number;
  column: number;
}

// ---------------------------------------------------------------------------------------------------
// Statements

export type ElementName = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal' | 'Condition';

/**
 * How a Principal value reached the caller. Within one account a grant to the account delegates to IAM
 * rather than granting by itself, while a grant naming the user, role or session grants directly; a grant
 * to a role ARN (`role`) reaches the role's sessions but stays limited by their boundary and session policy.
 */
export type PrincipalGrant = 'everyone' | 'account' | 'principal' | 'role';

/** Why a Principal value could never name the caller. */
export type PrincipalNote =
  { code: 'canonicalUnknown'; value: string; oai: boolean } | { code: 'principalWildcard'; value: string } | { code: 'uniqueId'; value: string };

/** Whether (and why) a Deny's NotPrincipal spares the caller. */
export type NotPrincipalWhy =
  | { code: 'listsEveryone' }
  | { code: 'service'; listed: boolean; service: string }
  | { code: 'oai'; listed: boolean }
  | { code: 'anonymous' }
  | { code: 'boundary' }
  | { code: 'account'; listed: boolean; account: string }
  | { code: 'everyLevel' }
  | { code: 'someLevels'; caller: string; missing: string[] }
  | { code: 'notListed'; caller: string };

/** Why a statement does or does not apply. */
export type StatementReason =
  | { code: 'actionNotIncluded'; action: string }
  | { code: 'notActionExcludes'; action: string; by: string }
  | { code: 'resourceNotIncluded'; resource: string; unresolved: string[] }
  | { code: 'notResourceExcludes'; resource: string; by: string }
  | { code: 'principalNotNamed'; caller: string; notes: PrincipalNote[] }
  | { code: 'gatewayAccountPrincipal'; value: PrincipalValue; caller: string }
  | { code: 'notPrincipalSpares'; caller: string; spared: NotPrincipalWhy }
  | { code: 'notPrincipalExcludes'; caller: string; by: PrincipalValue }
  | { code: 'conditionNotMet'; failed: ConditionResult[] }
  | { code: 'conditionError'; errors: ConditionError[] }
  | { code: 'failClosed'; errors: ConditionError[] }
  | { code: 'matches'; conditions: boolean }
  /** The statement matches, but the service does not enforce this Deny for this caller (see `SetAsideRule`). */
  | { code: 'setAside'; rule: SetAsideRule; action: string };

/**
 * Why a service does not enforce a matching Deny of one policy: `bucketOwnerRoot`, S3's protection of the
 * bucket owner's root user against locking itself out of its bucket policy.
 */
export type SetAsideRule = 'bucketOwnerRoot';

/** What a statement's element matched, as data. */
export type MatchedValue =
  | { code: 'value'; text: string }
  | { code: 'principal'; value: PrincipalValue }
  | { code: 'notListed'; element: 'NotAction' | 'NotResource' | 'NotPrincipal'; subject: string }
  | { code: 'notPrincipalDeny'; spared: NotPrincipalWhy };

/** Where a statement is: its layer, document, position in the layer and in the document, and its text position. */
export interface StatementLocation {
  policyType: PolicyType;
  source: string;
  /** Position of the policy within its layer (identity policies are a list; SCP levels hold lists). */
  policyIndex: number;
  level?: number;
  statementIndex: number;
  sid?: string;
  line: number;
  column: number;
}

/** Why a statement did or did not apply to the request. */
export interface StatementResult extends StatementLocation {
  effect: Effect;
  applies: boolean;
  /** The first element that did not match, when the statement does not apply. */
  failedElement?: ElementName;
  /** The pattern or principal value that matched, per element (absent when none did). */
  matched: Partial<Record<'action' | 'resource' | 'principal', MatchedValue>>;
  why: StatementReason;
  /**
   * For an Allow that does not apply: every further element that fails too, in the order AWS documents
   * them (Resource, Principal, then the conditions that fail), beyond `why`'s first one. Explanation data
   * only: the decision reads `applies` and `why`.
   */
  alsoFails?: StatementReason[];
  conditions: ConditionResult[];
  /** True when a Deny was applied only because a condition could not be evaluated (fail closed). */
  failClosed?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Layers

export interface PolicyRef {
  source: string;
  policyIndex: number;
  level?: number;
}

/** The kind of caller that is not an IAM principal. */
export type CallerKind = Extract<PrincipalKind, 'anonymous' | 'oai' | 'identityProvider' | 'service'>;

/** An ACL grant that gave (or would give) the caller a permission. */
export interface AclGrantText {
  permission: AclPermission;
  to: { code: 'allUsers' } | { code: 'authenticatedUsers' } | { code: 'logDelivery' } | { code: 'canonicalUser'; id: string; oai: boolean; account?: string };
}

/** Why a request is refused whatever the policies say, like an explicit deny. */
export type Refusal =
  | { code: 'requesterPaysAnonymous' }
  | { code: 'requesterPaysHeader' }
  | { code: 'blockPublicAcls'; why: PublicAclWhy }
  | { code: 'restrictPublicBuckets'; statementIndex: number; sid?: string }
  | { code: 'ignorePublicAcls'; grants: AclGrantText[] };

/** What makes a request's ACL public. */
export type PublicAclWhy = { code: 'cannedPublic'; values: string[] } | { code: 'grantPublic'; key: string };

/** Why a layer has the result it has. */
export type LayerReason =
  | { code: 'denies'; count: number; level?: number }
  | { code: 'allows'; count: number; level?: number }
  | { code: 'noAllow'; action: string; resource: string; level?: number }
  | { code: 'noPolicy' }
  | { code: 'rcpManagementAccount' }
  | { code: 'rcpServiceNotCovered'; service: string }
  | { code: 'rcpServiceLinkedRole' }
  | { code: 'rcpAwsManagedKey' }
  | { code: 'scpNotIam' }
  | { code: 'scpManagementAccount' }
  | { code: 'scpServiceLinkedRole' }
  | { code: 'oaiNoKms' }
  | { code: 'noKeyPolicy' }
  | { code: 'noTrustPolicy' }
  | { code: 'noResourcePolicy' }
  /** The access point the request went through has no policy of its own. */
  | { code: 'noAccessPointPolicy' }
  | { code: 'callerHasNo'; caller: CallerKind; callerText: string; what: 'identity' | 'boundary' | 'session' }
  | { code: 'federationNoSessionPolicy' }
  | { code: 'rootFullAccess' }
  | { code: 'aclGrants'; on: 'bucket' | 'object'; grants: AclGrantText[] }
  | {
      code: 'aclNoGrant';
      on: 'bucket' | 'object';
      permission: AclPermission;
      notOwner?: { overwrite: boolean; owner?: string };
      ignored: AclGrantText[];
    }
  | { code: 'aclOnlyObjectAcl'; owner?: string; action: string }
  | { code: 'aclDisabled' }
  | { code: 'bucketPolicyUserContext'; objectOwner?: string }
  | { code: 'bucketPolicyNotReachObject'; objectOwner?: string }
  | { code: 'refused'; refusal: Refusal }
  /** The layer's matching Deny statements are set aside by the service (`allows`: Allow statements that still apply). */
  | { code: 'denySetAside'; rule: SetAsideRule; count: number; allows: number; action: string };

/** Why a layer's missing Allow did not matter for this request. */
export type NotRequiredWhy =
  { code: 'directGrant'; by: 'acl' | PolicyType; layer: 'identity' | 'boundary' | 'session' } | { code: 'identitySuffices' } | { code: 'resourceGrantsRole' };

/** The result of one layer (one policy type, or one SCP/RCP level). */
export interface LayerResultData {
  policyType: PolicyType;
  level?: number;
  result: LayerResult;
  why: LayerReason;
  /** Set on a layer without an Allow whose Allow this request did not need. */
  notRequired?: NotRequiredWhy;
  policies: PolicyRef[];
  statements: StatementResult[];
}

// ---------------------------------------------------------------------------------------------------
// Decisions

/** A statement (or a missing allow) that decided the request. */
export interface DecidingEntry {
  policyType: PolicyType;
  source?: string;
  policyIndex?: number;
  level?: number;
  statementIndex?: number;
  sid?: string;
  effect?: Effect;
  line?: number;
  column?: number;
  /** For a missing allow on an action other than the request's (chained requests). */
  action?: string;
  /** For a missing allow: what was needed. */
  missing?: string;
}

/** One part of an implicit deny: a layer whose Allow is missing, and why it was needed. */
export type MissingPart =
  | { code: 'guardrail'; policyType: PolicyType; level?: number; levelCount: number }
  | { code: 'nonIamCaller'; caller: CallerKind; callerText: string; oaiKms: boolean; via: 'acl' | PolicyType; action: string }
  | {
      code: 'crossAccount';
      principalAccount: string;
      resourceAccount?: string;
      kms: boolean;
      viaAcl: boolean;
      resourceType: PolicyType;
      lacking: PolicyType[];
      /** Same account, but role chaining with a source identity needs both sides, as across accounts. */
      roleChain?: true;
    }
  | { code: 'mustAllowSilent'; kms: boolean; policyGiven: boolean; identityAllows: boolean; action: string }
  | { code: 'identityMissing'; action: string; delegated?: { mustAllow: boolean; kms: boolean }; noGrantIn?: PolicyType }
  | { code: 'boundaryMissing'; action: string }
  | { code: 'sessionMissing'; action: string; federated: boolean }
  /**
   * Through an access point, the bucket policy grants nothing for the bucket or object behind it (it
   * neither names the caller nor delegates to access points): "Permissions granted in an access point
   * policy are only effective if the underlying bucket also allows the same access".
   */
  | { code: 'bucketBehindAccessPoint'; action: string; bucketArn: string; accessPointAccount: string; policyGiven: boolean };

/** The first reason of an explicit deny: a refusal, or a Deny statement with the facts that met its conditions. */
export type DenyCause = { code: 'refusal'; policyType: PolicyType; refusal: Refusal } | { code: 'statement'; statement: StatementResult };

/** The rules STS applies whatever the policies say. */
export type StsRule =
  | 'getCallerIdentity'
  | 'getSessionToken'
  | 'rootAssumeRole'
  | 'federatedIam'
  | 'federatedSts'
  | 'sessionTokenFromSession'
  | 'federationTokenFromSession'
  | 'sourceIdentityChanged';

/** S3's own refusals of a whole request, after its chained authorizations. */
export type S3Refusal = 'kmsAnonymous' | 'kmsHttp' | 'copyAnonymous' | 'bucketPolicyOtherAccount';

/** Why the decision is what it is. */
export type DecisionReason =
  /** `sourceIdentity`: for `sourceIdentityChanged`, the value the caller's session carries and the one the request sets. */
  | { code: 'sts'; rule: StsRule; sourceIdentity?: { persisted: string; requested: string } }
  | { code: 'explicitDeny'; first: DenyCause; more: number }
  | { code: 'implicitDeny'; parts: MissingPart[] }
  /** `setAside`: a matching Deny of the resource-based policy that the service did not enforce. */
  | { code: 'allowed'; by: (PolicyType | 'rootFullAccess')[]; guards: { policyType: PolicyType; level?: number }[]; setAside?: SetAsideRule }
  | { code: 'chainedDenied'; explicit: boolean; action: string; chained: { action: string; decision: Decision; why: DecisionReason }[] }
  | { code: 's3Refusal'; rule: S3Refusal };

/** Where S3 found the KMS key a chained authorization uses. */
export interface KeySource {
  how: 'objectEncryption' | 'objectKeyHeader' | 'uploadKeyHeader' | 'bucketDefault' | 'awsManagedDefault';
  /** The key id or alias was not an ARN: KMS resolves it in the requester's account. */
  bareId: boolean;
  /** Only an alias is known, not the key behind it. */
  aliasOnly?: string;
}

/** Why S3 makes a further authorization for a request. */
export type ChainReason =
  | { code: 'putObjectAcl'; canned?: string; grants: string[] }
  | { code: 'putObjectTagging' }
  | { code: 'putObjectRetention' }
  | { code: 'putObjectLegalHold' }
  | { code: 'copySourceRead'; sameBucket: boolean }
  | { code: 'copySourceKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'uploadKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'multipartKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'bucketKeyKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'replicaKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'readKms'; key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }
  | { code: 'createBucketAcl'; canned?: string; grants: string[] }
  | { code: 'createBucketOwnership' }
  /** STS: the AssumeRole* call passes session tags (and perhaps transitive keys). */
  | { code: 'tagSession'; keys: string[]; transitive: string[] }
  /** STS: the AssumeRole* call sets a source identity; `persisted` when it persists from the caller's role session. */
  | { code: 'setSourceIdentity'; value: string; persisted: boolean };

/** One further authorization S3 performs for the request, decided through every applicable layer. */
export interface ChainedResult {
  action: string;
  resource: string;
  because: ChainReason;
  decision: Decision;
  why: DecisionReason;
  deciding: DecidingEntry[];
  layers: LayerResultData[];
  /** For KMS authorizations: the key, and whether AWS manages it (its policy cannot be changed). */
  kmsKey?: { arn: string; awsManaged: boolean; alias?: string };
}

/** The decision for one request (without S3's chained authorizations). */
export interface Evaluation {
  decision: Decision;
  why: DecisionReason;
  deciding: DecidingEntry[];
  /** Layers in AWS's evaluation order: refusals, RCPs, SCPs, VPC endpoint, resource, ACL, identity, boundary, session. */
  layers: LayerResultData[];
  /** True when the principal and the resource are in different accounts. */
  crossAccount: boolean;
  /** Account that owns what the request acts on (for an S3 object: the object's owner). */
  resourceOwner?: string;
  /** Documented defaults (aws:SecureTransport…) and assumed derivations that some condition consulted. */
  consultedDefaults: string[];
}

/** The whole decision: the request itself and every authorization S3 chains to it. */
export interface FullEvaluation extends Evaluation {
  additionalRequests: ChainedResult[];
}
