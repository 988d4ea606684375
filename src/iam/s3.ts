import type { Request } from '../model/request.js';
import type { PublicAclWhy } from '../model/evaluation.js';

/** S3 vocabulary every stage shares: resource ARNs and the ACL a request sends. */

/** `arn:aws:s3:::bucket/key` → object; `arn:aws:s3:::bucket` → bucket. */
export function s3Target(resource: string): { bucket: string; key?: string } | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)(?:\/(.*))?$/.exec(resource);
  if (!m) return undefined;
  return m[2] !== undefined ? { bucket: m[1]!, key: m[2] } : { bucket: m[1]! };
}

/** The value of a request header the input gave (names are case-insensitive). */
export function headerValue(request: Pick<Request, 'http'>, name: string): string | undefined {
  return request.http?.headers?.get(name.toLowerCase())?.value;
}

const PUBLIC_CANNED_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** The ACL a request sends: its canned ACL (`x-amz-acl`) and its explicit grant headers (`x-amz-grant-*`). */
export function aclHeaders(request: Request): { canned?: string; grants: string[] } {
  const canned = request.context.get('s3:x-amz-acl')?.values[0];
  const grants = [...request.context.values()].filter((e) => /^s3:x-amz-grant-/i.test(e.key)).map((e) => e.key);
  return { ...(canned !== undefined ? { canned } : {}), grants };
}

/** A request that sets a public ACL (BlockPublicAcls rejects it). */
export function setsPublicAcl(request: Request): PublicAclWhy | undefined {
  const acl = request.context.get('s3:x-amz-acl');
  if (acl && acl.values.some((v) => PUBLIC_CANNED_ACLS.has(v))) return { code: 'cannedPublic', values: acl.values };
  for (const key of ['s3:x-amz-grant-read', 's3:x-amz-grant-write', 's3:x-amz-grant-read-acp', 's3:x-amz-grant-write-acp', 's3:x-amz-grant-full-control']) {
    const e = request.context.get(key);
    if (e && e.values.some((v) => v.includes('AllUsers') || v.includes('AuthenticatedUsers'))) return { code: 'grantPublic', key: e.key };
  }
  return undefined;
}
