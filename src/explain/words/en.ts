import type { AclGrantText, KeySource, SetAsideRule, StatementResult } from '../../model/evaluation.js';
import type { PrincipalValue } from '../../model/policy.js';
import { POLICY_TYPE_NAMES, policyTypeWithArticle } from '../../iam/policy-types.js';
import { chainingService } from '../../iam/sts.js';
import type { ConditionView, Words } from './types.js';
import { evidenceField } from './evidence-field.js';
import { requirementShape } from './requirement.js';

/** The English edition of every sentence policy-why prints. */

const NAMES = POLICY_TYPE_NAMES;

const json = (v: unknown) => JSON.stringify(v);
const at = (level: number | undefined) => (level !== undefined ? ` at level ${level}` : '');
const sidOf = (sid: string | undefined) => (sid !== undefined ? ` "${sid}"` : '');
const ownPolicy = (kms: boolean) => (kms ? 'key policy' : 'role trust policy');
/** What S3 rejects when ACLs are disabled: the ACL call, or the upload that sends an ACL. */
const aclRejected = ({ action, what }: { action?: string; what: string }): string =>
  `${action !== undefined ? `${action} with ${what}` : `an upload with ${what}`} with 400 AccessControlListNotSupported`;

function levelName(level: number, count: number): string {
  if (level === 0) return 'the root';
  if (level === count - 1) return 'the account';
  return `OU ${level}`;
}

const CMP_SIGN = { lt: '<', le: '≤', gt: '>', ge: '≥' } as const;

function requirement(t: Pick<ConditionView, 'operator' | 'policyValues'>): string {
  const shape = requirementShape(t.operator, t.policyValues);
  const vs = t.policyValues.map((v) => json(v));
  const list = vs.length === 1 ? vs[0]! : `one of ${vs.join(', ')}`;
  const be = shape.negated ? 'must not be' : 'must be';
  switch (shape.kind) {
    case 'null':
      return shape.absent ? 'must be absent' : 'must be present';
    case 'ip':
      return `${be} in ${vs.length === 1 ? t.policyValues[0] : `one of ${t.policyValues.join(', ')}`}`;
    case 'like':
      return `${shape.negated ? 'must not match' : 'must match'} ${list}`;
    case 'compare':
      return `must be ${CMP_SIGN[shape.cmp!]} ${list}`;
    case 'equals':
      return `${be} ${list}`;
  }
}

const conditionSummary = (t: ConditionView) =>
  `${t.operator} ${t.key} ${requirement(t)}, request has ${t.requestValue === null ? 'no value' : json(t.requestValue)}`;

/** Why a service does not enforce a matching Deny (model: `SetAsideRule`). */
const SET_ASIDE: Readonly<Record<SetAsideRule, (action: string) => string>> = {
  bucketOwnerRoot: (action) =>
    `the bucket owner's root user can always call ${action} on its own bucket, even when the bucket policy denies it (S3's protection against locking the owner out); only SCPs, RCPs and VPC endpoint policies can block it`,
};

/** The same, in the headline of an Allowed answer. */
const SET_ASIDE_HEADLINE: Readonly<Record<SetAsideRule, string>> = {
  bucketOwnerRoot: "the bucket policy's Deny is not enforced: S3 never locks the bucket owner's root user out of its bucket policy",
};

const principalText = (v: PrincipalValue) => (v.type === '*' ? '*' : `${v.type}: ${v.value}`);

function aclGrant(g: AclGrantText): string {
  const to = g.to;
  let whom: string;
  if (to.code === 'allUsers') whom = 'AllUsers';
  else if (to.code === 'authenticatedUsers') whom = 'AuthenticatedUsers';
  else if (to.code === 'logDelivery') whom = 'the Log Delivery group (S3 server access logging)';
  else whom = `canonical user ${to.id} (${to.oai ? 'the origin access identity' : `account ${String(to.account)}`})`;
  return `${g.permission} to ${whom}`;
}

function callerWords(kind: string, text: string): string {
  if (kind === 'anonymous') return 'an anonymous caller';
  if (kind === 'oai') return 'a CloudFront origin access identity';
  if (kind === 'identityProvider') return `a caller vouched for by identity provider ${text}`;
  return 'a service principal';
}

function keySource(k: KeySource): string {
  const how = {
    objectEncryption: 'the object is encrypted with this key (s3.objectEncryption)',
    objectKeyHeader: 'the object is encrypted with this key (s3:x-amz-server-side-encryption-aws-kms-key-id)',
    uploadKeyHeader: 'the upload names this key (x-amz-server-side-encryption-aws-kms-key-id)',
    bucketDefault: "the bucket's default encryption uses this key",
    awsManagedDefault: 'SSE-KMS without a key: S3 uses the AWS managed key aws/s3 of the uploading account',
  }[k.how];
  const bare = k.bareId ? "; a key id or alias, not an ARN, so KMS resolves it in the requester's account" : '';
  const alias =
    k.aliasOnly !== undefined
      ? `; the key behind ${k.aliasOnly} is not known here and IAM policies name keys by key ARN, so only a Resource covering every key of the account matches`
      : '';
  return `${how}${bare}${alias}`;
}

function kmsChain(what: string, k: { key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }): string {
  const rcp = k.foreignRcp
    ? `; the RCPs given govern account ${k.foreignRcp.bucketAccount}, not the key's account ${k.foreignRcp.keyAccount}, so they are not applied to this call`
    : '';
  return `${what}; ${keySource(k.key)}${rcp}`;
}

function describeStatement(m: Pick<StatementResult, 'sid' | 'statementIndex' | 'source' | 'line' | 'column'>): string {
  return `statement${sidOf(m.sid)} (#${m.statementIndex}) in ${m.source}:${m.line}:${m.column}`;
}

/** `, whose condition this request meets: aws:SecureTransport is false` — the fact that made a Deny apply. */
function conditionFacts(m: StatementResult): string {
  const met = m.conditions.filter((t) => t.result && !t.error);
  if (!met.length) return '';
  return `, whose condition this request meets: ${met.map((t) => `${t.key} is ${t.requestValue === null ? 'absent' : json(t.requestValue)}`).join(' and ')}`;
}

const targetIn = (kms: boolean, viaAcl: boolean) => {
  if (kms) return 'key in';
  return viaAcl ? 'object owned by' : 'resource in';
};

/** ` — cannot compare: …`, or the verdict for a condition that could be compared. */
const verdict = (t: { error?: string; result: boolean }, holds: string, fails: string) => {
  if (t.error) return ` — cannot compare: ${t.error}`;
  return t.result ? holds : fails;
};

const matchWord = (negated: boolean) => (negated ? 'match none of' : 'match one of');

