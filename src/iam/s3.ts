import type { Request } from '../model/request.js';
import type { PublicAclWhy } from '../model/evaluation.js';

/** S3 vocabulary every stage shares: resource ARNs and the ACL a request sends. */

/** `arn:aws:s3:::bucket/key` → object; `arn:aws:s3:::bucket` → bucket. */
export function s3Target(resource: string): { bucket: string; key?: string } | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)(?:\/(.*))?$/.exec(resource);
  if (!m) return undefined;
  return m[2] !== undefined ? { bucket: m[1]!, key: m[2] } : { bucket: m[1]! };
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
