import type { Condition, PolicyDocument, PrincipalValue, Statement } from '../model/policy.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { concrete, foreignAccount, hasWildcard, sessionOf } from './witness.js';

/** At most this many principals per statement are tried: each is one evaluation. */
export const PRINCIPALS_PER_STATEMENT = 4;

/**
 * The bucket's account: an account in a Resource ARN, else one no principal of the policy names. An S3 ARN
 * names no account, and the conditions these rules read (`bucket-owner-full-control`, a KMS key) are about
 * callers of other accounts; a caller of the bucket's own account is given an allow-all IAM policy.
 */
export function bucketAccount(policy: PolicyDocument): string {
  const named = new Set<string>();
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(r.text);
      if (m) return m[1]!;
    }
    for (const p of s.principal ?? []) for (const m of p.value.matchAll(/\d{12}/g)) named.add(m[0]);
  }
  return ['111122223333', '210987654321', '123456789012'].find((a) => !named.has(a)) ?? '000000000000';
}

/** The caller a Principal value stands for, as a request principal: a role session for an account or a role. */
export function callerOf(p: PrincipalValue, owner: string): string | undefined {
  if (p.type === 'Service') return p.value;
  if ((p.type !== 'AWS' && p.type !== '*') || hasPlaceholder(p.value)) return undefined;
  if (p.value === '*') return `arn:aws:iam::${foreignAccount(owner)}:role/witness`;
  if (hasWildcard(p.value)) return undefined;
  const account = /^(?:arn:[^:]+:iam::)?(\d{12})(?::root)?$/.exec(p.value);
  if (account) return `arn:aws:iam::${account[1]}:role/witness`;
  if (/^arn:[^:]+:iam::\d{12}:role\//.test(p.value)) return sessionOf(p.value, []);
  return /^arn:[^:]+:iam::\d{12}:user\//.test(p.value) ? p.value : undefined;
}

/**
 * The value a request header must carry for a condition on it: a non-negated Allow condition, or a Deny that
 * refuses requests without the value (`StringNotEquals`). Undefined for a condition that forbids a value.
 */
export function demandedValue(s: Statement, c: Condition): string | undefined {
  const first = c.values[0]?.text;
  if (c.operator.base.family !== 'String' || first === undefined) return undefined;
  return (s.effect === 'Deny') === c.operator.base.negated ? concrete(first) : undefined;
}
