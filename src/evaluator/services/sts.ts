import type { Decision, StsRule } from '../../model/evaluation.js';
import type { Request, RequestPrincipal } from '../../model/request.js';

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
