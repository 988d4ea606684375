import type { PrincipalValue } from '../../model/policy.js';
import type { Request, RequestPrincipal } from '../../model/request.js';
import type { NotPrincipalWhy, PrincipalGrant, PrincipalNote } from '../../model/evaluation.js';
import { parseArn } from '../../iam/arn.js';

export type { PrincipalGrant };

export interface PrincipalMatch {
  matched: boolean;
  value?: PrincipalValue;
  grant?: PrincipalGrant;
  /** Why a value could never match (partial wildcards, CanonicalUser without a canonical id…). */
  notes: PrincipalNote[];
}

/** Does any value of a Principal element name the caller? */
export function matchPrincipal(values: PrincipalValue[], p: RequestPrincipal, canonicalId?: string): PrincipalMatch {
  const notes: PrincipalNote[] = [];
  for (const v of values) {
    const grant = matchOne(v, p, notes, canonicalId);
    if (grant) return { matched: true, value: v, grant, notes };
  }
  return { matched: false, notes };
}

function matchOne(v: PrincipalValue, p: RequestPrincipal, notes: PrincipalNote[], canonicalId: string | undefined): PrincipalGrant | undefined {
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
        notes.push({ code: 'canonicalUnknown', value: v.value, oai: p.kind === 'oai' });
        return undefined;
      }
      if (v.value !== canonicalId) return undefined;
      return p.kind === 'root' || p.kind === 'oai' ? 'principal' : 'account';
    case 'AWS':
      return matchAws(v.value, p, notes);
  }
}

function matchAws(value: string, p: RequestPrincipal, notes: PrincipalNote[]): PrincipalGrant | undefined {
  if (value === '*') return 'everyone';
  if (value.includes('*') || value.includes('?')) {
    notes.push({ code: 'principalWildcard', value });
    return undefined;
  }
  if (p.kind === 'oai') return value === p.text ? 'principal' : undefined;
  if (p.kind === 'anonymous' || p.kind === 'service' || !p.account) return undefined;
  if (/^\d{12}$/.test(value)) return value === p.account ? 'account' : undefined;
  const arn = parseArn(value);
  if (!arn && /^A[A-Z]{3}[A-Z0-9]{12,}$/.test(value)) {
    notes.push({ code: 'uniqueId', value });
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
    case 'identityProvider':
    case 'external':
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
): { spared: boolean; value?: PrincipalValue; why: NotPrincipalWhy } {
  const star = values.find((v) => v.type === '*' || (v.type === 'AWS' && v.value === '*'));
  if (star) return { spared: true, value: star, why: { code: 'listsEveryone' } };
  if (p.kind === 'service') {
    const service = p.service ?? p.text;
    const v = values.find((x) => x.type === 'Service' && x.value.toLowerCase() === p.service);
    return v
      ? { spared: true, value: v, why: { code: 'service', listed: true, service } }
      : { spared: false, why: { code: 'service', listed: false, service } };
  }
  if (p.kind === 'oai') {
    const v = values.find((x) => x.type === 'AWS' && x.value === p.text);
    return v ? { spared: true, value: v, why: { code: 'oai', listed: true } } : { spared: false, why: { code: 'oai', listed: false } };
  }
  if (p.kind === 'anonymous' || !p.account) return { spared: false, why: { code: 'anonymous' } };
  if (hasBoundary && p.kind !== 'root') return { spared: false, why: { code: 'boundary' } };
  const aws = values.filter((v) => v.type === 'AWS');
  const accountListed = aws.find((v) => v.value === p.account || v.value === `arn:${p.partition}:iam::${p.account}:root`);
  if (p.kind === 'root') {
    return accountListed
      ? { spared: true, value: accountListed, why: { code: 'account', listed: true, account: p.account } }
      : { spared: false, why: { code: 'account', listed: false, account: p.account } };
  }
  const self = aws.find((v) => v.value === p.text);
  const needed: string[] = [];
  if (!self) needed.push(p.text);
  if (p.kind === 'assumedRole') {
    const roleListed = aws.some((v) => {
      const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v.value);
      return m !== null && m[1] === p.account && m[2] === p.name;
    });
    if (!roleListed) needed.push(p.principalArn ?? p.name ?? p.text);
  }
  if (!accountListed) needed.push(`arn:${p.partition}:iam::${p.account}:root`);
  if (needed.length === 0) return { spared: true, value: self!, why: { code: 'everyLevel' } };
  return { spared: false, why: self ? { code: 'someLevels', caller: p.text, missing: needed } : { code: 'notListed', caller: p.text } };
}

/**
 * How a Principal element names the caller of `request`, for explanations: the grant and the value that
 * matched, or undefined when no value names it. The caller's canonical user id comes from the request's S3 facts.
 */
export function principalGrant(values: PrincipalValue[], request: Request): { grant: PrincipalGrant; value: PrincipalValue } | undefined {
  const ids = request.s3?.canonicalUserIds;
  const p = request.principal;
  let canonicalId: string | undefined;
  if (ids && p.kind === 'oai') canonicalId = ids[p.text];
  else if (ids && p.account !== undefined) canonicalId = ids[p.account];
  const m = matchPrincipal(values, p, canonicalId);
  return m.matched && m.grant && m.value ? { grant: m.grant, value: m.value } : undefined;
}
