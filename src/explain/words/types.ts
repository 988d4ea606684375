import type { AwsVerdict, EvidenceKind, FactHow, MissingEvidence, VerdictAgreement } from '../../model/evidence.js';
import type { Severity } from '../../model/diagnostic.js';
import type {
  AclGrantText,
  LayerResult,
  ChainReason,
  ConditionError,
  ConditionReason,
  DecisionReason,
  KeySource,
  LayerReason,
  MatchedValue,
  MissingPart,
  NotPrincipalWhy,
  NotRequiredWhy,
  PrincipalGrant,
  PrincipalNote,
  PublicAclWhy,
  Refusal,
  S3Refusal,
  StatementReason,
  StatementResult,
  StsRule,
} from '../../model/evaluation.js';
import type { PolicyType, PrincipalValue } from '../../model/policy.js';
import type { DocumentRef } from '../../model/source.js';
import type { AssumptionReason, ContextInput } from '../../model/request.js';
import type { ConditionTrace, DependsOn, FixChange, FixParty, ReportDecision, Weakening } from '../../model/report.js';

/** One function per code: the compiler checks that a words table words every code of a union. */
export type ByCode<U extends { code: string }> = { [K in U['code']]: (r: Extract<U, { code: K }>) => string };

/** A condition as the words need it: the operator as written, the policy's values, the request's. */
export type ConditionView = Pick<ConditionTrace, 'operator' | 'key' | 'policyValues' | 'requestValue'>;

/** The languages policy-why explains in. AWS names (actions, keys, policy JSON, CLI flags) stay as AWS spells them. */
export type { Lang } from '../../model/lang.js';
import type { Lang } from '../../model/lang.js';

/**
 * Every sentence policy-why prints, for one language. The evaluator returns codes with data; this
 * table is the only place that turns them into words.
 */
export interface Words {
  lang: Lang;
  /** What each policy type is called. */
  policyType: Readonly<Record<PolicyType, string>>;
  /**
   * A document's name in this language, when the name is more than a path: a policy embedded as a
   * string in another file, or a document policy-why generated. Undefined keeps the name as read.
   */
  documentLabel(ref: DocumentRef): string | undefined;
  /** The name of an organization level (0 is the root, the last is the account). */
  levelName(level: number, count: number): string;

  // Conditions
  conditionError: ByCode<ConditionError>;
  conditionReason: ByCode<ConditionReason>;
  /** What a condition requires of the key: `must be "AES256"`, `must not be in 10.0.0.0/8`. */
  requirement(t: Pick<ConditionView, 'operator' | 'policyValues'>): string;
  /** `StringEquals s3:x-amz-acl must be "public-read", request has "private"` */
  conditionSummary(t: ConditionView): string;

  // Statements
  statementReason: ByCode<StatementReason>;
  principalNote: ByCode<PrincipalNote>;
  notPrincipal: ByCode<NotPrincipalWhy>;
  matched: ByCode<MatchedValue>;
  /** Appended to the reason of a resource-policy Allow that names the caller but lacks the action. */
  namesCaller(grant: PrincipalGrant, value: PrincipalValue): string;
  principalText(v: PrincipalValue): string;

  // Layers
  layerReason: ByCode<LayerReason>;
  notRequired: ByCode<NotRequiredWhy>;
  refusal: ByCode<Refusal>;
  publicAcl: ByCode<PublicAclWhy>;
  aclGrant(g: AclGrantText): string;

  // Decisions
  decision: ByCode<DecisionReason>;
  missingPart: ByCode<MissingPart>;
  sts: Readonly<Record<StsRule, string>>;
  s3Refusal: Readonly<Record<S3Refusal, string>>;
  /** `statement "Sid" (#0) in file:4:5` */
  describeStatement(m: Pick<StatementResult, 'sid' | 'statementIndex' | 'source' | 'line' | 'column'>): string;

  // Chained authorizations
  chainReason: ByCode<ChainReason>;
  keySource(k: KeySource): string;

  // Assumptions
  assumption: ByCode<AssumptionReason>;
  /** Why a documented default was assumed (aws:SecureTransport, aws:CurrentTime…). */
  defaultAssumed(key: string): string;

  // Notes (computed by explain/notes.ts from the request's facts)
  notes: NoteWords;
  // Fixes (explain/fixes.ts)
  fixes: FixWords;
  // The terminal layout (render/text.ts)
  text: TextWords;
  // The reports of `policy-why check` (render/check/)
  check: CheckWords;
  // The Evidence section (explain/evidence.ts)
  evidence: EvidenceWords;
}

