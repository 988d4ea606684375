import type { CallerKind, LayerReason } from '../model/evaluation.js';
import type { PolicyType } from '../model/policy.js';
import type { Request, RequestPrincipal } from '../model/request.js';
import type { CompiledPolicySet as PolicySet } from './compile.js';
import { ContextView } from './context.js';
import { evaluateLayer, fixedLayer, notApplicable, setAsideDenies, type LayerEval } from './layer.js';
import { prepare } from './statement.js';
import { authorizerFor } from './services/index.js';
import { aclLayer, s3Situation, type AclMatch, type S3Situation } from './services/s3.js';
import { isServiceLinkedRole } from './services/sts.js';
import { dataAccessPoint, underlyingArn } from '../iam/s3.js';

/** What the combination needs to know about the request, computed once. */
export interface Situation {
  request: Request;
  policies: PolicySet;
  view: ContextView;
  p: RequestPrincipal;
  /** An IAM user, role, session, root or federated user (not anonymous, a service, an OAI or an identity provider). */
  isIam: boolean;
  /** A KMS request on a key: the key policy must allow. */
  isKms: boolean;
  /** A request decided by a role's trust policy, which must allow too. */
  isRoleTrust: boolean;
  mustAllow: boolean;
  s3: S3Situation | undefined;
  /** The account that owns what the request acts on (an S3 object's owner for object operations). */
  resourceAccount: string | undefined;
  crossAccount: boolean;
  /** Both sides must allow although the caller is in the resource's account (role chaining with a source identity). */
  bothSides?: 'roleChain';
  /** The resource side: the key policy for KMS requests, the access point policy through one, the resource-based policy otherwise. */
  resourceType: PolicyType;
  /** The S3 access point the request went through, and the bucket or object ARN behind it. */
  accessPoint: { arn: string; account: string; underlying: string } | undefined;
}

/** Every layer AWS consults for the request, evaluated, in AWS's order. */
export interface Layers {
  refusals: LayerEval[];
  rcp: LayerEval[];
  scp: LayerEval[];
  vpce: LayerEval | undefined;
  resource: LayerEval;
  /** Through an access point: the bucket policy, evaluated against the bucket or object ARN behind it (`resource` is then the access point's). */
  bucket: LayerEval | undefined;
  acl: { layer: LayerEval; grants: AclMatch[]; ignoredPublic: AclMatch[]; source: string } | undefined;
  identity: LayerEval;
  boundary: LayerEval | undefined;
  session: LayerEval | undefined;
  /** All of them, in evaluation order, as reported. */
  all: LayerEval[];
}

export function situationOf(request: Request, policies: PolicySet): Situation {
  const p = request.principal;
  const isIam = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'oai' && p.kind !== 'identityProvider';
  // KMS keys and IAM roles: the resource's own policy must allow (services/types.ts, ResourceSide).
  const side = authorizerFor(request.action)?.resourceSide?.(request);
  const isKms = side?.kind === 'key';
  const isRoleTrust = side?.kind === 'role';
  const s3 = s3Situation(request);
  const resourceAccount = s3?.ownerOfTarget ?? request.resourceAccount;
  const accessPoint = accessPointSituation(request);
  // Through an access point, the principal's side meets the access point first (its owner's account).
  const sideAccount = accessPoint ? accessPoint.account : resourceAccount;
  return {
    request,
    policies,
    view: new ContextView(request.context),
    p,
    isIam,
    isKms,
    isRoleTrust,
    mustAllow: side?.mustAllow === true,
    s3,
    resourceAccount,
    crossAccount: isIam && ((sideAccount !== undefined && sideAccount !== p.account) || request.resourceAccountOther === true),
    ...(side?.bothSides ? { bothSides: side.bothSides } : {}),
    resourceType: accessPoint ? 'accessPoint' : (side?.policyType ?? 'resource'),
    accessPoint,
  };
}

/** The access point an S3 request went through (its resource is an access point ARN and the bucket behind it is known). */
function accessPointSituation(request: Request): Situation['accessPoint'] {
  const ap = dataAccessPoint(request.action, request.resource);
  const bucket = request.s3?.accessPoint?.bucket;
  if (!ap || bucket === undefined) return undefined;
  return { arn: ap.arn, account: ap.account, underlying: underlyingArn(ap, bucket) };
}

/**
 * A federated user session (GetFederationToken) that was given no session policy has no permissions:
 * "If there is no session policy, the code checks whether the principal is a role session. If the
 * principal is a role session, then the request is Allowed. Otherwise, the request is implicitly
 * denied" (IAM User Guide, "Policy evaluation logic"). A resource-based policy that names the session
 * itself still grants, as for any session.
 */
const federationWithoutSessionPolicy = (): LayerEval => fixedLayer('session', 'ImplicitDeny', { code: 'federationNoSessionPolicy' });

/** Why the resource side has no policy: a key and a role always have one, other resources may not. */
function missingResourcePolicy(sit: Situation): 'noKeyPolicy' | 'noTrustPolicy' | 'noResourcePolicy' | 'noAccessPointPolicy' {
  if (sit.isKms) return 'noKeyPolicy';
  if (sit.accessPoint) return 'noAccessPointPolicy';
  return sit.isRoleTrust ? 'noTrustPolicy' : 'noResourcePolicy';
}

