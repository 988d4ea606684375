import type { PolicyType } from '../model/policy.js';

/**
 * What each policy type is called in English: in input diagnostics, and in the English words table
 * (`explain/words/en.ts`); other languages name them in their own table.
 */
export const POLICY_TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: 'identity-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  resource: 'resource-based policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  vpcEndpoint: 'VPC endpoint policy',
  kmsKey: 'KMS key policy',
  accessPoint: 'access point policy',
  acl: 'ACL',
  blockPublicAccess: 'Block Public Access',
  requesterPays: 'requester pays',
};

/** `an identity-based policy`, `a session policy`. */
export function policyTypeWithArticle(t: PolicyType): string {
  const name = POLICY_TYPE_NAMES[t];
  return `${/^[aeiouAEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}
