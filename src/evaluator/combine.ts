import type { Decision, DecidingEntry, DecisionReason, MissingPart } from '../model/evaluation.js';
import type { PolicyType } from '../model/policy.js';
import type { Layers, Situation } from './applicable.js';
import { applying, notRequired, statementEntry, type LayerEval } from './layer.js';
import type { PrincipalGrant } from './match/principal.js';
import type { StatementOutcome } from './statement.js';

/** A resource-side grant: an Allow statement of the resource-based (or key) policy, or an ACL grant. */
interface ResourceGrant {
  grant: PrincipalGrant;
  entry: DecidingEntry;
  /** The statement behind it, when it is one. */
  statement?: StatementOutcome;
}

export interface Combined {
  decision: Decision;
  why: DecisionReason;
  deciding: DecidingEntry[];
}

const refusalEntry = (l: LayerEval): DecidingEntry => ({ policyType: l.outcome.policyType });

/**
 * How the layers combine, per AWS's "Policy evaluation logic" and "Cross-account policy evaluation logic":
 * 1. an explicit Deny in any applicable policy wins (and so do the service's refusals, which S3 documents
 *    as acting like an explicit deny);
 * 2. every applicable RCP and SCP level, and the VPC endpoint policy, must allow (guardrails grant nothing);
 * 3. within one account an Allow in the identity-based or the resource-based policy suffices, subject to
 *    the permissions boundary and session policy unless the resource policy names the user or the
 *    session itself; a grant to the account only delegates to IAM. KMS key policies and role trust
 *    policies are the exception: they must allow, directly or by delegating to IAM;
 * 4. across accounts both the principal's side and the resource's side must allow;
 * 5. anonymous callers, service principals and CloudFront OAIs can only be allowed by a resource-based policy.
 * S3 objects owned by another account are reached through their ACL, not the bucket policy.
 * Every applying Deny is reported, in layer order; missing allows are reported in layer order.
 */
