import type { PolicyType } from '../model/policy.js';
import { POLICY_TYPE_NAMES } from '../iam/policy-types.js';
import type { CompiledPolicySet as PolicySet } from './compile.js';
import type { Request, RequestPrincipal } from '../model/request.js';
import type { Decision, DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import { ContextView } from './context.js';
import { prepare, type StatementOutcome } from './statement.js';
import { applying, evaluateLayer, notApplicable, notRequired, statementEntry, type LayerEval } from './layer.js';
import type { PrincipalGrant } from './match/principal.js';
import { levelName } from './describe.js';
import { aclLayer, isPublicStatement, requesterPaysRefusal, s3Situation } from './s3.js';
import { setsPublicAcl } from '../iam/s3.js';
import { isRoleTrustRequest } from '../iam/sts.js';

/** The decision for one request, with every layer's result and the statements that decided. */
export interface Evaluation {
  decision: Decision;
  /** One sentence that says why, naming the layer. */
  summary: string;
  deciding: DecidingEntry[];
  /** Layers in AWS's evaluation order: RCPs, SCPs, VPC endpoint, resource, identity, boundary, session. */
  layers: LayerOutcome[];
  /** True when the principal and the resource are in different accounts. */
  crossAccount: boolean;
  /** Account that owns what the request acts on (for an S3 object: the object's owner). */
  resourceOwner?: string;
  /** Documented defaults (aws:SecureTransport…) that some condition consulted. */
  consultedDefaults: string[];
  /** Internal: the public ACL grants Block Public Access ignored, when there were any. */
  ignoredPublicAcl?: string;
}

const WORDS = POLICY_TYPE_NAMES;

/**
 * Rules STS applies whatever the policies say (IAM User Guide, "Compare AWS STS credentials" and
 * sts:GetCallerIdentity): GetCallerIdentity needs no permission ("If an administrator adds a policy to
 * your IAM identity that explicitly denies access to the sts:GetCallerIdentity action, you can still
 * perform this operation"); the root user cannot call AssumeRole; a federated user session (from
 * GetFederationToken) "cannot call IAM operations using the AWS CLI or AWS API" and "cannot call AWS STS
 * operations except GetCallerIdentity". No policy layer decides these, so `deciding` is empty.
 */
function stsRule(request: Request): { decision: Decision; why: string } | undefined {
  const a = request.action.toLowerCase();
  const p = request.principal;
  if (a === 'sts:getcalleridentity' && p.kind !== 'anonymous' && p.kind !== 'identityProvider') {
    return {
      decision: 'Allowed',
      why: 'sts:GetCallerIdentity needs no permission: STS answers it for every signed caller, and an explicit Deny has no effect',
    };
  }
  if (p.kind === 'root' && a === 'sts:assumerole') {
    return { decision: 'ImplicitDeny', why: 'STS refuses the account root user: root user credentials cannot call AssumeRole (use an IAM user or role)' };
  }
  if (p.kind === 'federatedUser' && (a.startsWith('iam:') || a.startsWith('sts:'))) {
    return {
      decision: 'ImplicitDeny',
      why: `a federated user session (GetFederationToken) cannot call ${a.startsWith('iam:') ? 'IAM operations through the API or CLI' : 'STS operations except GetCallerIdentity'}, whatever its policies allow`,
    };
  }
  return undefined;
}

/** How the explanation names a caller that is not an IAM principal. */
function callerWords(p: RequestPrincipal): string {
  if (p.kind === 'anonymous') return 'an anonymous caller';
  if (p.kind === 'oai') return 'a CloudFront origin access identity';
  if (p.kind === 'identityProvider') return `a caller vouched for by identity provider ${p.text}`;
  return 'a service principal';
}

/** Service-linked roles are exempt from SCPs and RCPs; their names start with AWSServiceRoleFor. */
function isServiceLinkedRole(p: RequestPrincipal): boolean {
  return (p.kind === 'role' || p.kind === 'assumedRole') && (/\/aws-service-role\//.test(p.text) || (p.name ?? '').startsWith('AWSServiceRoleFor'));
}

/** A resource-side grant: an Allow statement of the resource-based (or key) policy, or an ACL grant. */
interface ResourceGrant {
  grant: PrincipalGrant;
  entry: DecidingEntry;
  /** The statement behind it, when it is one. */
  statement?: StatementOutcome;
}

/**
 * Evaluates a request against every layer, per AWS's "Policy evaluation logic" and
 * "Cross-account policy evaluation logic":
 * 1. an explicit Deny in any applicable policy wins (and so do S3's hard refusals: Block Public Access,
 *    requester pays, which S3 documents as acting like an explicit deny);
 * 2. every applicable RCP and SCP level, and the VPC endpoint policy, must allow (guardrails grant nothing);
 * 3. within one account an Allow in the identity-based or the resource-based policy suffices, subject to
 *    the permissions boundary and session policy unless the resource policy names the user or the
 *    session itself; a grant to the account only delegates to IAM. KMS is the exception: the key
 *    policy must allow, directly or by delegating to IAM ("Using key policies in AWS KMS");
 * 4. across accounts both the principal's side and the resource's side must allow;
 * 5. anonymous callers, service principals and CloudFront OAIs can only be allowed by a resource-based policy.
 * S3 objects owned by another account are reached through their ACL, not the bucket policy.
 * Pure: no I/O, the same input gives the same output.
 */
export function evaluateRequest(request: Request, policies: PolicySet): Evaluation {
  const evaluation = evaluateCore(request, policies);
  // "If your request's permission is granted only by a public ACL, then the IgnorePublicAcls setting
  // rejects the request" (Amazon S3 User Guide, "Blocking public access"): a refusal that acts like an
  // explicit deny, but only when the ignored public grant was the one that would have allowed.
  const bpa = request.s3?.blockPublicAccess;
  if (evaluation.decision !== 'Allowed' && evaluation.ignoredPublicAcl && bpa?.ignorePublicAcls) {
    const honoured = evaluateCore({ ...request, s3: { ...request.s3, blockPublicAccess: { ...bpa, ignorePublicAcls: false } } }, policies);
    if (honoured.decision === 'Allowed') {
      const reason = `IgnorePublicAcls: only the ACL's public grant (${evaluation.ignoredPublicAcl}) would allow this request, and Block Public Access ignores it`;
      return {
        ...evaluation,
        decision: 'ExplicitDeny',
        summary: `explicitly denied by Block Public Access: ${reason}`,
        deciding: [{ policyType: 'blockPublicAccess' }],
        layers: [{ policyType: 'blockPublicAccess', result: 'ExplicitDeny', reason, policies: [], statements: [] }, ...evaluation.layers],
      };
    }
  }
  delete evaluation.ignoredPublicAcl;
  return evaluation;
}

/**
 * A federated user session (GetFederationToken) that was given no session policy has no permissions:
 * "If there is no session policy, the code checks whether the principal is a role session. If the
 * principal is a role session, then the request is Allowed. Otherwise, the request is implicitly
 * denied" (IAM User Guide, "Policy evaluation logic"). A resource-based policy that names the session
 * itself still grants, as for any session.
 */
function federationWithoutSessionPolicy(): LayerEval {
  return {
    outcome: {
      policyType: 'session',
      result: 'ImplicitDeny',
      reason: 'a federated user session created without a session policy (GetFederationToken without --policy or --policy-arns) has no permissions of its own',
      policies: [],
      statements: [],
    },
    statements: [],
    applicable: true,
  };
}

function evaluateCore(request: Request, policies: PolicySet): Evaluation {
  const view = new ContextView(request.context);
  const req = prepare(request, view, policies.boundary !== undefined);
  const p = request.principal;
  const isIam = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'oai' && p.kind !== 'identityProvider';
  // A KMS request on a key (its ARN, or an alias) needs the key policy; CreateKey, ListAliases,
  // ListKeys, GenerateRandom… use no key ("operations that don't use any particular KMS key", AWS KMS,
  // "Specifying KMS keys in IAM policy statements") and are decided by IAM policies alone.
  const isKms = request.action.toLowerCase().startsWith('kms:') && /^arn:[^:]+:kms:/.test(request.resource);
  // "IAM role trust policies and KMS key policies are exceptions to this logic, because they must
  // explicitly allow access for principals" (IAM User Guide, "Policy evaluation logic").
  const isRoleTrust = isRoleTrustRequest(request.action, request.resource);
  const mustAllow = isKms || isRoleTrust;
  const ownPolicy = isKms ? 'key policy' : 'role trust policy';
  const s3 = s3Situation(request);
  const resourceAccount = s3?.ownerOfTarget ?? request.resourceAccount;
  const crossAccount = isIam && resourceAccount !== undefined && resourceAccount !== p.account;
  const slr = isServiceLinkedRole(p);

  // Guardrails, in AWS's order: RCPs, then SCPs, then the VPC endpoint policy.
  const rcpLevels: LayerEval[] = policies.rcp.map((level, i) => {
    if (request.managementAccount !== undefined && resourceAccount === request.managementAccount)
      return notApplicable('rcp', 'RCPs do not affect resources in the management account', level, i);
    if (request.rcpServices && !request.rcpServices.has(request.action.split(':')[0]!.toLowerCase()))
      return notApplicable('rcp', `RCPs do not apply to ${request.action.split(':')[0]} actions`, level, i);
    if (slr) return notApplicable('rcp', 'RCPs do not restrict service-linked roles', level, i);
    if (isKms && request.kmsKeyAwsManaged) return notApplicable('rcp', 'RCPs do not apply to AWS managed KMS keys', level, i);
    return evaluateLayer('rcp', level, req, i);
  });
  const scpLevels: LayerEval[] = policies.scp.map((level, i) => {
    if (!isIam) return notApplicable('scp', 'SCPs restrict IAM users and roles only, not anonymous callers or service principals', level, i);
    if (request.managementAccount !== undefined && p.account === request.managementAccount)
      return notApplicable('scp', 'SCPs do not affect principals in the management account', level, i);
    if (slr) return notApplicable('scp', 'SCPs do not affect service-linked roles', level, i);
    return evaluateLayer('scp', level, req, i);
  });
  const vpce = policies.vpcEndpoint ? evaluateLayer('vpcEndpoint', [policies.vpcEndpoint], req) : undefined;

  // The resource side: the key policy for KMS actions, the resource-based policy otherwise.
  const resourceType: PolicyType = isKms ? 'kmsKey' : 'resource';
  const resourcePolicy = isKms ? policies.kmsKey : policies.resource;
  const resource = resourcePolicy
    ? isKms && p.kind === 'oai'
      ? notApplicable(
          'kmsKey',
          'a CloudFront origin access identity cannot use KMS keys (use origin access control and grant cloudfront.amazonaws.com in the key policy)',
          [resourcePolicy],
        )
      : evaluateLayer(resourceType, [resourcePolicy], req)
    : notApplicable(
        resourceType,
        isKms
          ? 'no key policy given: a KMS key always has one, and it must allow the request'
          : isRoleTrust
            ? 'no role trust policy given: a role always has one, and it must allow the request'
            : 'no resource-based policy given',
      );
  const nonIamWhy = `${callerWords(p)} has no`;
  const identity = isIam
    ? evaluateLayer('identity', policies.identity, req)
    : notApplicable('identity', `${nonIamWhy} identity-based policies`, policies.identity);
  const boundary = policies.boundary
    ? isIam
      ? evaluateLayer('boundary', [policies.boundary], req)
      : notApplicable('boundary', `${nonIamWhy} permissions boundary`, [policies.boundary])
    : undefined;
  const session = policies.session.length
    ? isIam
      ? evaluateLayer('session', policies.session, req)
      : notApplicable('session', `${nonIamWhy} session`, policies.session)
    : p.kind === 'federatedUser'
      ? federationWithoutSessionPolicy()
      : undefined;

  // S3 ACLs (when the bucket has them enabled) add resource-side grants; Block Public Access and
  // requester pays refuse outright.
  const acl = s3 ? aclLayer(s3, request) : undefined;
  const hard: { policyType: PolicyType; reason: string }[] = [];
  if (s3) {
    const pays = requesterPaysRefusal(s3, request);
    if (pays) hard.push({ policyType: 'requesterPays', reason: pays });
    if (s3.bpa?.blockPublicAcls) {
      const why = setsPublicAcl(request);
      if (why && /^s3:(putobject|putobjectacl|putbucketacl|createbucket)$/i.test(request.action)) {
        hard.push({ policyType: 'blockPublicAccess', reason: `BlockPublicAcls rejects the request: ${why}` });
      }
    }
    if (s3.bpa?.restrictPublicBuckets && policies.resource && p.kind !== 'service' && p.account !== s3.bucketOwner) {
      const publicStmt = policies.resource.statements.find(isPublicStatement);
      if (publicStmt) {
        hard.push({
          policyType: 'blockPublicAccess',
          reason: `RestrictPublicBuckets: the bucket policy is public (statement #${publicStmt.index}${publicStmt.sid !== undefined ? ` "${publicStmt.sid}"` : ''}), so only the bucket owner's account and AWS service principals may access the bucket`,
        });
      }
    }
  }
  const hardLayers: LayerEval[] = hard.map((h) => ({
    outcome: { policyType: h.policyType, result: 'ExplicitDeny', reason: h.reason, policies: [], statements: [] },
    statements: [],
    applicable: true,
  }));

  const all: LayerEval[] = [
    ...hardLayers,
    ...rcpLevels,
    ...scpLevels,
    ...(vpce ? [vpce] : []),
    resource,
    ...(acl ? [acl.layer] : []),
    identity,
    ...(boundary ? [boundary] : []),
    ...(session ? [session] : []),
  ];
  const layers = all.map((l) => l.outcome);
  const result = (decision: Decision, summary: string, deciding: DecidingEntry[]): Evaluation => ({
    decision,
    summary,
    deciding,
    layers,
    crossAccount,
    ...(resourceAccount !== undefined ? { resourceOwner: resourceAccount } : {}),
    consultedDefaults: [...view.consultedDefaults].sort(),
    ...(acl?.ignoredPublic.length ? { ignoredPublicAcl: acl.ignoredPublic.map((g) => g.text).join(', ') } : {}),
  });

  // 0. STS's own rules come before any policy.
  const sts = stsRule(request);
  if (sts) return result(sts.decision, sts.why, []);

  // 1. An explicit Deny anywhere wins; every applying Deny is reported, in layer order.
  const denies = all.flatMap((l) => applying(l, 'Deny'));
  if (denies.length || hard.length) {
    const entries: DecidingEntry[] = [...hard.map((h) => ({ policyType: h.policyType })), ...denies.map((d) => statementEntry(d.match))];
    const firstWhy = hard.length
      ? `${WORDS[hard[0]!.policyType]}: ${hard[0]!.reason}`
      : `${describeStatement(denies[0]!.match)} (${WORDS[denies[0]!.match.policyType]})${conditionFacts(denies[0]!.match)}`;
    const more = entries.length - 1;
    return result('ExplicitDeny', `explicitly denied by ${firstWhy}${more > 0 ? `; ${more} more Deny statement(s) apply too` : ''}`, entries);
  }

  // 2. Guardrails grant nothing but every applicable level must allow.
  const missing: DecidingEntry[] = [];
  const why: string[] = [];
  for (const g of [...rcpLevels, ...scpLevels, ...(vpce ? [vpce] : [])]) {
    if (g.applicable && applying(g, 'Allow').length === 0) {
      const lvl = g.outcome.level;
      missing.push({ policyType: g.outcome.policyType, ...(lvl !== undefined ? { level: lvl } : {}) });
      why.push(
        `no ${WORDS[g.outcome.policyType]}${lvl !== undefined ? ` at level ${lvl} (${levelName(lvl, g.outcome.policyType === 'scp' ? policies.scp.length : policies.rcp.length)})` : ''} allows it`,
      );
    }
  }

  // 3–5. The principal's side and the resource's side.
  // "all requests are implicitly denied with the exception of the AWS account root user, which has full
  // access" (IAM User Guide, "Policy evaluation logic"): the root user needs no identity-based Allow,
  // except for KMS, whose key policy must allow even the root user.
  const rootFullAccess = p.kind === 'root';
  if (rootFullAccess && identity.outcome.result === 'ImplicitDeny') {
    identity.outcome.result = 'Allowed';
    identity.outcome.reason = 'the account root user has full access within its own account';
  }
  const idAllows = applying(identity, 'Allow');
  const identityOk = idAllows.length > 0 || rootFullAccess;
  const bAllows = applying(boundary, 'Allow');
  const sAllows = applying(session, 'Allow');
  const boundaryOk = !boundary || bAllows.length > 0;
  const sessionOk = !session || sAllows.length > 0;

  // Resource-side grants. A bucket policy does not reach an object another account owns.
  const policyGrants: ResourceGrant[] =
    s3 && !s3.bucketPolicyReachesTarget
      ? []
      : applying(resource, 'Allow').map((st) => ({ grant: st.grant ?? 'principal', entry: statementEntry(st.match), statement: st }));
  // S3's user context: "If the parent also owns the resource in the request (bucket, object), Amazon S3
  // evaluates the corresponding resource policies (bucket policy, bucket ACL, and object ACL) at the
  // same time" ("How Amazon S3 authorizes a request for an object operation"). So when the caller's
  // own account owns the bucket, its bucket policy gives the caller its account's permission, and the
  // object's owner must still grant through the object ACL (User Guide, Example 3).
  const userContextGrants: ResourceGrant[] =
    s3 && !s3.bucketPolicyReachesTarget && isIam && s3.bucketOwner === p.account
      ? applying(resource, 'Allow')
          .map((st) => ({ grant: st.grant ?? 'principal', entry: statementEntry(st.match), statement: st }))
          .filter((g) => g.grant !== 'account')
      : [];
  if (s3 && !s3.bucketPolicyReachesTarget && applying(resource, 'Allow').length) {
    if (userContextGrants.length) {
      resource.outcome.reason = `its Allow gives the caller its own account's permission (the caller's account owns the bucket); the object is owned by account ${s3.objectOwner}, whose object ACL must grant too`;
    } else {
      resource.outcome.result = 'ImplicitDeny';
      resource.outcome.reason = `its Allow does not reach this object: the object is owned by account ${s3.objectOwner}, not by the bucket owner, so only the object ACL can grant access to it`;
    }
  }
  const aclGrants: ResourceGrant[] = (acl?.grants ?? []).map((g) => ({ grant: g.grant, entry: { policyType: 'acl', source: acl!.source } }));
  const rAllows = [...policyGrants, ...aclGrants];
  const resourceMissing: PolicyType = s3 && !s3.bucketPolicyReachesTarget ? 'acl' : resourceType;
  const granting: DecidingEntry[] = [];
  const entries = (xs: StatementOutcome[]) => xs.map((x) => statementEntry(x.match));

  if (!isIam) {
    if (rAllows.length) granting.push(...rAllows.map((g) => g.entry));
    else {
      missing.push({ policyType: resourceMissing });
      why.push(
        p.kind === 'oai' && isKms
          ? 'a CloudFront origin access identity cannot use KMS keys, so it cannot read SSE-KMS objects'
          : `${callerWords(p)} can only be allowed by ${resourceMissing === 'acl' ? 'the object ACL' : `a ${WORDS[resourceMissing]}`}, and none allows ${request.action}`,
      );
    }
  } else if (crossAccount) {
    // The principal's side: its identity-based policies, or its own account's bucket policy (above),
    // which, naming the user or session itself, is not limited by the boundary or session policy.
    const userDirect = userContextGrants.filter((g) => g.grant === 'principal' || g.grant === 'everyone');
    const userViaRole = userContextGrants.filter((g) => g.grant === 'role');
    const principalDirect = userDirect.length > 0;
    if (!identityOk && !principalDirect && !userViaRole.length) missing.push({ policyType: 'identity' });
    if (!boundaryOk && !principalDirect) missing.push({ policyType: 'boundary' });
    if (!sessionOk && !principalDirect) missing.push({ policyType: 'session' });
    if (!rAllows.length) missing.push({ policyType: resourceMissing });
    const lacking = missing.filter((m) => m.policyType !== 'rcp' && m.policyType !== 'scp' && m.policyType !== 'vpcEndpoint');
    if (lacking.length) {
      why.push(
        `across accounts (principal in ${p.account}, ${isKms ? 'key in' : resourceMissing === 'acl' ? 'object owned by' : 'resource in'} ${resourceAccount}) the principal's policies and the ${resourceMissing === 'acl' ? 'object ACL' : WORDS[resourceType]} must all allow; ` +
          lacking.map((m) => `no ${m.policyType === 'acl' ? 'object ACL grant' : WORDS[m.policyType]} allows`).join(' and '),
      );
    } else if (principalDirect) granting.push(...userDirect.map((g) => g.entry), ...rAllows.map((g) => g.entry));
    else granting.push(...entries(idAllows), ...userViaRole.map((g) => g.entry), ...entries(bAllows), ...entries(sAllows), ...rAllows.map((g) => g.entry));
  } else {
    // Same account. A resource-side grant naming the user, the session, or everyone is not limited by
    // implicit denies elsewhere; one naming the role is limited by the boundary and session policy;
    // one naming the account only delegates to IAM. For KMS the key policy must allow in some form.
    const unlimited = rAllows.filter((g) => g.grant === 'principal' || g.grant === 'everyone');
    const viaRole = rAllows.filter((g) => g.grant === 'role');
    const delegated = rAllows.length > 0 && unlimited.length === 0 && viaRole.length === 0;
    const resourcePolicySilent = mustAllow && rAllows.length === 0;
    if (resourcePolicySilent) {
      missing.push({ policyType: resourceType });
      why.push(
        `${resourcePolicy ? `the ${ownPolicy} does not allow ${request.action} to this principal` : `no ${ownPolicy} was given, and ${isKms ? "a KMS key's policy" : "a role's trust policy"} must allow ${request.action}`}${identityOk ? ` (an IAM policy alone cannot: the ${ownPolicy} must allow, or delegate to IAM with a statement for the account)` : ''}`,
      );
      // Not `identity` as well: while the key policy neither allows nor delegates to the account, no
      // IAM policy counts ("Without this permission, IAM policies that allow access to the key are
      // ineffective", AWS KMS, "Default key policy"); a key-policy grant to the caller suffices alone.
    } else if (unlimited.length) {
      granting.push(...unlimited.map((g) => g.entry));
      const direct = `the ${resourceMissing === 'acl' ? 'ACL' : WORDS[resourceType]} grants to this principal directly`;
      notRequired(identity, direct);
      if (boundary) notRequired(boundary, `${direct}, which an implicit deny in the boundary does not limit`);
      if (session) notRequired(session, `${direct}, which an implicit deny in the session policy does not limit`);
    } else if ((identityOk || viaRole.length) && boundaryOk && sessionOk) {
      granting.push(
        ...entries(idAllows),
        ...viaRole.map((g) => g.entry),
        ...(mustAllow ? rAllows.filter((g) => g.grant === 'account').map((g) => g.entry) : []),
        ...entries(bAllows),
        ...entries(sAllows),
      );
      if (identityOk && !mustAllow) notRequired(resource, 'within one account the identity-based Allow suffices');
      else if (!identityOk) notRequired(identity, 'the resource-based policy grants to the role');
    } else {
      if (!identityOk && !viaRole.length) {
        missing.push({ policyType: 'identity' });
        why.push(
          `no identity-based policy allows ${request.action}` +
            (delegated
              ? ` (the ${mustAllow ? ownPolicy : 'resource-based policy'} grants to the account, which delegates the decision to IAM policies)`
              : resourcePolicy
                ? ` and no ${WORDS[resourceType]} grants it to this principal`
                : ''),
        );
      }
      if (!boundaryOk) {
        missing.push({ policyType: 'boundary' });
        why.push(`the permissions boundary does not allow ${request.action}, and the effective permissions are the intersection`);
      }
      if (!sessionOk) {
        missing.push({ policyType: 'session' });
        why.push(
          policies.session.length
            ? `the session policy does not allow ${request.action}, and the session's permissions are the intersection`
            : `the federated user session was created without a session policy, so it has no permissions of its own (GetFederationToken)`,
        );
      }
    }
  }

  if (missing.length) {
    // Report layers in evaluation order.
    const order = (e: DecidingEntry) => all.findIndex((l) => l.outcome.policyType === e.policyType && l.outcome.level === e.level);
    missing.sort((a, b) => order(a) - order(b));
    return result('ImplicitDeny', `implicitly denied: ${why.join('; ')}`, missing);
  }
  const guards = [...rcpLevels, ...scpLevels, ...(vpce ? [vpce] : [])].filter((g) => g.applicable);
  const layersAllowing = [...new Set(granting.map((g) => WORDS[g.policyType]))];
  if (!layersAllowing.length) layersAllowing.push("account root user's full access to its own account");
  return result(
    'Allowed',
    `allowed by the ${layersAllowing.join(' and the ')}${guards.length ? `; every guardrail allows too (${[...new Set(guards.map((g) => (g.outcome.level !== undefined ? `${g.outcome.policyType.toUpperCase()} level ${g.outcome.level}` : WORDS[g.outcome.policyType])))].join(', ')})` : ''}`,
    granting,
  );
}

/** `, whose condition this request meets: aws:SecureTransport is false` — the fact that made a Deny apply. */
function conditionFacts(m: StatementMatch): string {
  const met = m.conditions.filter((t) => t.result && !t.error);
  if (!met.length) return '';
  const fact = (t: (typeof met)[number]) => `${t.key} is ${t.requestValue === null ? 'absent' : JSON.stringify(t.requestValue)}`;
  return `, whose condition this request meets: ${met.map(fact).join(' and ')}`;
}

export function describeStatement(m: StatementMatch | DecidingEntry): string {
  const sid = m.sid !== undefined ? ` "${m.sid}"` : '';
  return `statement${sid} (#${m.statementIndex}) in ${m.source}:${m.line}:${m.column}`;
}
