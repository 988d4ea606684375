import type { Decision, StsRule } from '../../model/evaluation.js';
import type { Request, RequestPrincipal } from '../../model/request.js';
import { isRoleTrustRequest } from '../../iam/sts.js';
import type { CompiledPolicySet } from '../compile.js';
import type { ChainedDraft } from './types.js';

/** What STS decides whatever the policies say; `deciding` is then empty. */
export interface StsDecision {
  decision: Decision;
  rule: StsRule;
  sourceIdentity?: { persisted: string; requested: string };
}

/**
 * Rules STS applies whatever the policies say (IAM User Guide, "Compare AWS STS credentials" and
 * sts:GetCallerIdentity): GetCallerIdentity needs no permission ("If an administrator adds a policy to
 * your IAM identity that explicitly denies access to the sts:GetCallerIdentity action, you can still
 * perform this operation"); nor does GetSessionToken for an IAM user or the root user ("You can include
 * the GetSessionToken action in your policies, but it has no effect on a user's ability to perform the
 * GetSessionToken operation", IAM User Guide, "Permissions for GetSessionToken"); the root user cannot
 * call AssumeRole; a federated user session (from GetFederationToken) "cannot call IAM operations using
 * the AWS CLI or AWS API" and "cannot call AWS STS operations except GetCallerIdentity". No policy layer
 * decides these, so `deciding` is empty.
 */
export function stsRule(request: Request): StsDecision | undefined {
  const a = request.action.toLowerCase();
  const p = request.principal;
  if (a === 'sts:getcalleridentity' && p.kind !== 'anonymous' && p.kind !== 'identityProvider') return { decision: 'Allowed', rule: 'getCallerIdentity' };
  if (p.kind === 'root' && a === 'sts:assumerole') return { decision: 'ImplicitDeny', rule: 'rootAssumeRole' };
  if (p.kind === 'federatedUser' && a.startsWith('iam:')) return { decision: 'ImplicitDeny', rule: 'federatedIam' };
  if (p.kind === 'federatedUser' && a.startsWith('sts:')) return { decision: 'ImplicitDeny', rule: 'federatedSts' };
  return longTermOnly(a, p) ?? sourceIdentityChanged(a, request);
}

/**
 * GetSessionToken and GetFederationToken take long-term credentials: "The GetSessionToken operation must
 * be called by using the long-term Amazon Web Services security credentials of an IAM user" (or the root
 * user's, whose session credentials it also documents), and "You must call the GetFederationToken
 * operation using the long-term security credentials of an IAM user" (AWS STS API Reference). A role
 * session has only temporary credentials, so STS refuses it. An IAM user or the root user needs no
 * permission for GetSessionToken.
 */
function longTermOnly(a: string, p: RequestPrincipal): StsDecision | undefined {
  const roleSession = p.kind === 'assumedRole' || p.kind === 'role';
  if (a === 'sts:getsessiontoken') {
    if (roleSession) return { decision: 'ImplicitDeny', rule: 'sessionTokenFromSession' };
    if (p.kind === 'user' || p.kind === 'root') return { decision: 'Allowed', rule: 'getSessionToken' };
  }
  if (a === 'sts:getfederationtoken' && roleSession) return { decision: 'ImplicitDeny', rule: 'federationTokenFromSession' };
  return undefined;
}

/**
 * In role chaining the source identity persists and cannot be changed: "The value that is set cannot be
 * changed during the role session", and "If the user attempts to set a source identity that is different
 * from the value set when CriticalRole was assumed, the assume role request will be denied" (IAM User
 * Guide, "Monitor and control actions taken with assumed roles"). The session's value is the request's
 * `aws:SourceIdentity`; the value asked for is an `sts:SourceIdentity` the request itself gives (one
 * derived from the session is the same value). Values are compared exactly: the guide does not say that
 * case is ignored, and reading them case-sensitively never reports a wrong Allowed.
 */
function sourceIdentityChanged(a: string, request: Request): StsDecision | undefined {
  if (a !== 'sts:assumerole' || request.principal.kind !== 'assumedRole') return undefined;
  const persisted = request.context.get('aws:sourceidentity')?.values[0];
  const asked = request.context.get('sts:sourceidentity');
  const requested = asked?.origin === 'request' ? asked.values[0] : undefined;
  if (persisted === undefined || requested === undefined || requested === persisted) return undefined;
  return { decision: 'ImplicitDeny', rule: 'sourceIdentityChanged', sourceIdentity: { persisted, requested } };
}

/** Service-linked roles are exempt from SCPs and RCPs; their names start with AWSServiceRoleFor. */
export function isServiceLinkedRole(p: RequestPrincipal): boolean {
  return (p.kind === 'role' || p.kind === 'assumedRole') && (/\/aws-service-role\//.test(p.text) || (p.name ?? '').startsWith('AWSServiceRoleFor'));
}

/** The AssumeRole* operations, which can pass session tags and set a source identity. */
const ASSUME_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity']);

/**
 * The permissions-only actions STS authorizes along with AssumeRole*, each decided like the call itself
 * (the role's trust policy must allow; across accounts the caller's identity-based policy too):
 * - session tags: "In addition to the action that matches the API operation, you must have the following
 *   permissions-only action in your policy: sts:TagSession" (IAM User Guide, "Passing session tags in
 *   AWS STS", "Permissions required to add session tags"); the request passes tags when it carries
 *   `aws:RequestTag/…`, `aws:TagKeys` or `sts:TransitiveTagKeys`;
 * - source identity: "In addition to the action that matches the API operation, you must have the
 *   following permissions-only action in your policy: sts:SetSourceIdentity" (IAM User Guide, "Monitor
 *   and control actions taken with assumed roles"); the request sets one when it carries
 *   `sts:SourceIdentity` (derived from the caller's `aws:SourceIdentity` in role chaining).
 */
export function stsChainedRequests(request: Request, policies: CompiledPolicySet): ChainedDraft[] {
  if (!ASSUME_ACTIONS.has(request.action.toLowerCase()) || !isRoleTrustRequest(request.action, request.resource)) return [];
  const out: ChainedDraft[] = [];
  const entries = [...request.context.values()];
  const tagKeys = entries.filter((e) => /^aws:requesttag\//i.test(e.key)).map((e) => e.key.slice('aws:RequestTag/'.length));
  const listed = request.context.get('aws:tagkeys')?.values ?? [];
  const transitive = request.context.get('sts:transitivetagkeys')?.values ?? [];
  const keys = [...new Set([...tagKeys, ...listed])];
  if (keys.length || transitive.length) {
    out.push({ request: { ...request, action: 'sts:TagSession' }, policies, because: { code: 'tagSession', keys, transitive: [...transitive] } });
  }
  const source = request.context.get('sts:sourceidentity');
  if (source) {
    const because = { code: 'setSourceIdentity', value: source.values[0] ?? '', persisted: source.origin === 'derived' } as const;
    out.push({ request: { ...request, action: 'sts:SetSourceIdentity' }, policies, because });
  }
  return out;
}