export function combine(sit: Situation, layers: Layers): Combined {
  // 1. An explicit Deny anywhere wins; every applying Deny is reported, in layer order.
  const denies = layers.all.flatMap((l) => applying(l, 'Deny'));
  if (denies.length || layers.refusals.length) {
    const deciding = [...layers.refusals.map(refusalEntry), ...denies.map((d) => statementEntry(d.match))];
    const first = layers.refusals[0];
    const why: DecisionReason = {
      code: 'explicitDeny',
      first:
        first && first.outcome.why.code === 'refused'
          ? { code: 'refusal', policyType: first.outcome.policyType, refusal: first.outcome.why.refusal }
          : { code: 'statement', statement: denies[0]!.match },
      more: deciding.length - 1,
    };
    return { decision: 'ExplicitDeny', why, deciding };
  }

  // 2. Guardrails grant nothing but every applicable level must allow.
  const missing: DecidingEntry[] = [];
  const parts: MissingPart[] = [];
  for (const g of [...layers.rcp, ...layers.scp, ...(layers.vpce ? [layers.vpce] : [])]) {
    if (g.applicable && applying(g, 'Allow').length === 0) {
      const lvl = g.outcome.level;
      const policyType = g.outcome.policyType;
      missing.push({ policyType, ...(lvl !== undefined ? { level: lvl } : {}) });
      const levelCount = policyType === 'scp' ? sit.policies.scp.length : sit.policies.rcp.length;
      parts.push({ code: 'guardrail', policyType, ...(lvl !== undefined ? { level: lvl } : {}), levelCount });
    }
  }
  const sides = [...principalAndResource(sit, layers, missing, parts), ...bucketBehindAccessPoint(sit, layers, missing, parts)];

  if (missing.length) {
    // Report layers in evaluation order.
    const order = (e: DecidingEntry) => layers.all.findIndex((l) => l.outcome.policyType === e.policyType && l.outcome.level === e.level);
    missing.sort((a, b) => order(a) - order(b));
    return { decision: 'ImplicitDeny', why: { code: 'implicitDeny', parts }, deciding: missing };
  }
  const guards = [...layers.rcp, ...layers.scp, ...(layers.vpce ? [layers.vpce] : [])].filter((g) => g.applicable);
  const by = [...new Set<PolicyType | 'rootFullAccess'>(sides.map((g) => g.policyType))];
  if (!by.length) by.push('rootFullAccess');
  const seen = new Set<string>();
  const guardList = guards
    .map((g) => ({ policyType: g.outcome.policyType, ...(g.outcome.level !== undefined ? { level: g.outcome.level } : {}) }))
    .filter((g) => {
      const k = `${g.policyType}|${g.level ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const aside = layers.resource.outcome.why;
  const setAside = aside.code === 'denySetAside' ? { setAside: aside.rule } : {};
  return { decision: 'Allowed', why: { code: 'allowed', by, guards: guardList, ...setAside }, deciding: sides };
}

/** What the principal's side and the resource's side grant, computed once. */
interface Sides {
  idAllows: StatementOutcome[];
  identityOk: boolean;
  bAllows: StatementOutcome[];
  sAllows: StatementOutcome[];
  boundaryOk: boolean;
  sessionOk: boolean;
  /** Resource-side grants that reach the target: statements of the resource (or key) policy, ACL grants. */
  rAllows: ResourceGrant[];
  /** S3's user context: the caller's own bucket policy, for an object another account owns. */
  userContextGrants: ResourceGrant[];
  /** The target is an S3 object another account owns: only its ACL grants. */
  viaAcl: boolean;
  /** What is missing on the resource side when nothing grants there. */
  resourceMissing: PolicyType;
}

const entries = (xs: StatementOutcome[]) => xs.map((x) => statementEntry(x.match));
const grantOf = (st: StatementOutcome): ResourceGrant => ({ grant: st.grant ?? 'principal', entry: statementEntry(st.match), statement: st });

function principalSide(sit: Situation, layers: Layers): Pick<Sides, 'idAllows' | 'identityOk' | 'bAllows' | 'sAllows' | 'boundaryOk' | 'sessionOk'> {
  const { identity, boundary, session } = layers;
  // "all requests are implicitly denied with the exception of the AWS account root user, which has full
  // access" (IAM User Guide, "Policy evaluation logic"): the root user needs no identity-based Allow,
  // except for KMS, whose key policy must allow even the root user.
  const rootFullAccess = sit.p.kind === 'root';
  if (rootFullAccess && identity.outcome.result === 'ImplicitDeny') {
    identity.outcome.result = 'Allowed';
    identity.outcome.why = { code: 'rootFullAccess' };
  }
  const idAllows = applying(identity, 'Allow');
  const bAllows = applying(boundary, 'Allow');
  const sAllows = applying(session, 'Allow');
  return {
    idAllows,
    identityOk: idAllows.length > 0 || rootFullAccess,
    bAllows,
    sAllows,
    boundaryOk: !boundary || bAllows.length > 0,
    sessionOk: !session || sAllows.length > 0,
  };
}

function resourceSide(sit: Situation, layers: Layers): Pick<Sides, 'rAllows' | 'userContextGrants' | 'viaAcl' | 'resourceMissing'> {
  const { p, isIam, s3 } = sit;
  const { resource, acl } = layers;
  // A bucket policy does not reach an object another account owns.
  const reaches = !s3 || s3.bucketPolicyReachesTarget;
  const allows = applying(resource, 'Allow');
  const policyGrants = reaches ? allows.map(grantOf) : [];
  // S3's user context: "If the parent also owns the resource in the request (bucket, object), Amazon S3
  // evaluates the corresponding resource policies (bucket policy, bucket ACL, and object ACL) at the
  // same time" ("How Amazon S3 authorizes a request for an object operation"). So when the caller's
  // own account owns the bucket, its bucket policy gives the caller its account's permission, and the
  // object's owner must still grant through the object ACL (User Guide, Example 3).
  const userContextGrants = !reaches && isIam && s3?.bucketOwner === p.account ? allows.map(grantOf).filter((g) => g.grant !== 'account') : [];
  if (!reaches && allows.length) {
    const objectOwner = s3?.objectOwner !== undefined ? { objectOwner: s3.objectOwner } : {};
    if (userContextGrants.length) resource.outcome.why = { code: 'bucketPolicyUserContext', ...objectOwner };
    else {
      resource.outcome.result = 'ImplicitDeny';
      resource.outcome.why = { code: 'bucketPolicyNotReachObject', ...objectOwner };
    }
  }
  const aclGrants: ResourceGrant[] = (acl?.grants ?? []).map((g) => ({ grant: g.grant, entry: { policyType: 'acl', source: acl!.source } }));
  return { rAllows: [...policyGrants, ...aclGrants], userContextGrants, viaAcl: !reaches, resourceMissing: reaches ? sit.resourceType : 'acl' };
}

/**
 * Steps 3–5: the principal's side and the resource's side. Adds what is missing to `missing` and `parts`;
 * returns the granting entries.
 */
function principalAndResource(sit: Situation, layers: Layers, missing: DecidingEntry[], parts: MissingPart[]): DecidingEntry[] {
  const sides: Sides = { ...principalSide(sit, layers), ...resourceSide(sit, layers) };
  const { p, isKms } = sit;
  if (!sit.isIam) {
    if (sides.rAllows.length) return sides.rAllows.map((g) => g.entry);
    missing.push({ policyType: sides.resourceMissing });
    parts.push({
      code: 'nonIamCaller',
      caller: p.kind as 'anonymous',
      callerText: p.text,
      oaiKms: p.kind === 'oai' && isKms,
      via: sides.resourceMissing,
      action: sit.request.action,
    });
    return [];
  }
  return sit.crossAccount || sit.bothSides ? crossAccount(sit, sides, missing, parts) : sameAccount(sit, layers, sides, missing, parts);
}

/** Across accounts both the principal's side and the resource's side must allow. */
function crossAccount(sit: Situation, sides: Sides, missing: DecidingEntry[], parts: MissingPart[]): DecidingEntry[] {
  const { identityOk, boundaryOk, sessionOk, rAllows, userContextGrants, resourceMissing } = sides;
  // The principal's side: its identity-based policies, or its own account's bucket policy (above),
  // which, naming the user or session itself, is not limited by the boundary or session policy.
  const userDirect = userContextGrants.filter((g) => g.grant === 'principal' || g.grant === 'everyone');
  const userViaRole = userContextGrants.filter((g) => g.grant === 'role');
  const principalDirect = userDirect.length > 0;
  const before = missing.length;
  if (!identityOk && !principalDirect && !userViaRole.length) missing.push({ policyType: 'identity' });
  if (!boundaryOk && !principalDirect) missing.push({ policyType: 'boundary' });
  if (!sessionOk && !principalDirect) missing.push({ policyType: 'session' });
  if (!rAllows.length) missing.push({ policyType: resourceMissing });
  const lacking = missing.slice(before).map((m) => m.policyType);
  if (lacking.length) {
    parts.push({
      code: 'crossAccount',
      principalAccount: sit.p.account ?? '',
      ...(sit.resourceAccount !== undefined ? { resourceAccount: sit.resourceAccount } : {}),
      kms: sit.isKms,
      viaAcl: sides.viaAcl,
      resourceType: sit.resourceType,
      lacking,
      ...(sit.bothSides && !sit.crossAccount ? { roleChain: true } : {}),
    });
    return [];
  }
  if (principalDirect) return [...userDirect.map((g) => g.entry), ...rAllows.map((g) => g.entry)];
  return [...entries(sides.idAllows), ...userViaRole.map((g) => g.entry), ...entries(sides.bAllows), ...entries(sides.sAllows), ...rAllows.map((g) => g.entry)];
}

/**
 * Within one account. A resource-side grant naming the user, the session, or everyone is not limited by
 * implicit denies elsewhere; one naming the role is limited by the boundary and session policy; one
 * naming the account only delegates to IAM. For KMS the key policy must allow in some form.
 */
function sameAccount(sit: Situation, layers: Layers, sides: Sides, missing: DecidingEntry[], parts: MissingPart[]): DecidingEntry[] {
  const { isKms, mustAllow, resourceType } = sit;
  const { identity, boundary, session, resource } = layers;
  const { identityOk, boundaryOk, sessionOk, rAllows } = sides;
  const action = sit.request.action;
  const unlimited = rAllows.filter((g) => g.grant === 'principal' || g.grant === 'everyone');
  const viaRole = rAllows.filter((g) => g.grant === 'role');
  const delegated = rAllows.length > 0 && unlimited.length === 0 && viaRole.length === 0;
  let resourcePolicy = isKms ? sit.policies.kmsKey : sit.policies.resource;
  if (sit.accessPoint) resourcePolicy = sit.policies.accessPoint;
  const resourcePolicyGiven = resourcePolicy !== undefined;
  if (mustAllow && rAllows.length === 0) {
    missing.push({ policyType: resourceType });
    parts.push({ code: 'mustAllowSilent', kms: isKms, policyGiven: resourcePolicyGiven, identityAllows: identityOk, action });
    // Not `identity` as well: while the key policy neither allows nor delegates to the account, no
    // IAM policy counts ("Without this permission, IAM policies that allow access to the key are
    // ineffective", AWS KMS, "Default key policy"); a key-policy grant to the caller suffices alone.
    return [];
  }
  if (unlimited.length) {
    const by = sides.viaAcl ? 'acl' : resourceType;
    notRequired(identity, { code: 'directGrant', by, layer: 'identity' });
    if (boundary) notRequired(boundary, { code: 'directGrant', by, layer: 'boundary' });
    if (session) notRequired(session, { code: 'directGrant', by, layer: 'session' });
    return unlimited.map((g) => g.entry);
  }
  if ((identityOk || viaRole.length) && boundaryOk && sessionOk) {
    if (identityOk && !mustAllow) notRequired(resource, { code: 'identitySuffices' });
    else if (!identityOk) notRequired(identity, { code: 'resourceGrantsRole' });
    return [
      ...entries(sides.idAllows),
      ...viaRole.map((g) => g.entry),
      ...(mustAllow ? rAllows.filter((g) => g.grant === 'account').map((g) => g.entry) : []),
      ...entries(sides.bAllows),
      ...entries(sides.sAllows),
    ];
  }
  if (!identityOk && !viaRole.length) {
    missing.push({ policyType: 'identity' });
    parts.push({
      code: 'identityMissing',
      action,
      ...(delegated ? { delegated: { mustAllow, kms: isKms } } : {}),
      ...(!delegated && resourcePolicyGiven ? { noGrantIn: resourceType } : {}),
    });
  }
  if (!boundaryOk) {
    missing.push({ policyType: 'boundary' });
    parts.push({ code: 'boundaryMissing', action });
  }
  if (!sessionOk) {
    missing.push({ policyType: 'session' });
    parts.push({ code: 'sessionMissing', action, federated: sit.policies.session.length === 0 });
  }
  return [];
}

/**
 * Through an access point, the bucket must allow too: "For an application or user to be able to access
 * objects through an access point, both the access point and the underlying bucket must permit the
 * request", and "Permissions granted in an access point policy are only effective if the underlying bucket
 * also allows the same access. You can accomplish this in two ways: (Recommended) Delegate access control
 * from the bucket to the access point ... Add the same permissions contained in the access point policy to
 * the underlying bucket's policy" (Amazon S3 User Guide, "Configuring IAM policies for using access
 * points"). Both ways are the bucket policy, so it must allow, evaluated against the bucket or object ARN:
 * a grant naming the caller, its role or everyone (the delegation statement's `"AWS": "*"` with
 * s3:DataAccessPointAccount) counts; a grant to the caller's account delegates to its IAM policies, so it
 * counts only when they allow. Without such a grant the request is denied, even where AWS might let an IAM
 * policy on the bucket stand in (not documented): never a wrong Allowed.
 */
function bucketBehindAccessPoint(sit: Situation, layers: Layers, missing: DecidingEntry[], parts: MissingPart[]): DecidingEntry[] {
  const ap = sit.accessPoint;
  if (!ap || !layers.bucket) return [];
  const { identityOk, boundaryOk, sessionOk } = principalSide(sit, layers);
  const counts = (st: StatementOutcome): boolean => {
    if (st.grant === 'account') return identityOk && boundaryOk && sessionOk;
    if (st.grant === 'role') return boundaryOk && sessionOk;
    return true;
  };
  const grants = applying(layers.bucket, 'Allow').filter(counts);
  if (grants.length) return entries(grants);
  missing.push({ policyType: 'resource' });
  parts.push({
    code: 'bucketBehindAccessPoint',
    action: sit.request.action,
    bucketArn: ap.underlying,
    accessPointAccount: ap.account,
    policyGiven: sit.policies.resource !== undefined,
  });
  return [];
}
