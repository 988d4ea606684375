import type { PrincipalValue } from '../../model/policy.js';
import type { Request, RequestPrincipal } from '../../model/request.js';
import { parseArn } from '../../iam/arn.js';

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
export function matchPrincipal(values: PrincipalValue[], p: RequestPrincipal, canonicalId?: string): PrincipalMatch {
  const notes: string[] = [];
  for (const v of values) {
    const grant = matchOne(v, p, notes, canonicalId);
    if (grant) return { matched: true, value: v, grant, notes };
  }
  return { matched: false, notes };
}

function matchOne(v: PrincipalValue, p: RequestPrincipal, notes: string[], canonicalId: string | undefined): PrincipalGrant | undefined {
  switch (v.type) {
    case '*':
      return 'everyone';
    case 'Service':
      return p.kind === 'service' && p.service === v.value.toLowerCase() ? 'principal' : undefined;
    case 'Federated':
      // Names an identity provider in a role trust policy: the web-identity or SAML caller it vouches for.
      return p.kind === 'identityProvider' && p.text === v.value ? 'principal' : undefined;
    case 'CanonicalUser':
      // A canonical user id stands for an AWS account (s3.canonicalUserIds maps accounts to ids).
      if (canonicalId === undefined) {
        notes.push(
          `CanonicalUser ${v.value} cannot be matched: no canonical user id is known for the caller${p.kind === 'oai' ? '' : "'s account"} (s3.canonicalUserIds)`,
        );
        return undefined;
      }
      return v.value === canonicalId ? (p.kind === 'root' || p.kind === 'oai' ? 'principal' : 'account') : undefined;
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
  if (p.kind === 'oai') return value === p.text ? 'principal' : undefined;
  if (p.kind === 'anonymous' || p.kind === 'service' || !p.account) return undefined;
  if (/^\d{12}$/.test(value)) return value === p.account ? 'account' : undefined;
  const arn = parseArn(value);
  if (!arn && /^A[A-Z]{3}[A-Z0-9]{12,}$/.test(value)) {
    notes.push(`\`${value}\` is a unique id (a deleted or recreated user or role shows this way); the request names the caller by ARN, so it is not matched`);
    return undefined;
  }
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

/**
 * Whether a Deny with NotPrincipal spares the caller. AWS checks a caller at the account, role and
 * session levels ("you must also specify the account ARN of the not-denied principal. Otherwise, the
 * policy might deny access to the entire account"; for a role session list the session, the role and
 * the account), and "NotPrincipal with a Deny effect will always deny any IAM principal that has a
 * permissions boundary policy attached" (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
 * So the caller escapes the Deny only when every level of its identity is listed: never report
 * Allowed on a "might".
 */
export function sparedByNotPrincipal(
  values: PrincipalValue[],
  p: RequestPrincipal,
  hasBoundary: boolean,
): { spared: boolean; value?: PrincipalValue; why: string } {
  const star = values.find((v) => v.type === '*' || (v.type === 'AWS' && v.value === '*'));
  if (star) return { spared: true, value: star, why: 'NotPrincipal lists everyone' };
  if (p.kind === 'service') {
    const v = values.find((x) => x.type === 'Service' && x.value.toLowerCase() === p.service);
    return v ? { spared: true, value: v, why: `NotPrincipal lists ${p.service}` } : { spared: false, why: `NotPrincipal does not list ${p.service}` };
  }
  if (p.kind === 'oai') {
    const v = values.find((x) => x.type === 'AWS' && x.value === p.text);
    return v
      ? { spared: true, value: v, why: 'NotPrincipal lists the origin access identity' }
      : { spared: false, why: 'NotPrincipal does not list the origin access identity' };
  }
  if (p.kind === 'anonymous' || !p.account) return { spared: false, why: 'NotPrincipal does not list everyone, so an anonymous caller is denied' };
  if (hasBoundary && p.kind !== 'root') {
    return { spared: false, why: 'a Deny with NotPrincipal always denies a principal that has a permissions boundary attached' };
  }
  const aws = values.filter((v) => v.type === 'AWS');
  const accountListed = aws.find((v) => v.value === p.account || v.value === `arn:${p.partition}:iam::${p.account}:root`);
  if (p.kind === 'root') {
    return accountListed
      ? { spared: true, value: accountListed, why: 'NotPrincipal lists the account' }
      : { spared: false, why: `NotPrincipal does not list account ${p.account}` };
  }
  const self = aws.find((v) => v.value === p.text);
  const needed: string[] = [];
  if (!self) needed.push(p.text);
  if (p.kind === 'assumedRole') {
    const roleListed = aws.some((v) => {
      const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v.value);
      return m !== null && m[1] === p.account && m[2] === p.name;
    });
    if (!roleListed) needed.push(p.principalArn ?? `the role ${p.name}`);
  }
  if (!accountListed) needed.push(`arn:${p.partition}:iam::${p.account}:root`);
  if (needed.length === 0) return { spared: true, value: self!, why: 'NotPrincipal lists the caller at every level (account, role, session)' };
  return {
    spared: false,
    why: self
      ? `NotPrincipal lists ${p.text} but not ${needed.join(' and ')}; AWS checks every level, so the Deny applies`
      : `NotPrincipal does not list ${p.text}`,
  };
}

/**
 * How a Principal element names the caller of `request`, for explanations: the grant and the value that
 * matched, or undefined when no value names it. The caller's canonical user id comes from the request's S3 facts.
 */
export function principalGrant(values: PrincipalValue[], request: Request): { grant: PrincipalGrant; value: PrincipalValue } | undefined {
  const ids = request.s3?.canonicalUserIds;
  const p = request.principal;
  const canonicalId = !ids ? undefined : p.kind === 'oai' ? ids[p.text] : p.account !== undefined ? ids[p.account] : undefined;
  const m = matchPrincipal(values, p, canonicalId);
  return m.matched && m.grant && m.value ? { grant: m.grant, value: m.value } : undefined;
}
