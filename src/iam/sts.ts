/** Actions authorized against a role's trust policy. */
const ROLE_TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** A request decided by a role's trust policy (which must allow, and has no Resource element). */
export function isRoleTrustRequest(action: string, resource: string): boolean {
  return ROLE_TRUST_ACTIONS.has(action.toLowerCase()) && /^arn:[^:]+:iam::\d{12}:role\//.test(resource);
}

/** The service that authorizes these further actions for a request: STS for sts:TagSession and the like, S3 otherwise. */
export function chainingService(actions: readonly string[]): 'STS' | 'S3' {
  return actions.some((a) => a.toLowerCase().startsWith('sts:')) ? 'STS' : 'S3';
}
