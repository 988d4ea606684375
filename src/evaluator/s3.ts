import type { Request, RequestPrincipal } from '../model/request.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, type Acl, type AclPermission } from '../model/s3.js';
import type { Statement } from '../model/policy.js';
import type { PrincipalGrant } from './match/principal.js';
import { parseOperator } from './conditions/operators.js';

/**
 * S3's own authorization beyond IAM policies, per the Amazon S3 User Guide ("How Amazon S3 authorizes
 * a request", "Access control list (ACL) overview", "Controlling ownership of objects", "Blocking public
 * access", "Using Requester Pays buckets"). Pure functions over the request's `s3` facts.
 */

/** `arn:aws:s3:::bucket/key` → object; `arn:aws:s3:::bucket` → bucket. */
export function s3Target(resource: string): { bucket: string; key?: string } | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)(?:\/(.*))?$/.exec(resource);
  if (!m) return undefined;
  return m[2] !== undefined ? { bucket: m[1]!, key: m[2] } : { bucket: m[1]! };
}

/** Which ACL permission grants an action, on the bucket ACL or the object ACL ("ACL overview" table). */
export function aclPermissionFor(action: string, objectLevel: boolean): { on: 'bucket' | 'object'; permission: AclPermission } | undefined {
  const a = action.toLowerCase();
  if (objectLevel) {
    if (a === 's3:getobject' || a === 's3:getobjectversion' || a === 's3:getobjecttorrent') return { on: 'object', permission: 'READ' };
    if (a === 's3:getobjectacl' || a === 's3:getobjectversionacl') return { on: 'object', permission: 'READ_ACP' };
    if (a === 's3:putobjectacl' || a === 's3:putobjectversionacl') return { on: 'object', permission: 'WRITE_ACP' };
    // Writing objects is a bucket permission: WRITE on the bucket ACL.
    if (a === 's3:putobject' || a === 's3:deleteobject' || a === 's3:deleteobjectversion') return { on: 'bucket', permission: 'WRITE' };
    return undefined;
  }
  if (a === 's3:listbucket' || a === 's3:listbucketversions' || a === 's3:listbucketmultipartuploads') return { on: 'bucket', permission: 'READ' };
  if (a === 's3:getbucketacl') return { on: 'bucket', permission: 'READ_ACP' };
  if (a === 's3:putbucketacl') return { on: 'bucket', permission: 'WRITE_ACP' };
  return undefined;
}

export interface AclMatch {
  grant: PrincipalGrant;
  /** Grants to AllUsers or AuthenticatedUsers: what IgnorePublicAcls ignores. */
  public: boolean;
  text: string;
}

/** ACL grants that give the caller the permission (FULL_CONTROL includes every permission). */
export function matchAcl(acl: Acl, permission: AclPermission, p: RequestPrincipal, canonicalIds: Record<string, string>): AclMatch[] {
  const out: AclMatch[] = [];
  const callerId = p.account ? canonicalIds[p.account] : undefined;
  for (const g of acl.grants) {
    if (g.permission !== permission && g.permission !== 'FULL_CONTROL') continue;
    const what = `${g.permission} to `;
    if (g.grantee.type === 'Group') {
      if (g.grantee.uri === ALL_USERS_URI) out.push({ grant: 'everyone', public: true, text: `${what}AllUsers` });
      else if (g.grantee.uri === AUTHENTICATED_USERS_URI && p.kind !== 'anonymous') out.push({ grant: 'everyone', public: true, text: `${what}AuthenticatedUsers` });
    } else if (g.grantee.type === 'CanonicalUser' && callerId !== undefined && g.grantee.id === callerId) {
      // A grant to a canonical user is a grant to the whole account: it delegates like an account principal.
      out.push({ grant: p.kind === 'root' ? 'principal' : 'account', public: false, text: `${what}canonical user ${g.grantee.id} (account ${p.account})` });
    }
  }
  return out;
}

const PUBLIC_CANNED_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** A request that sets a public ACL (BlockPublicAcls rejects it). */
export function setsPublicAcl(request: Request): string | undefined {
  const acl = request.context.get('s3:x-amz-acl');
  if (acl && acl.values.some((v) => PUBLIC_CANNED_ACLS.has(v))) return `the canned ACL \`${acl.values.join(',')}\` is public`;
  for (const key of ['s3:x-amz-grant-read', 's3:x-amz-grant-write', 's3:x-amz-grant-read-acp', 's3:x-amz-grant-write-acp', 's3:x-amz-grant-full-control']) {
    const e = request.context.get(key);
    if (e && e.values.some((v) => v.includes('AllUsers') || v.includes('AuthenticatedUsers'))) return `${e.key} grants to a public group`;
  }
  return undefined;
}

// Keys that, with fixed values, make a bucket-policy statement non-public ("The meaning of public").
const RESTRICTING_KEYS = new Set([
  'aws:sourceip', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceowner', 'aws:sourceaccount',
  'aws:userid', 'aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths',
  'aws:sourceorgid', 'aws:sourceorgpaths', 's3:dataaccesspointarn', 's3:dataaccesspointaccount',
]);

/**
 * Whether a statement makes the policy public: an Allow to everyone (`*`, `{"AWS": "*"}` or NotPrincipal)
 * without a condition that pins the caller to fixed values. Wildcards and negated operators do not pin.
 */
export function isPublicStatement(stmt: Statement): boolean {
  if (stmt.effect !== 'Allow') return false;
  const toEveryone = stmt.notPrincipal !== undefined || (stmt.principal ?? []).some((v) => v.type === '*' || (v.type === 'AWS' && v.value === '*'));
  if (!toEveryone) return false;
  return !stmt.conditions.some((c) => {
    if (!RESTRICTING_KEYS.has(c.keyLower) || c.operator.base.negated || c.operator.ifExists || c.operator.set === 'ForAllValues') return false;
    const op = parseOperator(c.operator.text);
    if ('error' in op) return false;
    if (c.keyLower === 'aws:sourceip') return c.values.every((v) => !v.text.endsWith('/0'));
    return c.values.every((v) => !/[*?]/.test(v.text));
  });
}