/**
 * Through an access point, the bucket policy is evaluated against the bucket or object behind it: "Note
 * that the Resource entry differs between the access point and bucket policies" (Amazon S3 User Guide,
 * "Configuring IAM policies for using access points").
 */
function bucketBehind(sit: Situation, hasBoundary: boolean): LayerEval | undefined {
  const { accessPoint, policies, request } = sit;
  if (!accessPoint) return undefined;
  if (!policies.resource) return notApplicable('resource', { code: 'noResourcePolicy' });
  return evaluateLayer('resource', [policies.resource], prepare({ ...request, resource: accessPoint.underlying }, sit.view, hasBoundary));
}

/** Which layers apply to the request, each evaluated: guardrails, the resource side, the principal's side. */
export function applicableLayers(sit: Situation): Layers {
  const { request, policies, p, isIam, isKms, resourceAccount } = sit;
  const req = prepare(request, sit.view, policies.boundary !== undefined);
  const slr = isServiceLinkedRole(p);
  const service = request.action.split(':')[0]!;

  // Guardrails, in AWS's order: RCPs, then SCPs, then the VPC endpoint policy.
  const rcp: LayerEval[] = policies.rcp.map((level, i) => {
    const skip = (why: LayerReason) => notApplicable('rcp', why, level, i);
    if (request.managementAccount !== undefined && resourceAccount === request.managementAccount) return skip({ code: 'rcpManagementAccount' });
    if (request.rcpServices && !request.rcpServices.has(service.toLowerCase())) return skip({ code: 'rcpServiceNotCovered', service });
    if (slr) return skip({ code: 'rcpServiceLinkedRole' });
    if (isKms && request.kmsKeyAwsManaged) return skip({ code: 'rcpAwsManagedKey' });
    return evaluateLayer('rcp', level, req, i);
  });
  const scp: LayerEval[] = policies.scp.map((level, i) => {
    const skip = (why: LayerReason) => notApplicable('scp', why, level, i);
    if (!isIam) return skip({ code: 'scpNotIam' });
    if (request.managementAccount !== undefined && p.account === request.managementAccount) return skip({ code: 'scpManagementAccount' });
    if (slr) return skip({ code: 'scpServiceLinkedRole' });
    return evaluateLayer('scp', level, req, i);
  });
  const vpce = policies.vpcEndpoint ? evaluateLayer('vpcEndpoint', [policies.vpcEndpoint], req) : undefined;

  // The resource side: the key policy for KMS actions, the access point's policy through one (and the
  // bucket policy behind it), the resource-based policy otherwise.
  let resourcePolicy = isKms ? policies.kmsKey : policies.resource;
  if (sit.accessPoint) resourcePolicy = policies.accessPoint;
  let resource: LayerEval;
  if (!resourcePolicy) resource = notApplicable(sit.resourceType, { code: missingResourcePolicy(sit) });
  else if (isKms && p.kind === 'oai') resource = notApplicable('kmsKey', { code: 'oaiNoKms' }, [resourcePolicy]);
  else resource = evaluateLayer(sit.resourceType, [resourcePolicy], req);
  const aside = authorizerFor(request.action)?.setsAside?.(request);
  if (aside && aside.policyType === sit.resourceType) setAsideDenies(resource, aside.rule, request.action);

  // The principal's side. A caller that is not an IAM principal has none of it.
  const hasNo = (what: 'identity' | 'boundary' | 'session'): LayerReason => ({ code: 'callerHasNo', caller: p.kind as CallerKind, callerText: p.text, what });
  const identity = isIam ? evaluateLayer('identity', policies.identity, req) : notApplicable('identity', hasNo('identity'), policies.identity);
  let boundary: LayerEval | undefined;
  if (policies.boundary)
    boundary = isIam ? evaluateLayer('boundary', [policies.boundary], req) : notApplicable('boundary', hasNo('boundary'), [policies.boundary]);
  let session: LayerEval | undefined;
  if (policies.session.length) session = isIam ? evaluateLayer('session', policies.session, req) : notApplicable('session', hasNo('session'), policies.session);
  else if (p.kind === 'federatedUser') session = federationWithoutSessionPolicy();

  // S3 ACLs (when the bucket has them enabled) add resource-side grants; the service's refusals act
  // like an explicit deny.
  const acl = sit.s3 ? aclLayer(sit.s3, request) : undefined;
  const refusals = (authorizerFor(request.action)?.refusals?.(request, policies) ?? []).map((r) =>
    fixedLayer(r.policyType, 'ExplicitDeny', { code: 'refused', refusal: r.refusal }),
  );
  const bucket = bucketBehind(sit, policies.boundary !== undefined);
  const all = [...refusals, ...rcp, ...scp, ...(vpce ? [vpce] : []), resource, ...(bucket ? [bucket] : []), ...(acl ? [acl.layer] : []), identity];
  if (boundary) all.push(boundary);
  if (session) all.push(session);
  return { refusals, rcp, scp, vpce, resource, bucket, acl, identity, boundary, session, all };
}