/** Words of the Evidence section: what each input gave, AWS's verdict against the evaluation, what is missing. */
export interface EvidenceWords {
  heading: string;
  kind: Readonly<Record<EvidenceKind, string>>;
  /** A request-document field as the section names it (`/context/aws:SourceIp` → `aws:SourceIp`). */
  field(pointer: string): string;
  how: ByCode<FactHow>;
  /** After a fact another source overrode. */
  overridden(by: string): string;
  /** AWS's verdict as the evidence gives it. */
  verdict(v: AwsVerdict): string;
  agreement: ByCode<VerdictAgreement>;
  missing: ByCode<MissingEvidence>;
  /** After a policy of the evidence that was not placed: `why` is the flag that gives its layer, or `other principal`. */
  notUsed(why: string): string;
  /** The count of policies of other users and roles that the evidence carries and that are not the caller's. */
  otherPrincipals(count: number): string;
  /** Labels of the text layout. */
  said: string;
  policiesHeading: string;
  missingHeading: string;
  run: string;
}

/** Words of the `check` reports: labels and summary lines; each finding's message comes from its rule. */
export interface CheckWords {
  severity: Readonly<Record<Severity, string>>;
  /** The summary line: counts of unsuppressed findings, and of files and policies read. */
  summary(d: { errors: number; warnings: number; infos: number; files: number; policies: number }): string;
  noFindings(d: { files: number; policies: number }): string;
  /** How a document's policy type was known, when it was not from its container. */
  typeFrom(d: { type: string; evidence: 'config' | 'filename' | 'inferred' }): string;
  suppressed(d: { kind: 'inline' | 'config' | 'baseline'; reason: string }): string;
  suppressedCount(count: number): string;
  /** After `--write-baseline`. */
  baselineWritten(d: { file: string; count: number }): string;
  serviceData(date: string): string;
  /** Column headings of the Markdown report's tables (`--format markdown`). */
  column: { line: string; file: string; severity: string; rule: string; message: string; reason: string };
  /** The last GitHub annotation when GitHub's per-step limit left findings out (`--format github`). */
  annotationsLeftOut(d: { left: number; shown: number }): string;
}

export interface NoteWords {
  allPoliciesAllow: string;
  /** No AWS policy was evaluated: the request went to `host`, a store that is not AWS. */
  noAwsPolicy(host: string): string;
  /** The summary of a report whose request went to a store that is not AWS, with no AWS policy given. */
  notEvaluated(host: string): string;
  allPoliciesAllowWithCauses: string;
  /** `sent`: the checksum headers the request sent (absent when its headers were not given); `client`: a client that adds them by default. */
  checksumHeaders(v: { host: string; sent?: string[]; client?: string }): string;
  checksumHeadersFix: string;
  presignedExpired(at: string): string;
  presignedExpiredFix: string;
  clockSkew(signedAt: string): string;
  clockSkewFix: string;
  missingObject404: string;
  missingObjectGetDenied: string;
  missingObjectNoList: string;
  missingObjectFix(bucket: string): string;
  oaiKms: string;
  oaiKmsFix: string;
  awsManagedKeyService(service: string): string;
  awsManagedKeyServiceFix(service: string): string;
  awsManagedKeyCrossAccount(upload: boolean): string;
  awsManagedKeyCrossAccountFix(upload: boolean): string;
  requesterPaysAnonymous: string;
  requesterPaysAnonymousFix: string;
  /** An anonymous read of an object that is not public: share it instead (presigned URL, CloudFront OAC). */
  anonymousPrivateObject: string;
  anonymousPrivateObjectFix(bucket: string, key: string): string;
  aclNotSupported(subject: { action?: string; what: string }): string;
  aclNotSupportedFix(aclAction: boolean): string;
  /** Object Ownership not given: the ACL the request sends fails with 400 if the bucket is BucketOwnerEnforced. */
  aclNotSupportedIfEnforced(subject: { action?: string; what: string }): string;
  aclNotSupportedIfEnforcedFix(aclAction: boolean): string;
  /** Names a client that adds checksum headers by default. */
  client(kind: 'boto' | 'cli' | 'js' | 'java', version: string): string;
  /** What an ACL request sends when it names no canned ACL or grant. */
  newAcl: string;
  /** A context key the request gives that no service and no global key defines. */
  unknownContextKey(key: string, suggestion: string | undefined): string;
  unknownContextKeyFix(key: string, suggestion: string): string;
  /** A policy condition key AWS never sets for the request's action; `neverApplies` for a Deny that therefore never applies. */
  keyNeverPresent(v: KeyNeverPresent): string;
  keyNeverPresentFix(key: string, suggestion: string): string;
}

/** A statement's condition key that the request's action can never carry. */
export interface KeyNeverPresent {
  key: string;
  action: string;
  /** The statement: its Sid or number, file, line and column. */
  statement: string;
  neverApplies: boolean;
  suggestion?: string;
}