export const en: Words = {
  lang: 'en',
  policyType: NAMES,
  documentLabel: () => undefined,
  levelName,

  conditionError: {
    policyValueType: ({ type, value }) =>
      `policy value \`${value}\` is not ${
        {
          number: 'a number',
          date: 'an ISO 8601 date or epoch seconds',
          bool: 'true or false',
          base64: 'base64',
          ip: 'an IP address or CIDR range',
          arn: 'an ARN',
        }[type]
      }`,
    requestValueType: ({ type, value }) =>
      `request value \`${value}\` is not ${{ number: 'a number', date: 'a date', bool: 'true or false', base64: 'base64', ip: 'an IP address', arn: 'an ARN' }[type]}`,
    variableNotBool: ({ value, resolved }) => `policy value \`${value}\` resolves to \`${resolved}\`, which is not true or false`,
    nullValue: ({ value }) => `Null takes true or false, not \`${value}\``,
    templateValue: ({ value }) => `policy value \`${value}\` holds a template value known only when the template is deployed`,
  },
  conditionReason: {
    nullBadValue: () => 'the Null operator takes true or false',
    nullTested: ({ present, holds }) =>
      present ? `key is present, so Null ${holds ? 'false holds' : 'true fails'}` : `key is absent, so Null ${holds ? 'true holds' : 'false fails'}`,
    absent: ({ empty, rule }) => {
      const what = empty ? 'key has no values' : 'key is absent from the request';
      return {
        ifExists: `${what}; IfExists makes the condition true`,
        forAllValues: `${what}; ForAllValues is true for an absent or empty key`,
        forAnyValue: `${what}; ForAnyValue needs at least one value`,
        negated: `${what}; a negated operator is true when the key is absent`,
        plain: `${what}, so the condition cannot match`,
      }[rule];
    },
    nullDataSet: ({ set }) =>
      set === 'ForAllValues'
        ? 'key values are empty strings (a null data set); ForAllValues is true for a null data set'
        : 'key values are empty strings (a null data set); ForAnyValue needs at least one value',
    compared: ({ holds, how, negated }) => {
      const text = {
        forAll: `every request value must ${matchWord(negated)} the policy values`,
        forAny: `at least one request value must ${matchWord(negated)} the policy values`,
        multiStrict: `several request values without ForAnyValue/ForAllValues (undefined by AWS; read strictly for an Allow): every value must ${matchWord(negated)} the policy values`,
        multiBroad: `several request values without ForAnyValue/ForAllValues (undefined by AWS; read broadly for a Deny): any value that ${negated ? 'matches none of' : 'matches one of'} the policy values suffices`,
        single: `the request value must ${matchWord(negated)} the policy values`,
      }[how];
      return `${holds ? 'holds' : 'fails'}: ${text}`;
    },
    cannotCompare: ({ error }) => `cannot compare: ${en.conditionError[error.code](error as never)}`,
  },
  requirement,
  conditionSummary,

  statementReason: {
    actionNotIncluded: ({ action }) => `Action does not include ${action}`,
    notActionExcludes: ({ action, by }) => `NotAction excludes ${action} (by \`${by}\`)`,
    resourceNotIncluded: ({ resource, unresolved }) =>
      `Resource does not include ${resource}${unresolved.length ? ` (policy variable ${unresolved.map((u) => `\${${u}}`).join(', ')} has no value in the request)` : ''}`,
    notResourceExcludes: ({ resource, by }) => `NotResource excludes ${resource} (by \`${by}\`)`,
    principalNotNamed: ({ caller, notes }) =>
      `Principal does not name ${caller}${notes.length ? `; ${notes.map((n) => en.principalNote[n.code](n as never)).join('; ')}` : ''}`,
    gatewayAccountPrincipal: ({ value, caller }) =>
      `in a gateway endpoint policy, ${principalText(value)} admits only the account's root user, not ${caller} (use Principal "*" with an aws:PrincipalArn condition; set \`vpcEndpointType\` to Interface for an interface endpoint)`,
    notPrincipalSpares: ({ caller, spared }) => `NotPrincipal excludes ${caller}: ${en.notPrincipal[spared.code](spared as never)}`,
    notPrincipalExcludes: ({ caller, by }) => `NotPrincipal excludes ${caller} (by ${principalText(by)})`,
    conditionNotMet: ({ failed }) => `condition not met: ${failed.map(conditionSummary).join('; ')}`,
    conditionError: ({ errors }) =>
      `condition could not be evaluated, so the Allow does not apply: ${errors.map((e) => en.conditionError[e.code](e as never)).join('; ')}`,
    failClosed: ({ errors }) =>
      `applied to fail closed: condition could not be evaluated (${errors.map((e) => en.conditionError[e.code](e as never)).join('; ')})`,
    matches: ({ conditions }) => (conditions ? 'matches, and every condition holds' : 'matches (no conditions)'),
    setAside: ({ rule, action }) => `matches, but S3 does not enforce this Deny: ${SET_ASIDE[rule](action)}`,
  },
  principalNote: {
    canonicalUnknown: ({ value, oai }) =>
      `CanonicalUser ${value} cannot be matched: no canonical user id is known for the caller${oai ? '' : "'s account"} (s3.canonicalUserIds)`,
    principalWildcard: ({ value }) =>
      `\`${value}\`: wildcards inside a principal are not supported by AWS, so it matches nobody (use a condition on aws:PrincipalArn)`,
    uniqueId: ({ value }) =>
      `\`${value}\` is a unique id (a deleted or recreated user or role shows this way); the request names the caller by ARN, so it is not matched`,
  },
  notPrincipal: {
    listsEveryone: () => 'NotPrincipal lists everyone',
    service: ({ listed, service }) => (listed ? `NotPrincipal lists ${service}` : `NotPrincipal does not list ${service}`),
    oai: ({ listed }) => (listed ? 'NotPrincipal lists the origin access identity' : 'NotPrincipal does not list the origin access identity'),
    anonymous: () => 'NotPrincipal does not list everyone, so an anonymous caller is denied',
    boundary: () => 'a Deny with NotPrincipal always denies a principal that has a permissions boundary attached',
    account: ({ listed, account }) => (listed ? 'NotPrincipal lists the account' : `NotPrincipal does not list account ${account}`),
    everyLevel: () => 'NotPrincipal lists the caller at every level (account, role, session)',
    someLevels: ({ caller, missing }) => `NotPrincipal lists ${caller} but not ${missing.join(' and ')}; AWS checks every level, so the Deny applies`,
    notListed: ({ caller }) => `NotPrincipal does not list ${caller}`,
  },
  matched: {
    value: ({ text }) => text,
    principal: ({ value }) => principalText(value),
    notListed: ({ element, subject }) => `${element} (${subject} not listed)`,
    notPrincipalDeny: ({ spared }) => `NotPrincipal: ${en.notPrincipal[spared.code](spared as never)}`,
  },
  namesCaller: (grant, value) => {
    const whom = { account: "this principal's account", role: "this session's role", principal: 'this principal', everyone: 'this principal' }[grant];
    return ` (it names ${whom}: ${principalText(value)})`;
  },
  principalText,

  layerReason: {
    denies: ({ count, level }) => `${count === 1 ? 'a Deny statement applies' : `${count} Deny statements apply`}${at(level)}`,
    allows: ({ count, level }) => `${count === 1 ? 'an Allow statement applies' : `${count} Allow statements apply`}${at(level)}`,
    noAllow: ({ action, resource, level }) => `no statement${at(level)} allows ${action} on ${resource}`,
    denySetAside: ({ rule, count, allows, action }) =>
      `${count === 1 ? 'a Deny statement matches' : `${count} Deny statements match`}, but S3 does not enforce ${count === 1 ? 'it' : 'them'}: ${SET_ASIDE[rule](action)}` +
      (allows ? `; ${allows === 1 ? 'an Allow statement applies' : `${allows} Allow statements apply`}` : ''),
    noPolicy: () => 'no policy given for this layer',
    rcpManagementAccount: () => 'RCPs do not affect resources in the management account',
    rcpServiceNotCovered: ({ service }) => `RCPs do not apply to ${service} actions`,
    rcpServiceLinkedRole: () => 'RCPs do not restrict service-linked roles',
    rcpAwsManagedKey: () => 'RCPs do not apply to AWS managed KMS keys',
    scpNotIam: () => 'SCPs restrict IAM users and roles only, not anonymous callers or service principals',
    scpManagementAccount: () => 'SCPs do not affect principals in the management account',
    scpServiceLinkedRole: () => 'SCPs do not affect service-linked roles',
    oaiNoKms: () => 'a CloudFront origin access identity cannot use KMS keys (use origin access control and grant cloudfront.amazonaws.com in the key policy)',
    noKeyPolicy: () => 'no key policy given: a KMS key always has one, and it must allow the request',
    noTrustPolicy: () => 'no role trust policy given: a role always has one, and it must allow the request',
    noResourcePolicy: () => 'no resource-based policy given',
    noAccessPointPolicy: () => 'no access point policy given: within its account, the identity-based policy decides the access point side',
    callerHasNo: ({ caller, callerText, what }) =>
      `${callerWords(caller, callerText)} has no ${{ identity: 'identity-based policies', boundary: 'permissions boundary', session: 'session' }[what]}`,
    federationNoSessionPolicy: () =>
      'a federated user session created without a session policy (GetFederationToken without --policy or --policy-arns) has no permissions of its own',
    rootFullAccess: () => 'the account root user has full access within its own account',
    aclGrants: ({ on, grants }) => `the ${on} ACL grants ${grants.map(aclGrant).join(', ')}`,
    aclNoGrant: ({ on, permission, notOwner, ignored }) =>
      `the ${on} ACL grants no ${permission} to this caller` +
      (notOwner
        ? ` (its WRITE grant does not let a non-owner ${notOwner.overwrite ? 'overwrite' : 'delete'} an existing object owned by ${notOwner.owner ?? 'the bucket owner'})`
        : '') +
      (ignored.length ? ` (IgnorePublicAcls ignores ${ignored.map(aclGrant).join(', ')})` : ''),
    aclOnlyObjectAcl: ({ owner, action }) => `no object ACL given; the object is owned by ${String(owner)}, so only its ACL can grant ${action}`,
    aclDisabled: () => 'ACLs are disabled (Object Ownership is BucketOwnerEnforced)',
    bucketPolicyUserContext: ({ objectOwner }) =>
      `its Allow gives the caller its own account's permission (the caller's account owns the bucket); the object is owned by account ${String(objectOwner)}, whose object ACL must grant too`,
    bucketPolicyNotReachObject: ({ objectOwner }) =>
      `its Allow does not reach this object: the object is owned by account ${String(objectOwner)}, not by the bucket owner, so only the object ACL can grant access to it`,
    refused: ({ refusal }) => en.refusal[refusal.code](refusal as never),
  },
  notRequired: {
    directGrant: ({ by, layer }) => {
      const direct = `the ${by === 'acl' ? 'ACL' : NAMES[by]} grants to this principal directly`;
      if (layer === 'boundary') return ` (not required: ${direct}, which an implicit deny in the boundary does not limit)`;
      if (layer === 'session') return ` (not required: ${direct}, which an implicit deny in the session policy does not limit)`;
      return ` (not required: ${direct})`;
    },
    identitySuffices: () => ' (not required: within one account the identity-based Allow suffices)',
    resourceGrantsRole: () => ' (not required: the resource-based policy grants to the role)',
  },
  refusal: {
    requesterPaysAnonymous: () => 'the bucket is Requester Pays, which does not accept anonymous requests',
    requesterPaysHeader: () => 'the bucket is Requester Pays and the request does not carry `x-amz-request-payer: requester` (CLI: --request-payer requester)',
    blockPublicAcls: ({ why }) => `BlockPublicAcls rejects the request: ${en.publicAcl[why.code](why as never)}`,
    restrictPublicBuckets: ({ statementIndex, sid }) =>
      `RestrictPublicBuckets: the bucket policy is public (statement #${statementIndex}${sidOf(sid)}), so only the bucket owner's account and AWS service principals may access the bucket`,
    ignorePublicAcls: ({ grants }) =>
      `IgnorePublicAcls: only the ACL's public grant (${grants.map(aclGrant).join(', ')}) would allow this request, and Block Public Access ignores it`,
  },
  publicAcl: {
    cannedPublic: ({ values }) => `the canned ACL \`${values.join(',')}\` is public`,
    grantPublic: ({ key }) => `${key} grants to a public group`,
  },
  aclGrant,

  decision: {
    sts: ({ rule, sourceIdentity }) =>
      en.sts[rule] +
      (sourceIdentity
        ? `: the session carries "${sourceIdentity.persisted}" and the request sets "${sourceIdentity.requested}"; send no SourceIdentity, or the same value`
        : ''),
    explicitDeny: ({ first, more }) => {
      const why =
        first.code === 'refusal'
          ? `${NAMES[first.policyType]}: ${en.refusal[first.refusal.code](first.refusal as never)}`
          : `${describeStatement(first.statement)} (${NAMES[first.statement.policyType]})${conditionFacts(first.statement)}`;
      return `explicitly denied by ${why}${more > 0 ? `; ${more} more Deny statement(s) apply too` : ''}`;
    },
    implicitDeny: ({ parts }) => `implicitly denied: ${parts.map((p) => en.missingPart[p.code](p as never)).join('; ')}`,
    allowed: ({ by, guards, setAside }) => {
      const layers = by.map((b) => (b === 'rootFullAccess' ? "account root user's full access to its own account" : NAMES[b]));
      const guardText = guards.map((g) => (g.level !== undefined ? `${g.policyType.toUpperCase()} level ${g.level}` : NAMES[g.policyType]));
      const aside = setAside ? `; ${SET_ASIDE_HEADLINE[setAside]}` : '';
      return `allowed by the ${layers.join(' and the ')}${guards.length ? `; every guardrail allows too (${guardText.join(', ')})` : ''}${aside}`;
    },
    chainedDenied: ({ explicit, action, chained }) => {
      const body = chained.map((c) => {
        const summary = en.decision[c.why.code](c.why as never);
        const rest = summary.replace(/^(implicitly|explicitly) denied:?\s*(by\s*)?/, (_m, _k, by) => (by ? 'denied by ' : ''));
        return `${c.action}, which ${chainingService([c.action])} also checks, is not: ${rest}`;
      });
      return `${explicit ? 'explicitly' : 'implicitly'} denied: ${action} itself is allowed, but ${body.join('; and ')}`;
    },
    s3Refusal: ({ rule }) => `denied by S3 itself: ${en.s3Refusal[rule]}`,
  },
  missingPart: {
    guardrail: ({ policyType, level, levelCount }) =>
      `no ${NAMES[policyType]}${level !== undefined ? ` at level ${level} (${levelName(level, levelCount)})` : ''} allows it`,
    nonIamCaller: ({ caller, callerText, oaiKms, via, action }) =>
      oaiKms
        ? 'a CloudFront origin access identity cannot use KMS keys, so it cannot read SSE-KMS objects'
        : `${callerWords(caller, callerText)} can only be allowed by ${via === 'acl' ? 'the object ACL' : `a ${NAMES[via]}`}, and none allows ${action}`,
    crossAccount: ({ principalAccount, resourceAccount, kms, viaAcl, resourceType, lacking, roleChain }) =>
      (roleChain
        ? "in role chaining, setting a source identity needs sts:SetSourceIdentity in both the caller's permissions policy and the role's trust policy; "
        : `across accounts (principal in ${principalAccount}, ${targetIn(kms, viaAcl)} ${resourceAccount ?? 'another account'}) the principal's policies and the ${viaAcl ? 'object ACL' : NAMES[resourceType]} must all allow; `) +
      lacking.map((m) => `no ${m === 'acl' ? 'object ACL grant' : NAMES[m]} allows`).join(' and '),
    mustAllowSilent: ({ kms, policyGiven, identityAllows, action }) =>
      (policyGiven
        ? `the ${ownPolicy(kms)} does not allow ${action} to this principal`
        : `no ${ownPolicy(kms)} was given, and ${kms ? "a KMS key's policy" : "a role's trust policy"} must allow ${action}`) +
      (identityAllows ? ` (an IAM policy alone cannot: the ${ownPolicy(kms)} must allow, or delegate to IAM with a statement for the account)` : ''),
    identityMissing: ({ action, delegated, noGrantIn }) =>
      `no identity-based policy allows ${action}` +
      (delegated
        ? ` (the ${delegated.mustAllow ? ownPolicy(delegated.kms) : 'resource-based policy'} grants to the account, which delegates the decision to IAM policies)`
        : '') +
      (noGrantIn ? ` and no ${NAMES[noGrantIn]} grants it to this principal` : ''),
    boundaryMissing: ({ action }) => `the permissions boundary does not allow ${action}, and the effective permissions are the intersection`,
    sessionMissing: ({ action, federated }) =>
      federated
        ? 'the federated user session was created without a session policy, so it has no permissions of its own (GetFederationToken)'
        : `the session policy does not allow ${action}, and the session's permissions are the intersection`,
    bucketBehindAccessPoint: ({ action, bucketArn, accessPointAccount, policyGiven }) =>
      `through an access point the bucket must allow too, and ${policyGiven ? `no bucket policy statement allows ${action} on ${bucketArn} to this principal` : 'no bucket policy was given'}: ` +
      `the bucket policy must delegate to access points (an Allow for "AWS": "*" with StringEquals s3:DataAccessPointAccount ${accessPointAccount}) or grant the same access on the bucket's own ARN`,
  },
  sts: {
    getCallerIdentity: 'sts:GetCallerIdentity needs no permission: STS answers it for every signed caller, and an explicit Deny has no effect',
    rootAssumeRole: 'STS refuses the account root user: root user credentials cannot call AssumeRole (use an IAM user or role)',
    federatedIam: 'a federated user session (GetFederationToken) cannot call IAM operations through the API or CLI, whatever its policies allow',
    federatedSts: 'a federated user session (GetFederationToken) cannot call STS operations except GetCallerIdentity, whatever its policies allow',
    getSessionToken:
      'sts:GetSessionToken needs no permission for an IAM user or the root user: policies cannot control this authentication operation, and an explicit Deny has no effect',
    sessionTokenFromSession:
      'STS refuses a role session: GetSessionToken must be called with the long-term credentials of an IAM user (or the root user), and a role session has only temporary credentials',
    federationTokenFromSession:
      'STS refuses a role session: GetFederationToken must be called with the long-term credentials of an IAM user, and a role session has only temporary credentials',
    sourceIdentityChanged:
      "STS denies the request: a source identity cannot be changed once it is set, and in role chaining it persists from the caller's session",
  },
  s3Refusal: {
    kmsAnonymous: 'requests for SSE-KMS objects must be signed with SigV4, and an anonymous request is not signed',
    kmsHttp: 'requests for SSE-KMS objects must use TLS (HTTPS), and this one is plain HTTP',
    copyAnonymous: 'copy requests must be authenticated, and this one is anonymous',
    bucketPolicyOtherAccount:
      "only an identity of the bucket owner's account can read, change or delete a bucket policy; S3 answers any other account with 405 Method Not Allowed, whatever the policies say",
  },
  describeStatement,

  chainReason: {
    putObjectAcl: ({ canned, grants }) =>
      `the upload sets an ACL (${[canned !== undefined ? `x-amz-acl ${canned}` : '', ...grants].filter(Boolean).join(', ')}), so S3 also authorizes s3:PutObjectAcl`,
    putObjectTagging: () => 'the upload carries tags (x-amz-tagging), so S3 also authorizes s3:PutObjectTagging',
    putObjectRetention: () =>
      'the upload sets Object Lock retention (x-amz-object-lock-mode / -retain-until-date), so S3 also authorizes s3:PutObjectRetention',
    putObjectLegalHold: () => 'the upload sets an Object Lock legal hold (x-amz-object-lock-legal-hold), so S3 also authorizes s3:PutObjectLegalHold',
    copySourceRead: ({ sameBucket }) =>
      `CopyObject reads its source (x-amz-copy-source), so S3 also authorizes s3:GetObject on it${sameBucket ? '' : " (the source bucket's policy is not given)"}`,
    copySourceKms: (r) => kmsChain('the copy source is encrypted with SSE-KMS, so reading it needs kms:Decrypt', r),
    uploadKms: (r) => kmsChain('an SSE-KMS upload needs kms:GenerateDataKey on the key', r),
    multipartKms: (r) => kmsChain('a multipart SSE-KMS upload also needs kms:Decrypt', r),
    bucketKeyKms: (r) => kmsChain('an upload under an S3 Bucket Key also needs kms:Decrypt', r),
    replicaKms: (r) => kmsChain('replicating into SSE-KMS needs kms:Encrypt on the replica key', r),
    readKms: (r) => kmsChain('reading an SSE-KMS object needs kms:Decrypt on its key', r),
    createBucketAcl: ({ canned, grants }) =>
      `the new bucket gets an ACL (${canned !== undefined ? `x-amz-acl ${canned}` : grants.join(', ')}), so S3 also authorizes s3:PutBucketAcl`,
    createBucketOwnership: () => 'the request sets Object Ownership (x-amz-object-ownership), so S3 also authorizes s3:PutBucketOwnershipControls',
    tagSession: ({ keys, transitive }) =>
      `the call passes session tags (${keys.join(', ') || 'transitive keys only'}${transitive.length ? `; transitive: ${transitive.join(', ')}` : ''}), ` +
      "so STS also authorizes sts:TagSession: the role's trust policy must allow it (across accounts the caller's policy too)",
    setSourceIdentity: ({ value, persisted }) =>
      `the call sets source identity ${value}${persisted ? " (carried over from the caller's role session)" : ''}, ` +
      "so STS also authorizes sts:SetSourceIdentity: the role's trust policy must allow it (across accounts or in role chaining the caller's policy too)",
  },
  keySource,

  assumption: {
    resourceAccountFromPrincipal: () =>
      "resource owner taken to be the principal's account (the ARN names no account; set `resourceAccount` if another account owns it)",
    throughVpcEndpoint: () => 'the request is taken to go through the VPC endpoint whose policy is given (the context has no aws:SourceVpce)',
    sourceIpBehindEndpoint: ({ endpoint, keptAsVpcSourceIp }) =>
      `the request went through VPC endpoint ${endpoint ?? '(the one whose policy is given)'}, and AWS does not set aws:SourceIp on requests through a VPC endpoint: ` +
      `conditions on aws:SourceIp find no value${keptAsVpcSourceIp ? '; the address is used as aws:VpcSourceIp' : ''}`,
    existingObjectTagUnsupported: ({ key, action }) =>
      `S3 does not set ${key} for ${action} (only for actions such as s3:GetObject), so conditions on it find no value`,
    awsManagedKeyPolicy: ({ account, regionKnown }) =>
      `the key is the AWS managed key aws/s3, whose key policy is fixed: it admits callers of account ${account} through S3${regionKnown ? '' : ' (Region unknown: its kms:ViaService condition is taken as met, since S3 makes the call; set `region` to check it)'}`,
    roleArnOfSession: ({ session, sso }) =>
      sso
        ? `the role ARN of session ${session}, with IAM Identity Center's path /aws-reserved/sso.amazonaws.com/ (a session ARN carries no path; set aws:PrincipalArn in \`context\` if the role's path also names a Region)`
        : `the role ARN of session ${session}, with the role's path taken to be / (a session ARN carries no path; set aws:PrincipalArn in \`context\` if the role has one, e.g. /service-role/)`,
    resourceOwnerAssumed: () => "the resource owner, taken to be the principal's account (set `resourceAccount` if another account owns it)",
    resourceAccountOther: () =>
      "the resource taken to be another account's (the ARN names no account, and this reading is not Allowed); set `resourceAccount` to settle it",
    headerNotForAction: ({ header, key, action }) =>
      `header ${header} is not read as ${key}: the service reference does not list ${key} for ${action}, so AWS does not set it on this request`,
    copySourceFromHeader: ({ header }) =>
      `s3:x-amz-copy-source is read from header ${header} without its leading slash and URL-decoded, as AWS's policy examples write it (bucket/key); AWS does not document this reading`,
    actionFromOperation: ({ operation, actions, onCopySource, source }) => {
      const also = actions.length > 1 ? `; AWS also requires ${actions.slice(1).join(', ')}, not evaluated here (give it as --action to check it)` : '';
      const copy = onCopySource?.length ? `; the copy source needs ${onCopySource.join(', ')}, a second request not evaluated here` : '';
      return `${operation} is an API operation: AWS authorizes it as ${actions[0]!} (${source})${also}${copy}`;
    },
    resourceFromS3Url: ({ url, style, decoded, queryDropped, region, insecure }) => {
      const how = {
        s3Uri: `read from the S3 URI ${url}: the bucket, then the key as written`,
        virtualHosted: `read from the virtual-hosted-style S3 URL ${url}: the bucket from the host name, the key from the path`,
        pathStyle: `read from the path-style S3 URL ${url}: the bucket from the first path segment, the key from the rest`,
      }[style];
      const extra = [
        ...(decoded ? ['the key URL-decoded'] : []),
        ...(queryDropped ? ['the query string left out'] : []),
        ...(region !== undefined ? [`the Region ${region} from the host name`] : []),
        ...(insecure ? ['http://, so aws:SecureTransport = false'] : []),
      ];
      return `${how}${extra.length ? ` (${extra.join('; ')})` : ''}`;
    },
    bucketAccountFromAccessPoint: () =>
      "the bucket behind the access point, taken to be in the access point's account (set `s3.accessPoint.bucketAccount` if another account owns it)",
    bucketAccountOther: () =>
      "the bucket behind the access point taken to be another account's (the access point's ARN does not say, and this reading is not Allowed); set `s3.accessPoint.bucketAccount` to settle it",
    notThroughVpcEndpoint: () =>
      'the request taken not to go through the VPC endpoint whose policy is given (this reading is not Allowed): no endpoint policy, and no aws:SourceVpce, aws:SourceVpc or aws:VpcSourceIp; set aws:SourceVpce in `context` if it does go through it',
    copySourceAsSent: ({ header }) =>
      `s3:x-amz-copy-source taken to be header ${header} as sent, with its leading slash and URL-encoding (AWS does not document the form, and this reading is not Allowed); set s3:x-amz-copy-source in \`context\` to settle it`,
    rolePathOther: ({ session }) =>
      `aws:PrincipalArn of session ${session} taken to be its role's ARN with another path (a session ARN carries no path, and this reading is not Allowed); set aws:PrincipalArn in \`context\` to the role's ARN to settle it`,
    objectOwnershipAclsEnabled: () =>
      "the bucket's Object Ownership, not given, taken to leave ACLs enabled (BucketOwnerPreferred decides the same): ACLs grant, and an object is owned by the account that wrote it; BucketOwnerEnforced, the default for new buckets, disables ACLs (set `s3.objectOwnership` to settle it)",
    objectOwnershipEnforcedOther: () =>
      "the bucket's Object Ownership, not given, taken to be BucketOwnerEnforced, the default for new buckets (this reading is not Allowed): ACLs are disabled and grant nothing, and the bucket owner owns every object; set `s3.objectOwnership` to settle it",
  },
  defaultAssumed: (key) => {
    const known: Record<string, string> = {
      'aws:securetransport': 'AWS sets aws:SecureTransport on every request; assumed true (HTTPS), as AWS SDKs and the CLI use by default',
      'aws:currenttime': 'AWS sets aws:CurrentTime on every request; assumed to be the time of this evaluation',
      'aws:epochtime': 'AWS sets aws:EpochTime on every request; assumed to be the time of this evaluation',
    };
    return `${known[key.toLowerCase()] ?? `${key} assumed`}; set it in \`context\` to change it`;
  },

  notes: {
    allPoliciesAllow: 'every policy layer allows this request; if AWS still answers 403, look beyond the policies',
    noAwsPolicy: (host) =>
      `no AWS policy was evaluated: the request went to ${host}, a store that is not AWS, and no AWS policy was given; ` +
      "the store's own access rules (its access keys, bucket ACL or policy) are not modelled",
    notEvaluated: (host) => `not evaluated: ${host} is not AWS and no AWS policy was given, so there is no AWS decision`,
    allPoliciesAllowWithCauses:
      'every policy layer allows this request; if AWS still answers 403, look beyond the policies (the notes below list the causes these facts point to)',
    checksumHeaders: ({ host, sent, client }) => {
      const store = `the endpoint ${host} is not AWS: an S3-compatible store that may reject the checksum headers`;
      if (!sent)
        return `${store} ${client ?? 'the client'} adds to every upload by default (Content-Encoding: aws-chunked, x-amz-trailer; the request's headers were not given)`;
      return `${store} this request sends (${sent.join(', ')})${client ? `, which ${client} adds by default` : ''}`;
    },
    checksumHeadersFix:
      'set request_checksum_calculation = when_required and response_checksum_validation = when_required (in ~/.aws/config, or AWS_REQUEST_CHECKSUM_CALCULATION=when_required / AWS_RESPONSE_CHECKSUM_VALIDATION=when_required; the first AWS CLI 2.23 releases ignored it for `aws s3 cp`, so upgrade the CLI too), or use an older client, or a presigned URL with a plain HTTP PUT',
    presignedExpired: (at) => `the presigned URL expired at ${at} (S3 answers 403 "Request has expired")`,
    presignedExpiredFix: 'generate a new presigned URL (at most 7 days with IAM user credentials, less with temporary credentials)',
    clockSkew: (signedAt) => `the request was signed at ${signedAt}, more than 15 minutes from the current time: S3 answers 403 RequestTimeTooSkewed`,
    clockSkewFix: "synchronise the client's clock (NTP)",
    missingObject404: 'the object does not exist; the caller may list the bucket, so S3 answers 404 NoSuchKey',
    missingObjectGetDenied:
      'the object does not exist, but S3 answers 403 here because s3:GetObject itself is denied (with it allowed, and s3:ListBucket, the answer would be 404)',
    missingObjectNoList:
      'the object does not exist, and the caller may not s3:ListBucket the bucket, so S3 answers 403 AccessDenied rather than reveal that the key is missing',
    missingObjectFix: (bucket) =>
      `check the key (and, behind CloudFront, the default root object); to get 404s instead, allow s3:ListBucket on arn:aws:s3:::${bucket}`,
    oaiKms:
      'a CloudFront origin access identity (OAI) does not work with objects encrypted with SSE-KMS (AWS: OAI "doesn\'t work" with SSE-KMS "or requires extra workarounds")',
    oaiKmsFix:
      'switch the distribution to origin access control (OAC) and allow the cloudfront.amazonaws.com service principal kms:Decrypt in the key policy, with a StringEquals AWS:SourceArn condition naming the distribution',
    awsManagedKeyService: (service) => `the object is encrypted with the AWS managed key aws/s3, whose key policy cannot be changed to admit ${service}`,
    awsManagedKeyServiceFix: (service) =>
      `encrypt with a customer managed key whose key policy allows ${service} (with an AWS:SourceArn condition), or with SSE-S3, and re-encrypt existing objects (copy them in place)`,
    awsManagedKeyCrossAccount: (upload) =>
      upload
        ? "the upload would be encrypted with the AWS managed key aws/s3 of the bucket's account: its key policy only admits callers of that account and cannot be changed"
        : 'the object is encrypted with the AWS managed key aws/s3 of another account: its key policy only admits callers of that account and cannot be changed',
    awsManagedKeyCrossAccountFix: (upload) =>
      upload
        ? "set the bucket's default encryption (or the upload's --ssekms-key-id) to a customer managed key whose key policy allows this account, or use SSE-S3"
        : 'encrypt with a customer managed key whose key policy allows this account (and re-encrypt existing objects, e.g. by copying them in place with --sse-kms-key-id)',
    requesterPaysAnonymous: 'a Requester Pays bucket bills the requester, so it refuses anonymous requests whatever the policies say',
    requesterPaysAnonymousFix: 'sign the request with credentials of an AWS account (not --no-sign-request) and add --request-payer requester',
    anonymousPrivateObject:
      'an anonymous request (no credentials) reads only what the bucket makes public, and this object is not public: the bucket is doing its job',
    anonymousPrivateObjectFix: (bucket, key) =>
      `keep the bucket private and share the object with a presigned URL, which grants time-limited access without changing the bucket policy (aws s3 presign s3://${bucket}/${key} --expires-in 3600, made with credentials that may read it); or serve it through CloudFront with origin access control (OAC), so viewers reach it only through the distribution`,
    aclNotSupported: (subject) => `ACLs are disabled on this bucket (BucketOwnerEnforced): S3 rejects ${aclRejected(subject)}`,
    aclNotSupportedFix: (aclAction) =>
      aclAction
        ? 'manage access with policies instead of ACLs (or switch Object Ownership away from BucketOwnerEnforced)'
        : 'upload without --acl/--grant-* (or with --acl bucket-owner-full-control)',
    aclNotSupportedIfEnforced: (subject) =>
      `the bucket's Object Ownership is not given: if it is BucketOwnerEnforced (the default for new buckets), ACLs are disabled and S3 rejects ${aclRejected(subject)}, whatever the policies say`,
    aclNotSupportedIfEnforcedFix: (aclAction) =>
      aclAction
        ? 'check the setting (aws s3api get-bucket-ownership-controls); if it is BucketOwnerEnforced, manage access with policies instead of ACLs'
        : 'check the setting (aws s3api get-bucket-ownership-controls); if it is BucketOwnerEnforced, upload without --acl/--grant-* (or with --acl bucket-owner-full-control)',
    newAcl: 'a new ACL',
    unknownContextKey: (key, suggestion) =>
      `the request's context gives ${key}, a key no AWS service defines and no global key is: AWS never sets it, so no policy ever sees it${suggestion !== undefined ? `; did you mean ${suggestion}?` : ''}`,
    unknownContextKeyFix: (key, suggestion) => `in the request's context, write ${suggestion} instead of ${key}`,
    keyNeverPresent: ({ key, action, statement, neverApplies, suggestion }) => {
      const why = `${key}, which AWS never sets for ${action} (it is not a global key, and the service reference does not list it for this action)`;
      const dym = suggestion !== undefined ? `; did you mean ${suggestion}?` : '';
      return neverApplies
        ? `the Deny ${statement} never applies to ${action}: its condition tests ${why}${dym} — this Deny protects nothing here`
        : `${statement} tests ${why}${dym}: the condition always finds the key absent`;
    },
    keyNeverPresentFix: (key, suggestion) => `in that statement, test ${suggestion} instead of ${key}`,
    client: (kind, version) =>
      ({ boto: `boto3/botocore ${version}`, cli: `AWS CLI ${version}`, js: `AWS SDK for JavaScript ${version}`, java: `AWS SDK for Java ${version}` })[kind],
  },

  fixes: {
    hint: {
      withoutHeader: (header) => `send the request without the ${header} header`,
      https: 'call over HTTPS (TLS)',
      http: 'call over plain HTTP',
      sourceIp: (v) => `send the request from ${v}`,
      sourceVpce: (v) => `send the request through VPC endpoint ${v}`,
      sourceVpc: (v) => `send the request from VPC ${v}`,
      addressIn: (range) => `send the request from an address in ${range}`,
      requestPayer: 'add --request-payer requester (header x-amz-request-payer: requester)',
      noPublicAcl: 'send the request without the public ACL (no --acl public-read …)',
      blockPublicAccessOff: (flag) => `turn off Block Public Access ${flag} (account and bucket) — only if this access is meant to be public`,
      objectOwnershipEnforced:
        "set the bucket's Object Ownership to BucketOwnerEnforced (aws s3api put-bucket-ownership-controls): ACLs are disabled and the bucket owner owns every object, existing ones included, so the bucket policy applies",
      objectAclBucketOwnerFullControl: ({ objectOwner, bucket, key }) =>
        `the object's owner (account ${objectOwner}) grants the bucket owner's account FULL_CONTROL: aws s3api put-object-acl --bucket ${bucket} --key ${key} --acl bucket-owner-full-control (the object stays owned by ${objectOwner})`,
      copyInPlaceBucketOwner: ({ objectOwner, bucket, key }) =>
        `the object's owner (account ${objectOwner}) copies s3://${bucket}/${key} onto itself (or uploads it again) with --acl bucket-owner-full-control: the bucket's Object Ownership is BucketOwnerPreferred, so the bucket owner then owns the object`,
      bucketOwnerFullControlOwner: (ownership, uploader) =>
        ownership === 'ObjectWriter'
          ? `; the bucket's Object Ownership is ObjectWriter, so the uploader's account${uploader !== undefined ? ` (${uploader})` : ''} still owns the object, and its ACL grants the bucket owner FULL_CONTROL`
          : "; the bucket's Object Ownership is BucketOwnerPreferred, so the bucket owner then owns the object",
      noAclEnforced: (flags) =>
        `send the request without ${flags.join(', ')}: the bucket's Object Ownership is BucketOwnerEnforced, so ACLs are disabled and S3 refuses any ACL but bucket-owner-full-control with 400 AccessControlListNotSupported`,
    },
    target: {
      kmsKeyPolicy: 'the KMS key policy',
      identityFor: (principal) => `an identity-based policy attached to ${principal}`,
      federatedCreator: 'the IAM user that created this federated session (GetFederationToken)',
      role: (name) => `role ${name}`,
      sessionPolicy: 'a session policy passed when the session is created (GetFederationToken --policy)',
      organization: (policyType, level, name, alsoIn) => {
        const t = policyType.toUpperCase();
        return `${t} level ${level}: attach the AWS managed ${t} ${name} there (it is this statement)${alsoIn ? `, or allow ${alsoIn.action} in ${alsoIn.source}` : ''}`;
      },
      trustPolicy: "the role's trust policy",
      resourcePolicy: 'the resource-based policy (e.g. the bucket policy)',
      accessPointPolicy: 'the access point policy',
    },
    describe: (c) => {
      switch (c.type) {
        case 'setContext':
          return c.hint ? `${c.hint} (${c.key} = ${json(c.value)})` : `set ${c.key} to ${json(c.value)}`;
        case 'removeContext':
          return c.hint ?? `do not send ${c.key}`;
        case 'addStatement':
          return `add to ${c.target} (${c.policyType} layer): ${json(c.statement)}`;
        case 'removeStatement':
          return `remove or narrow the Deny statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}`;
        case 'setS3':
          return c.hint;
        case 'renameConditionKey':
          return `in the statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}, test ${c.to} instead of ${c.from}: requests through a VPC endpoint carry no ${c.from}, and the caller's private address is in ${c.to}`;

        case 'addAction':
          return `add ${c.action} to the statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}, keeping its Resource, Principal and conditions: ${json(c.statement)}`;
      }
    },
    headline: (c) => {
      switch (c.type) {
        case 'setContext':
          return c.hint ? `${c.hint}  (${c.key} = ${json(c.value)})` : `set ${c.key} to ${json(c.value)}`;
        case 'removeContext':
          return c.hint ? `${c.hint}  (no ${c.key})` : `do not send ${c.key}`;
        case 'addStatement':
          return c.policyType === 'scp' || c.policyType === 'rcp' ? `${c.target}:` : `add this statement to ${c.target} (${NAMES[c.policyType]}):`;
        case 'removeStatement':
          return `remove or narrow the Deny statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column} — this weakens a security rule: only if the rule is wrong for this request`;
        case 'setS3':
          return c.hint;
        case 'renameConditionKey':
          return `in the statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}, test ${c.to} instead of ${c.from} (requests through a VPC endpoint carry no ${c.from}; the caller's private address is in ${c.to})`;

        case 'addAction':
          return `add ${c.action} to the statement${sidOf(c.sid)} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}; it keeps its Resource, Principal and conditions and then reads:`;
      }
    },
    joiner: '; and ',
    setContext: (key, value) => `set ${key} to ${json(value)}`,
    safer: 'the safer change: the request meets the policies, and every policy stays as it is',
    weakens: (x) => {
      switch (x.kind) {
        case 'condition':
          return `weakens a rule: lets the request through without ${x.key}, which the statement${sidOf(x.sid)} (#${x.statementIndex}) at ${x.source}:${x.line}:${x.column} requires`;
        case 'deny':
          return `weakens a rule: removes the Deny statement${sidOf(x.sid)} (#${x.statementIndex}) of ${x.source}`;
        case 'aclGrant':
          return "weakens a rule: the object's ACL stops deciding who may read it; the bucket policy and IAM policies decide";
        case 'blockPublicAccess':
          return `weakens a rule: Block Public Access ${x.flag} no longer protects the bucket`;
      }
    },
    who: (p) => {
      const of = p.account !== undefined ? ` (${p.account})` : '';
      switch (p.code) {
        case 'caller':
          return 'the caller, with the request itself';
        case 'bucketOwner':
          return `the bucket owner's account${of}`;
        case 'objectOwner':
          return `the account that owns the object${of}`;
        case 'blockPublicAccess':
          return `the bucket owner's account${of}, for the bucket and for the account (Block Public Access applies when either setting is on)`;
        case 'resourceOwner':
          return `the account that owns the resource${of}`;
        case 'roleOwner':
          return `the account that owns the role${of}, in its trust policy`;
        case 'keyOwner':
          return `the account that owns the KMS key${of}, in its key policy`;
        case 'principalOwner':
          return `the account that owns the caller's role or user${of}, in IAM`;
        case 'sessionCreator':
          return 'whoever creates the session: the session policy is passed when the session is created';
        case 'organization':
          return `the organization's management account${of} (or a delegated administrator for Organizations policies)`;
        case 'accessPointOwner':
          return `the account that owns the access point${of}`;
        case 'vpcEndpointOwner':
          return 'the account that owns the VPC endpoint';
      }
    },
  },

  evidence: {
    heading: 'Evidence',
    kind: {
      errorMessage: 'AccessDenied error message',
      cloudTrail: 'CloudTrail record',
      cliCommand: 'AWS CLI command',
      presignedUrl: 'presigned URL',
      cliOutput: 'AWS CLI output',
    },
    field: (pointer) => evidenceField(pointer),
    how: {
      stated: () => 'as written',
      operation: (h) => `the ${h.operation} operation's IAM action`,
      eventName: (h) => `event ${h.eventName} of ${h.eventSource}`,
      s3Location: () => 'the S3 location, as an ARN',
      accountOfArn: (h) => `the account in ${h.arn}`,
      recordField: (h) => `the record's ${h.field}, as the request takes it`,
      urlResource: (h) =>
        h.style === 'virtualHosted'
          ? "the URL's bucket (host name) and key (path, URL-decoded), as an ARN"
          : "the URL's bucket and key (its path, URL-decoded), as an ARN",
      httpMethod: (h) => `${h.method} on this URL is ${h.operation}: its IAM action`,
      credentialScope: () => "the Region of the signature's credential scope (X-Amz-Credential)",
      accessKey: () => "the signer's access key (X-Amz-Credential), the store's caller",
      queryAuth: () => 'signed in the query string (a presigned URL)',
      signatureVersion: (h) => (h.version === 'SigV4' ? 'Signature Version 4 (X-Amz-Algorithm)' : 'Signature Version 2 (AWSAccessKeyId, Signature)'),
      signatureAge: (h) => `--now ${h.now} minus the signing time ${h.signed} (X-Amz-Date), in milliseconds`,
      expiresAfter: (h) => `signed at ${h.signed} (X-Amz-Date), valid for ${h.seconds} seconds (X-Amz-Expires)`,
      queryHeader: () => 'a request header the signer put in the query string',
      plainHttp: () => 'an http:// URL: sent without TLS',
      cliCommand: (h) =>
        `the first call of \`${h.command}\`${h.also.length ? `; it also needs ${h.also.join(', ')} (requests not evaluated here: give --action and --resource to check one)` : ''}`,
      cliFlag: (h) => `the header ${h.flag} sends`,
      unsigned: () => '--no-sign-request: an unsigned, anonymous request',
    },
    overridden: (by) => `not used: ${by} gives this field`,
    verdict: (v) => {
      const arn = v.policyArn ? ` (${v.policyArn})` : '';
      if (v.kind === 'explicit') return `${v.errorCode}: an explicit deny in ${v.policyType ? policyTypeWithArticle(v.policyType) : 'a policy'}${arn}`;
      if (v.kind === 'implicit') return `${v.errorCode}: no ${v.policyType ? NAMES[v.policyType] : 'policy'} allows the action${arn}`;
      return `${v.errorCode}: denied, without saying why`;
    },
    agreement: {
      agrees: () => 'policy-why agrees with AWS.',
      notGiven: (a) => `AWS names ${policyTypeWithArticle(a.policyType)}, and none was given: add it, then run again.`,
      otherType: (a) =>
        `AWS names ${policyTypeWithArticle(a.said)}; policy-why finds the explicit deny in ${policyTypeWithArticle(a.found)} (AWS names one reason when there are several), so check the given ${NAMES[a.said]} is the current one.`,
      notDenying: (a) =>
        `AWS names ${policyTypeWithArticle(a.policyType)}, but the one given does not deny this request: it may be stale, or a fact of the request differs from what the evidence says.`,
      allowedButDenied: () =>
        'AWS denied the request, but the policies given allow it: a policy or a fact that decides was not given, or a given one is stale.',
      explicitFound: (a) =>
        `AWS says nothing allows the action; policy-why also finds an explicit deny in ${policyTypeWithArticle(a.found)} (AWS names one reason when there are several).`,
    },
    missing: {
      identityPolicies: (m) => `no identity-based policies for ${m.principal}`,
      resourcePolicy: (m) => `no bucket policy for ${m.resource}`,
      organizationPolicies: (m) =>
        `no ${m.kind === 'scp' ? 'service control policies' : 'resource control policies'}${m.account ? ` for account ${m.account}` : ''}`,
      vpcEndpointPolicy: (m) => `no policy for VPC endpoint ${m.endpoint}`,
      kmsKeyPolicy: (m) => `no key policy for ${m.key}`,
    },
    notUsed: (why) => {
      if (why === 'other principal') return 'not used: not the caller’s';
      if (why === 'other request') return 'not used: for another request';
      return `not used: ${why} gives this layer`;
    },
    otherPrincipals: (n) => `${n} ${n === 1 ? 'policy' : 'policies'} of other users and roles: not used (not the caller’s)`,
    said: 'AWS said',
    policiesHeading: 'Policies',
    missingHeading: 'Not given',
    run: 'run',
  },
  check: {
    baselineWritten: ({ file, count }) => `wrote ${count} ${count === 1 ? 'finding' : 'findings'} to the baseline ${file}`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    summary: ({ errors, warnings, infos, files, policies }) =>
      `${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')} in ${count(files, 'file')} (${count(policies, 'policy', 'policies')} read)`,
    noFindings: ({ files, policies }) => `no problems in ${count(files, 'file')} (${count(policies, 'policy', 'policies')} read)`,
    typeFrom: ({ type, evidence }) => `read as ${type} (${TYPE_EVIDENCE[evidence]})`,
    suppressed: ({ kind, reason }) => `suppressed (${kind}): ${reason}`,
    suppressedCount: (n) => `${count(n, 'finding')} suppressed`,
    serviceData: (date) => `AWS service reference data of ${date}`,
    column: { line: 'Line', file: 'File', severity: 'Severity', rule: 'Rule', message: 'Message', reason: 'Reason' },
    annotationsLeftOut: ({ left, shown }) =>
      `${count(left, 'more finding')} not shown here: GitHub shows at most 10 annotations of each kind per step (${shown} shown). See them all in the code scanning results (SARIF), or run policy-why check locally`,
  },
  text: {
    caller: (principal) => principal,
    dependsOn: (d) => {
      const [assumed, other] = d.readings;
      const which = d.explained === assumed.reading ? 'first' : 'second';
      const settle = `set \`${d.field}\`, or ${d.flag}, to settle it`;
      switch (d.fact) {
        case 'resourceAccount':
          return `Depends on whose resource it is: ${assumed.decision} if account ${String(assumed.account)} owns it, ${other.decision} if another account does; this explains the ${which} (${settle}).`;
        case 'accessPointBucketAccount':
          return `Depends on whose bucket is behind the access point: ${assumed.decision} if account ${String(assumed.account)} owns it, ${other.decision} if another account does; this explains the ${which} (${settle}).`;
        case 'vpcEndpoint':
          return `Depends on whether the request goes through the VPC endpoint whose policy is given: ${assumed.decision} if it does, ${other.decision} if it does not; this explains the ${which} (set \`${d.field}\`, or ${d.flag}, to the endpoint's id if it does; leave out the endpoint policy if it does not).`;
        case 'principalArn':
          return `Depends on the path of the session's role, which a session ARN does not carry: ${assumed.decision} if the role is ${String(assumed.value)}, ${other.decision} if it is ${String(other.value)}; this explains the ${which} (set \`${d.field}\`, or ${d.flag}, to the role's ARN to settle it).`;
        case 'objectOwnership':
          return `Depends on the bucket's Object Ownership, which the request does not give: ${assumed.decision} if ACLs are enabled (ObjectWriter or BucketOwnerPreferred), ${other.decision} if it is BucketOwnerEnforced (ACLs disabled, the default for new buckets); this explains the ${which} (${settle}).`;
        case 'copySource':
          return `Depends on how S3 fills s3:x-amz-copy-source from the x-amz-copy-source header, which AWS does not document: ${assumed.decision} if as its policy examples write it (${String(assumed.value)}), ${other.decision} if as sent (${String(other.value)}); this explains the ${which} (${settle}).`;
      }
    },
    decisionGloss: () => '',
    actionOn: (action, resource) => `${action} on ${resource}`,
    result: (result) => result,
    by: 'by',
    account: (account) => `account ${account}`,
    objectOwnedBy: (objectOwner, bucketOwner, crossAccount) =>
      `object owned by ${objectOwner}, bucket in ${bucketOwner}${crossAccount ? ', cross-account for the object' : ''}`,
    resourceAssumed: (account) => `resource taken to be in ${account} too: set resourceAccount if another account owns it`,
    resourceIn: (account, crossAccount) => `resource in ${account}${crossAccount ? ', cross-account' : ''}`,
    why: 'Why:',
    likelyCause: 'Likely cause of a 403:',
    fixLabel: 'fix:',
    noPolicyDecides: 'No policy decides this:',
    noPolicyDecidesRest: 'AWS refuses it whatever the policies say (see Why above).',
    missingAllow: 'Missing allow:',
    missingLine: (what, level, action) => `no ${what}${level} allows ${action}`,
    levelSuffix: (level, name) => ` at level ${level} (${name})`,
    aclGrantWhat: 'ACL grant',
    forAction: (action) => ` (for ${action})`,
    alsoFor: (actions) => ` (also for ${actions.join(', ')})`,
    closest: 'Closest statements (Allow statements that do not apply, and why):',
    alsoFails: 'also: ',
    more: (n) => `  … and ${n} more (see --format json)`,
    grantedBy: 'Granted by:',
    deniedBy: 'Denied by:',
    alsoAuthorized: (actions) => `Also authorized by ${chainingService(actions)} for this request:`,
    layersLabel: 'layers',
    layersHeading: (hasLevels) => `Layers (in evaluation order${hasLevels ? '; organization levels count from the root, 0' : ''}):`,
    layerName: (policyType, level) => (level !== undefined ? `${policyType} level ${level}` : policyType),
    notNeeded: 'not needed',
    butRefuses: (actions) => `  ✗ but refuses ${actions.join(', ')} (see "Also authorized by ${chainingService(actions)}")`,
    refuses: (actions) => `  ✗ refuses ${actions.join(', ')} (see "Also authorized by ${chainingService(actions)}")`,
    notes: 'Notes:',
    assumptions: 'Assumptions:',
    fixHeading: 'Fix (each re-evaluated: it turns the decision to Allowed):',
    whoCanMake: 'who can make it:',
    whoAsFor: (fix) => `as for fix ${fix}`,
    sameAsAbove: 'same as above',
    noFixButNotes: 'No change to these policies or this request makes it allowed: see the notes above for what does.',
    noFix: 'No single change found that makes this request allowed.',
    and: 'and',
    sid: (sid) => `Sid "${sid}"`,
    statementNumber: (index) => `statement #${index}`,
    requestValue: (t) => {
      let origin = t.requestValueHeader !== undefined ? ` (from header ${t.requestValueHeader})` : '';
      if (t.requestValueOrigin && t.requestValueOrigin !== 'request') origin = ` (${t.requestValueOrigin === 'default' ? 'assumed default' : 'derived'})`;
      return t.requestValue === null ? 'none (key absent)' : `${json(t.requestValue)}${origin}`;
    },
    allowCondition: (t, req, request) => ({
      text: `${t.operator} ${t.key} ${req}; request: ${request}`,
      verdict: verdict(t, '', ' — not met'),
    }),
    denyCondition: (t, req, request) => {
      const when = req
        .replace(/^must not be/, 'is not')
        .replace(/^must be/, 'is')
        .replace(/^must not match/, 'does not match')
        .replace(/^must match/, 'matches');
      return {
        text: `denies when ${t.key} ${when} (${t.operator}); request: ${request}`,
        verdict: verdict(t, ' — the Deny applies', ' — not met, so the Deny does not apply'),
      };
    },
  },
};

/** `1 error`, `2 errors`: a count with its noun. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const TYPE_EVIDENCE = {
  config: 'from .policy-why.json',
  filename: 'from its file name',
  inferred: 'inferred from its content; set it in .policy-why.json',
} as const;
