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

/** How an S3 URL named its bucket and key. */
export type S3UrlStyle = 's3Uri' | 'virtualHosted' | 'pathStyle';

/** An S3 URL read as the ARN of the bucket or object it names. */
export interface S3UrlReading {
  arn: string;
  style: S3UrlStyle;
  /** The Region the host names (`s3.us-west-2.amazonaws.com`), when it names one. */
  region?: string;
  /** True when the key held percent-escapes that were decoded. */
  decoded: boolean;
  /** True when a query string (a presigned URL's signature …) was left out. */
  queryDropped: boolean;
  /** True for an `http://` URL: sent without TLS. */
  insecure?: boolean;
}

/** `s3.amazonaws.com`, `s3.us-west-2.amazonaws.com`, `s3-us-west-2…`, `s3.dualstack.us-west-2…`, `.amazonaws.com.cn`. */
const S3_HOST = /^(?:(.+)\.)?s3(?:[.-]dualstack)?(?:[.-]([a-z]{2}(?:-[a-z]+)+-\d))?\.amazonaws\.com(\.cn)?$/;

/**
 * Reads `s3://bucket/key` (the AWS CLI's form: the key as written) and S3's REST URLs, virtual-hosted
 * (`https://bucket.s3.region.amazonaws.com/key`) and path-style (`https://s3.region.amazonaws.com/bucket/key`),
 * whose path is percent-encoded. A query string (a presigned URL's) is dropped. Undefined when the text is
 * none of these; an error text when it is one but cannot be read.
 */
export function readS3Url(text: string): S3UrlReading | { error: string } | undefined {
  const uri = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text);
  if (uri) return { arn: s3Arn('aws', uri[1]!, uri[2] || undefined), style: 's3Uri', decoded: false, queryDropped: false };
  const url = /^https?:\/\/([^/?#]+)(\/[^?#]*)?([?#].*)?$/.exec(text);
  if (!url) return undefined;
  const host = S3_HOST.exec(url[1]!.toLowerCase().replace(/:\d+$/, ''));
  if (!host) return undefined;
  const partition = host[3] ? 'aws-cn' : 'aws';
  const rawPath = (url[2] ?? '/').slice(1);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { error: `the path of S3 URL \`${text}\` has a malformed percent-escape` };
  }
  const region = host[2] !== undefined ? { region: host[2] } : {};
  const how = { ...region, decoded: path !== rawPath, queryDropped: url[3] !== undefined, ...(text.startsWith('http:') ? { insecure: true } : {}) };
  if (host[1] !== undefined) return { arn: s3Arn(partition, host[1], path || undefined), style: 'virtualHosted', ...how };
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  if (!bucket) return { error: `S3 URL \`${text}\` names no bucket` };
  return { arn: s3Arn(partition, bucket, slash < 0 ? undefined : path.slice(slash + 1) || undefined), style: 'pathStyle', ...how };
}

function s3Arn(partition: string, bucket: string, key: string | undefined): string {
  return `arn:${partition}:s3:::${bucket}${key !== undefined ? `/${key}` : ''}`;
}

/**
 * An S3 access point ARN: "Access point ARNs use the format `arn:aws:s3:region:account-id:accesspoint/resource`
 * ... ARNs for objects accessed through an access point use the format
 * `arn:aws:s3:region:account-id:accesspoint/access-point-name/object/resource`" (Amazon S3 User Guide,
 * "Using access points").
 */
export interface AccessPointArn {
  partition: string;
  region: string;
  account: string;
  name: string;
  /** The access point's own ARN (without `/object/…`): the value of s3:DataAccessPointArn. */
  arn: string;
  /** The object key, for an object accessed through the access point. */
  key?: string;
}

/** What kind of access point a resource names, when it names one. */
export type AccessPointKind =
  | { kind: 'accessPoint'; ap: AccessPointArn }
  /** Kinds policy-why does not model: evaluating them as a bucket would use the wrong ARN. */
  | { kind: 'notModelled'; what: 'multiRegion' | 'objectLambda' | 'outposts' | 'colonForm' };

/** Classifies a resource ARN that names an access point; undefined for every other resource. */
export function accessPointOf(resource: string): AccessPointKind | undefined {
  const m = /^arn:([^:]+):(s3|s3-object-lambda|s3-outposts):([^:]*):([^:]*):(.*)$/.exec(resource);
  if (!m) return undefined;
  const [, partition, service, region, account, rest] = m as unknown as [string, string, string, string, string, string];
  if (service === 's3-object-lambda') return { kind: 'notModelled', what: 'objectLambda' };
  if (service === 's3-outposts') return /(^|\/)accesspoint[/:]/.test(rest) ? { kind: 'notModelled', what: 'outposts' } : undefined;
  if (!/^accesspoint[/:]/.test(rest)) return undefined;
  if (region === '') return { kind: 'notModelled', what: 'multiRegion' };
  if (rest.startsWith('accesspoint:')) return { kind: 'notModelled', what: 'colonForm' };
  const a = /^accesspoint\/([^/]+)(?:\/object\/(.*))?$/.exec(rest);
  if (!a) return undefined;
  const arn = `arn:${partition}:s3:${region}:${account}:accesspoint/${a[1]!}`;
  return { kind: 'accessPoint', ap: { partition, region, account, name: a[1]!, arn, ...(a[2] !== undefined ? { key: a[2] } : {}) } };
}

/**
 * Actions on the access point itself (CreateAccessPoint, GetAccessPointPolicy, PutAccessPointPolicy…)
 * manage it; they are not requests through it to the bucket behind it.
 */
export function managesAccessPoint(action: string): boolean {
  return /^s3:\w*AccessPoint/i.test(action);
}

/** The access point a data request goes through: an S3 action (not one managing the access point) on an access point ARN. */
export function dataAccessPoint(action: string, resource: string): AccessPointArn | undefined {
  if (!action.toLowerCase().startsWith('s3:') || managesAccessPoint(action)) return undefined;
  const kind = accessPointOf(resource);
  return kind?.kind === 'accessPoint' ? kind.ap : undefined;
}

/** The bucket or object ARN behind an access point ARN: what the bucket policy is evaluated against. */
export function underlyingArn(ap: AccessPointArn, bucket: string): string {
  return `arn:${ap.partition}:s3:::${bucket}${ap.key !== undefined ? `/${ap.key}` : ''}`;
}

/**
 * The bucket (and key) a request acts on: from its S3 ARN, or, through an access point, the bucket behind it.
 */
export function s3TargetOf(request: Pick<Request, 'action' | 'resource' | 's3'>): { bucket: string; key?: string } | undefined {
  const ap = dataAccessPoint(request.action, request.resource);
  const bucket = request.s3?.accessPoint?.bucket;
  if (ap && bucket !== undefined) return s3Target(underlyingArn(ap, bucket));
  return s3Target(request.resource);
}
