import type { PrincipalValue } from '../../model/policy.js';
import type { RequestPrincipal } from '../../model/request.js';
import { parseArn } from './arn.js';

/**
 * How a Principal value reached the caller. The evaluator needs the difference: within one account a
 * grant to the account (`"AWS": "111122223333"` or its root ARN) delegates to IAM rather than granting
 * by itself, while a grant naming the user, role or session grants directly. A grant to a role ARN
 * (`role`) reaches the role's sessions but stays limited by their permissions boundary and session
 * policy; a grant to the session ARN or a user ARN (`principal`) does not (IAM User Guide, "Policy
 * evaluation logic", resource-based policies and implicit denies in other policy types).
 */
export type PrincipalGrant = 'everyone' | 'account' | 'principal' | 'role';

export interface PrincipalMatch {
  matched: boolean;
  value?: PrincipalValue;
  grant?: PrincipalGrant;
  /** Why a value could never match (partial wildcards, CanonicalUser without a canonical id…). */
  notes: string[];
}

/** Does any value of a Principal element name the caller? */
export function matchPrincipal(values: PrincipalValue[], p: RequestPrincipal): PrincipalMatch {
  const notes: string[] = [];
  for (const v of values) {
    const grant = matchOne(v, p, notes);
    if (grant) return { matched: true, value: v, grant, notes };
  }
  return { matched: false, notes };
}

function matchOne(v: PrincipalValue, p: RequestPrincipal, notes: string[]): PrincipalGrant | undefined {
  switch (v.type) {
    case '*':
      return 'everyone';
    case 'Service':
      return p.kind === 'service' && p.service === v.value.toLowerCase() ? 'principal' : undefined;
    case 'Federated':
      // Names an identity provider, used in role trust policies; a request is never made by one.
      return undefined;
    case 'CanonicalUser':
      notes.push(`CanonicalUser ${v.value} cannot be matched: the request names no canonical user id`);
      return undefined;
    case 'AWS':
      return matchAws(v.value, p, notes);
  }
}

function matchAws(value: string, p: RequestPrincipal, notes: string[]): PrincipalGrant | undefined {
  if (value === '*') return 'everyone';
  if (value.includes('*') || value.includes('?')) {
    notes.push(`\`${value}\`: wildcards inside a principal are not supported by AWS, so it matches nobody (use a condition on aws:PrincipalArn)`);
    return undefined;
  }
  if (p.kind === 'anonymous' || p.kind === 'service' || !p.account) return undefined;
  if (/^\d{12}$/.test(value)) return value === p.account ? 'account' : undefined;
  const arn = parseArn(value);
  if (!arn || arn.account !== p.account || arn.partition !== p.partition) return undefined;
  if (arn.service === 'iam' && arn.resource === 'root') return 'account';
  switch (p.kind) {
    case 'user':
    case 'federatedUser':
      return value === p.text ? 'principal' : undefined;
    case 'role':
      return value === p.text ? 'role' : undefined;
    case 'assumedRole': {
      if (value === p.text) return 'principal';
      // A role ARN names every session of the role. The session ARN carries no path, so the
      // role is identified by its name (the last part of the role ARN).
      const m = arn.service === 'iam' ? /^role\/(?:.*\/)?([^/]+)$/.exec(arn.resource) : null;
      return m && m[1] === p.name ? 'role' : undefined;
    }
    case 'root':
      return undefined;
  }
  return undefined;
}
