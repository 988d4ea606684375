import type { Decision, StsRule } from '../../model/evaluation.js';
import type { Request, RequestPrincipal } from '../../model/request.js';
import { isRoleTrustRequest } from '../../iam/sts.js';
import type { CompiledPolicySet } from '../compile.js';
import type { ChainedDraft } from './types.js';

/**
 * Rules STS applies whatever the policies say (IAM User Guide, "Compare AWS STS credentials" and
 * sts:GetCallerIdentity): GetCallerIdentity needs no permission ("If an administrator adds a policy to
 * your IAM identity that explicitly denies access to the sts:GetCallerIdentity action, you can still
 * perform this operation"); the root user cannot call AssumeRole; a federated user session (from
 * GetFederationToken) "cannot call IAM operations using the AWS CLI or AWS API" and "cannot call AWS STS
 * operations except GetCallerIdentity". No policy layer decides these, so `deciding` is empty.
 */
export function stsRule(request: Request): { decision: Decision; rule: StsRule } | undefined {
  const a = request.action.toLowerCase();
  const p = request.principal;
  if (a === 'sts:getcalleridentity' && p.kind !== 'anonymous' && p.kind !== 'identityProvider') return { decision: 'Allowed', rule: 'getCallerIdentity' };
  if (p.kind === 'root' && a === 'sts:assumerole') return { decision: 'ImplicitDeny', rule: 'rootAssumeRole' };
  if (p.kind === 'federatedUser' && a.startsWith('iam:')) return { decision: 'ImplicitDeny', rule: 'federatedIam' };
  if (p.kind === 'federatedUser' && a.startsWith('sts:')) return { decision: 'ImplicitDeny', rule: 'federatedSts' };
  return undefined;
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
