import { member, scalarText, toPlain, type JsonNode, type JsonObject } from '../json/index.js';
import { InputError } from '../model/errors.js';
import { isoTime, parseRequestTime } from '../iam/values.js';
import type { Acl, AclGrant, BlockPublicAccess, Encryption, HttpFacts, HttpHeader, S3Facts } from '../model/s3.js';

type Plain = Record<string, unknown>;

/** Reads the request's `s3` facts (already schema-checked) into the model. */
export function readS3Facts(node: JsonObject, source: string): S3Facts {
  const o = toPlain(node) as Plain;
  const facts: S3Facts = {};
  const ap = o.accessPoint as Plain | undefined;
  if (ap) {
    facts.accessPoint = { bucket: ap.bucket as string, networkOrigin: ap.networkOrigin === 'VPC' ? 'VPC' : 'Internet' };
    if (typeof ap.bucketAccount === 'string') facts.accessPoint.bucketAccount = ap.bucketAccount;
    if (typeof ap.vpcId === 'string') facts.accessPoint.vpcId = ap.vpcId;
  }
  if (typeof o.bucketOwner === 'string') facts.bucketOwner = o.bucketOwner;
  if (typeof o.objectOwner === 'string') facts.objectOwner = o.objectOwner;
  if (typeof o.objectOwnership === 'string') facts.objectOwnership = o.objectOwnership as NonNullable<S3Facts['objectOwnership']>;
  if (o.bucketAcl) facts.bucketAcl = readAcl(o.bucketAcl as Plain, `${source} $.s3.bucketAcl`);
  if (o.objectAcl) facts.objectAcl = readAcl(o.objectAcl as Plain, `${source} $.s3.objectAcl`);
  const bpa = combineBpa(o.blockPublicAccess as Plain | undefined, o.accountBlockPublicAccess as Plain | undefined);
  if (bpa) facts.blockPublicAccess = bpa;
  if (typeof o.requesterPays === 'boolean') facts.requesterPays = o.requesterPays;
  if (o.defaultEncryption) facts.defaultEncryption = readEncryption(o.defaultEncryption as Plain);
  if (o.objectEncryption) facts.objectEncryption = readEncryption(o.objectEncryption as Plain);
  if (typeof o.kmsKeyManager === 'string') facts.kmsKeyManager = o.kmsKeyManager as 'AWS' | 'CUSTOMER';
  if (typeof o.multipartUpload === 'boolean') facts.multipartUpload = o.multipartUpload;
  if (typeof o.objectExists === 'boolean') facts.objectExists = o.objectExists;
  if (o.canonicalUserIds) facts.canonicalUserIds = { ...(o.canonicalUserIds as Record<string, string>) };
  return facts;
}

function readAcl(o: Plain, source: string): Acl {
  const owner = o.Owner as Plain | undefined;
  const grants: AclGrant[] = ((o.Grants as Plain[]) ?? []).map((g) => {
    // The schema makes ID, URI and EmailAddress strings when present.
    const grantee = g.Grantee as { Type: string; ID?: string; URI?: string; EmailAddress?: string };
    const permission = g.Permission as AclGrant['permission'];
    if (grantee.Type === 'Group') return { grantee: { type: 'Group', uri: grantee.URI ?? '' }, permission };
    if (grantee.Type === 'AmazonCustomerByEmail') return { grantee: { type: 'AmazonCustomerByEmail', email: grantee.EmailAddress ?? '' }, permission };
    return { grantee: { type: 'CanonicalUser', id: grantee.ID ?? '' }, permission };
  });
  const acl: Acl = { grants, source };
  if (owner && typeof owner.ID === 'string') acl.ownerId = owner.ID;
  return acl;
}

function bpaOf(o: Plain | undefined): BlockPublicAccess | undefined {
  if (!o) return undefined;
  const c = (o.PublicAccessBlockConfiguration as Plain | undefined) ?? o;
  return {
    blockPublicAcls: c.BlockPublicAcls === true,
    ignorePublicAcls: c.IgnorePublicAcls === true,
    blockPublicPolicy: c.BlockPublicPolicy === true,
    restrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/** S3 applies the most restrictive combination of the account's and the bucket's settings. */
function combineBpa(bucket: Plain | undefined, account: Plain | undefined): BlockPublicAccess | undefined {
  const a = bpaOf(bucket);
  const b = bpaOf(account);
  if (!a && !b) return undefined;
  const f = (k: keyof BlockPublicAccess) => (a?.[k] ?? false) || (b?.[k] ?? false);
  return {
    blockPublicAcls: f('blockPublicAcls'),
    ignorePublicAcls: f('ignorePublicAcls'),
    blockPublicPolicy: f('blockPublicPolicy'),
    restrictPublicBuckets: f('restrictPublicBuckets'),
  };
}

function readEncryption(o: Plain): Encryption {
  const e: Encryption = { algorithm: o.SSEAlgorithm as Encryption['algorithm'] };
  if (typeof o.KMSMasterKeyID === 'string') e.kmsKeyId = o.KMSMasterKeyID;
  if (typeof o.BucketKeyEnabled === 'boolean') e.bucketKeyEnabled = o.BucketKeyEnabled;
  return e;
}

/** Reads the request's `http` facts (already schema-checked): headers with their positions, times in any form AWS prints one. */
export function readHttpFacts(node: JsonObject, source: string): HttpFacts {
  const h: HttpFacts = {};
  const text = (key: string) => {
    const m = member(node, key);
    return m && m.value.kind === 'string' ? m.value : undefined;
  };
  const endpoint = text('endpoint');
  if (endpoint) h.endpoint = endpoint.value;
  const userAgent = text('userAgent');
  if (userAgent) h.userAgent = userAgent.value;
  const headers = member(node, 'headers');
  if (headers && headers.value.kind === 'object') h.headers = readHeaders(headers.value, source);
  for (const key of ['requestTime', 'presignedExpiresAt'] as const) {
    const value = text(key);
    if (value) h[key] = requestTimeOf(value, `http.${key}`, source);
  }
  return h;
}

/** Headers by lowercase name; a name given twice in different case is a mistake, as in `context`. */
function readHeaders(node: JsonObject, source: string): Map<string, HttpHeader> {
  const out = new Map<string, HttpHeader>();
  for (const m of node.members) {
    const lower = m.key.toLowerCase();
    const at = { source, line: m.keySpan.line, column: m.keySpan.column };
    const prev = out.get(lower);
    if (prev) throw new InputError(`header \`${m.key}\` is given twice (as \`${prev.name}\` too); header names are case-insensitive`, at);
    out.set(lower, { name: m.key, value: scalarText(m.value), ...at });
  }
  return out;
}

/**
 * A time the request carries (aws:CurrentTime, aws:TokenIssueTime, http.requestTime, …) in any form AWS
 * prints one, as ISO 8601 in UTC; anything else is an InputError at the value.
 */
export function requestTimeOf(node: JsonNode, what: string, source: string): string {
  const text = scalarText(node);
  const ms = parseRequestTime(text);
  if (ms === null) {
    throw new InputError(
      `${what} value \`${text}\` is not a time: give ISO 8601 (2025-10-21T04:35:49Z; UTC when no zone is given), X-Amz-Date's 20251021T043549Z, or epoch seconds`,
      { source, line: node.span.line, column: node.span.column },
    );
  }
  return isoTime(ms);
}