export interface FixWords {
  /** A hint that names how to send a header, a transport or a network path. */
  hint: {
    withoutHeader(header: string): string;
    https: string;
    http: string;
    sourceIp(value: string): string;
    sourceVpce(value: string): string;
    sourceVpc(value: string): string;
    addressIn(range: string): string;
    requestPayer: string;
    noPublicAcl: string;
    blockPublicAccessOff(flag: string): string;
    objectOwnershipEnforced: string;
    /**
     * For an existing object another account owns (ACLs enabled): its owner grants the bucket owner's account
     * FULL_CONTROL with the bucket-owner-full-control canned ACL; on ObjectWriter and BucketOwnerPreferred the
     * object stays the owner's (only a new write changes ownership, and only on BucketOwnerPreferred).
     */
    objectAclBucketOwnerFullControl(o: { objectOwner: string; bucket: string; key: string }): string;
    /** BucketOwnerPreferred only: the object's owner copies it in place with bucket-owner-full-control, and the bucket owner then owns it. */
    copyInPlaceBucketOwner(o: { objectOwner: string; bucket: string; key: string }): string;
    /**
     * Said after a hint to send bucket-owner-full-control on an upload to another account's bucket with ACLs
     * enabled: who owns the object then (the uploader on ObjectWriter, the bucket owner on BucketOwnerPreferred).
     */
    bucketOwnerFullControlOwner(ownership: 'ObjectWriter' | 'BucketOwnerPreferred', uploader: string | undefined): string;
    /** Drop the ACL flags: the bucket's Object Ownership (BucketOwnerEnforced) disables ACLs. */
    noAclEnforced(flags: string[]): string;
  };
  target: {
    kmsKeyPolicy: string;
    identityFor(principal: string): string;
    federatedCreator: string;
    role(name: string): string;
    sessionPolicy: string;
    organization(policyType: 'scp' | 'rcp', level: number, name: string, alsoIn?: { action: string; source: string }): string;
    trustPolicy: string;
    resourcePolicy: string;
    accessPointPolicy: string;
  };
  /** One change as a sentence, for a fix's summary. */
  describe(c: FixChange): string;
  /** One change as the headline of a numbered fix in the terminal. */
  headline(c: FixChange): string;
  /** How the changes of one fix join in its summary. */
  joiner: string;
  setContext(key: string, value: ContextInput): string;
  /** Said of a fix that changes only the request: every policy stays as it is. */
  safer: string;
  /** What a fix lets the request through without (a condition, a Deny, an ACL grant, Block Public Access). */
  weakens(x: Weakening): string;
  /** Who can make a change: the caller, or the account that owns the policy or setting. */
  who(p: FixParty): string;
}

export interface TextWords {
  /** The headline's warning that the answer depends on an unknown fact, with the decision under each reading. */
  dependsOn(d: DependsOn): string;
  /** The caller as the headline names it (the request's principal, or the anonymous caller). */
  caller(principal: string): string;
  /** Said after the decision in the headline (a gloss of the decision's name, or nothing). */
  decisionGloss(decision: ReportDecision): string;
  /** `s3:PutObject on arn:aws:s3:::bucket/key` */
  actionOn(action: string, resource: string): string;
  /** A decision or a layer's result as the layer table shows it. */
  result(result: LayerResult): string;
  by: string;
  account(account: string): string;
  objectOwnedBy(objectOwner: string, bucketOwner: string, crossAccount: boolean): string;
  resourceAssumed(account: string): string;
  resourceIn(account: string, crossAccount: boolean): string;
  why: string;
  likelyCause: string;
  fixLabel: string;
  noPolicyDecides: string;
  noPolicyDecidesRest: string;
  missingAllow: string;
  missingLine(what: string, level: string, action: string): string;
  levelSuffix(level: number, name: string): string;
  aclGrantWhat: string;
  forAction(action: string): string;
  alsoFor(actions: string[]): string;
  closest: string;
  /** Before each further element that fails in a closest statement (after the first one). */
  alsoFails: string;
  more(n: number): string;
  grantedBy: string;
  deniedBy: string;
  /** The heading over the further authorizations the request's service makes (`S3`, `STS`). */
  /** The heading of the further authorizations a service makes for the request (its actions name the service). */
  alsoAuthorized: (actions: string[]) => string;
  layersLabel: string;
  layersHeading(hasLevels: boolean): string;
  layerName(policyType: PolicyType, level?: number): string;
  notNeeded: string;
  butRefuses(actions: string[]): string;
  refuses(actions: string[]): string;
  notes: string;
  assumptions: string;
  fixHeading: string;
  /** Before the parties who can make a fix. */
  whoCanMake: string;
  /** Who can make a fix whose parties are those of an earlier fix (numbered from 1): said once, then referred to. */
  whoAsFor(fix: number): string;
  /** A layer row whose reason is the row's above. */
  sameAsAbove: string;
  noFixButNotes: string;
  noFix: string;
  and: string;
  sid(sid: string): string;
  statementNumber(index: number): string;
  /** A condition line of an Allow: what it requires, the request's value, the verdict. */
  allowCondition(t: ConditionTrace, requirement: string, request: string): { text: string; verdict: string };
  /** A condition line of a Deny: when it denies, the request's value, the verdict. */
  denyCondition(t: ConditionTrace, requirement: string, request: string): { text: string; verdict: string };
  requestValue(t: ConditionTrace): string;
}
