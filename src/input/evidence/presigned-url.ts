import { InputError } from '../../model/errors.js';
import type { EvidenceFact, EvidenceHint, FactHow } from '../../model/evidence.js';
import { nonAwsHost } from '../../iam/endpoint.js';
import { actionsForOperation, versionedAction } from '../../iam/operations.js';
import { readS3Url } from '../../iam/s3.js';
import { parseRequestTime } from '../../iam/values.js';
import { errorAt, placeOf, type Folded } from './text.js';
import type { EvidenceFound, EvidenceItem, EvidenceOptions, EvidenceReader } from './types.js';

/**
 * Presigned S3 URLs as the signers print them. SigV4 (S3 API Reference, "Authenticating Requests: Using Query
 * Parameters (AWS Signature Version 4)": `https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256
 * &X-Amz-Credential=<your-access-key-id>/20130721/us-east-1/s3/aws4_request&X-Amz-Date=20130721T201207Z&X-Amz-Expires=86400
 * &X-Amz-SignedHeaders=host&X-Amz-Signature=<signature-value>`, "The line feeds are added for readability"), in any
 * parameter order (the SDK for JavaScript v3 adds `x-id=PutObject` and the headers it hoists, `x-amz-acl=…`), and
 * SigV2 (`?AWSAccessKeyId=…&Signature=…&Expires=<epoch seconds>`). A URL names its signer's access key, never the
 * principal; it names its HTTP method only through JavaScript v3's `x-id`: both come from flags, never guessed.
 */

/** Query parameters of the signature itself, not request headers. */
const AUTH_V4 = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signedheaders', 'x-amz-signature'];
const AUTH_V2 = ['awsaccesskeyid', 'expires', 'signature'];
const NOT_HEADERS = new Set([...AUTH_V4, 'x-amz-security-token', 'x-amz-content-sha256', 'x-amz-region-set', 'x-amz-user-agent', 'x-id']);

/** "the maximum expiration time is seven days (604,800 seconds)" (S3 API Reference, sigv4-query-string-auth, X-Amz-Expires). */
const MAX_EXPIRES = 604800;

export const presignedUrlReader: EvidenceReader = {
  kind: 'presignedUrl',
  recognises: (text) => /^\s*["'<]?https?:\/\/\S+/.test(text) && /[?&](X-Amz-(Credential|Signature|Algorithm)|AWSAccessKeyId)=/i.test(text.replace(/\s+/g, '')),
  read: async (item, options) => readPresignedUrl(item, options),
};

interface Param {
  name: string;
  value: string;
  /** Offset of the value in the compacted text. */
  at: number;
}

interface Url {
  scheme: string;
  host: string;
  hostAt: number;
  path: string;
  pathAt: number;
  params: Param[];
  end: number;
}

type Fact = (pointer: string, value: unknown, at: number, how?: FactHow) => void;

async function readPresignedUrl(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound> {
  const compact = compactUrl(item.text);
  const url = parseUrl(item, compact);
  const facts: EvidenceFact[] = [];
  const hints: EvidenceHint[] = [];
  const fact: Fact = (pointer, value, at, how = { code: 'stated' }) => facts.push({ pointer, value, from: placeOf(item.label, item.text, compact, at), how });
  const get = (name: string) => url.params.find((p) => p.name.toLowerCase() === name);
  const v4 = get('x-amz-credential') !== undefined || get('x-amz-algorithm') !== undefined;
  const signer = v4 ? readV4(item, compact, url, options, fact) : readV2(item, compact, url, fact);
  const store = nonAwsHost(`${url.scheme}://${url.host}`);
  const { object } = readResource(item, compact, url, store, fact);
  if (store) {
    fact('/http/endpoint', `${url.scheme}://${url.host}`, url.hostAt);
    fact('/principal', signer.key, signer.at, { code: 'accessKey' });
  } else hints.push({ field: 'principal', text: principalHint(signer.key, get('x-amz-security-token') !== undefined) });
  if (url.scheme === 'http') fact('/context/aws:SecureTransport', false, 0, { code: 'plainHttp' });
  fact('/context/s3:authType', 'REST-QUERY-STRING', signer.at, { code: 'queryAuth' });
  const algorithm = get('x-amz-algorithm') ?? get('signature')!;
  fact('/context/s3:signatureversion', v4 ? 'AWS4-HMAC-SHA256' : 'AWS', algorithm.at, { code: 'signatureVersion', version: v4 ? 'SigV4' : 'SigV2' });
  for (const p of url.params) {
    const name = p.name.toLowerCase();
    if (name.startsWith('x-amz-') && !NOT_HEADERS.has(name)) fact(`/http/headers/${name}`, p.value, p.at, { code: 'queryHeader' });
  }
  hints.push(...signedHeaders(url));
  const action = await actionOf(item, compact, url, object, options.method);
  if (action?.at !== undefined) fact('/action', action.action, action.at, action.how);
  else if (action) facts.push({ pointer: '/action', value: action.action, from: '--method', how: action.how });
  else
    hints.push({ field: 'action', text: 'a presigned URL does not say its HTTP method: give --method GET|PUT|HEAD|DELETE|POST (or --action SERVICE:ACTION)' });
  return { facts, policies: [], hints };
}

/**
 * Headers the signature covers (`X-Amz-SignedHeaders=host;x-amz-acl`) whose value the URL does not carry: the
 * request was sent with them, and S3's condition keys read them (`s3:x-amz-acl` …), so they are asked for, never
 * left out (a PutObject with `x-amz-acl` also needs s3:PutObjectAcl).
 */
function signedHeaders(url: Url): EvidenceHint[] {
  const signed = url.params.find((p) => p.name.toLowerCase() === 'x-amz-signedheaders')?.value.split(';') ?? [];
  const inQuery = new Set(url.params.map((p) => p.name.toLowerCase()));
  return signed
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.startsWith('x-amz-') && !NOT_HEADERS.has(h) && !inQuery.has(h))
    .map((h) => ({
      field: `/http/headers/${h}` as const,
      text: `the presigned URL is signed with header ${h} (X-Amz-SignedHeaders) but does not carry its value: give --header '${h}: VALUE' (the value the client sent)`,
    }));
}

/** The URL with every whitespace run removed (documents and terminals break long URLs), and quotes or angle brackets around it. */
function compactUrl(original: string): Folded {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i]!)) continue;
    text += original[i]!;
    offsets.push(i);
  }
  const m = /^(["'<]?)(.*?)(["'>]?)$/.exec(text)!;
  const lead = m[1]!.length;
  const inner = m[2]!;
  return { text: inner, offsets: offsets.slice(lead, lead + inner.length) };
}

function parseUrl(item: EvidenceItem, c: Folded): Url {
  const m = /^(https?):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/i.exec(c.text);
  if (!m) throw errorAt(item, c, 0, 'not a presigned URL: expected https://BUCKET.s3.REGION.amazonaws.com/KEY?X-Amz-Algorithm=…&X-Amz-Signature=…');
  const hostAt = m[1]!.length + 3;
  const pathAt = hostAt + m[2]!.length;
  const params: Param[] = [];
  let at = pathAt + m[3]!.length + 1;
  for (const pair of (m[4] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name)
      params.push({ name: decode(item, c, name, at), value: eq < 0 ? '' : decode(item, c, pair.slice(eq + 1), at + eq + 1), at: eq < 0 ? at : at + eq + 1 });
    at += pair.length + 1;
  }
  return { scheme: m[1]!.toLowerCase(), host: m[2]!.toLowerCase(), hostAt, path: m[3]!, pathAt, params, end: m[0].length };
}

function decode(item: EvidenceItem, c: Folded, text: string, at: number): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw errorAt(item, c, at, `\`${text}\` has a malformed percent-escape`);
  }
}

/** Every SigV4 parameter present and whole; the signer's key, the Region of its scope, the signing time and the expiry. */
function readV4(item: EvidenceItem, c: Folded, url: Url, options: EvidenceOptions, fact: Fact): { key: string; at: number } {
  const get = (name: string) => url.params.find((p) => p.name.toLowerCase() === name);
  const missing = AUTH_V4.filter((n) => get(n) === undefined);
  if (missing.length) {
    const names = missing.map((n) => SPELLING[n]!);
    throw errorAt(
      item,
      c,
      url.end,
      `the presigned URL is cut short: no ${names.join(', ')} (a SigV4 presigned URL carries ${AUTH_V4.map((n) => SPELLING[n]).join(', ')}): copy the whole URL`,
    );
  }
  const credential = get('x-amz-credential')!;
  const scope = credential.value.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!)) {
    throw errorAt(
      item,
      c,
      credential.at,
      `X-Amz-Credential \`${credential.value}\` is cut short or not a credential scope: expected ACCESS_KEY_ID/YYYYMMDD/REGION/s3/aws4_request`,
    );
  }
  const signature = get('x-amz-signature')!;
  // The AWS CLI's documented example signs with a placeholder (`EXAMPLE1234494d5f…`); anything else is 64 hex digits.
  if (!/^[0-9a-f]{64}$/i.test(signature.value) && !signature.value.startsWith('EXAMPLE')) {
    throw errorAt(
      item,
      c,
      signature.at,
      `X-Amz-Signature has ${signature.value.length} characters, not SigV4's 64 hexadecimal digits: the URL is cut short; copy the whole URL`,
    );
  }
  fact('/region', scope[2]!, c.text.indexOf(scope[2]!, credential.at + scope[0]!.length + scope[1]!.length), { code: 'credentialScope' });
  const date = get('x-amz-date')!;
  const signedMs = /^\d{8}T\d{6}Z$/.test(date.value) ? parseRequestTime(date.value) : null;
  if (signedMs === null) throw errorAt(item, c, date.at, `X-Amz-Date \`${date.value}\` is not a signing time (YYYYMMDDTHHMMSSZ)`);
  const expires = get('x-amz-expires')!;
  const seconds = /^\d+$/.test(expires.value) ? Number(expires.value) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_EXPIRES))
    throw errorAt(item, c, expires.at, `X-Amz-Expires \`${expires.value}\` is not a lifetime in seconds from 1 to ${MAX_EXPIRES}`);
  const signed = new Date(signedMs).toISOString().replace('.000Z', 'Z');
  fact('/http/requestTime', signed, date.at);
  fact('/http/presignedExpiresAt', new Date(signedMs + seconds * 1000).toISOString().replace('.000Z', 'Z'), expires.at, {
    code: 'expiresAfter',
    signed,
    seconds,
  });
  const age = options.now.getTime() - signedMs;
  if (!options.wallClock && age >= 0) {
    fact('/context/s3:signatureAge', age, date.at, { code: 'signatureAge', signed, now: options.now.toISOString().replace('.000Z', 'Z') });
  }
  return { key: scope[0]!, at: credential.at };
}

const SPELLING: Record<string, string> = {
  'x-amz-algorithm': 'X-Amz-Algorithm',
  'x-amz-credential': 'X-Amz-Credential',
  'x-amz-date': 'X-Amz-Date',
  'x-amz-expires': 'X-Amz-Expires',
  'x-amz-signedheaders': 'X-Amz-SignedHeaders',
  'x-amz-signature': 'X-Amz-Signature',
  awsaccesskeyid: 'AWSAccessKeyId',
  expires: 'Expires',
  signature: 'Signature',
};

/** SigV2: `AWSAccessKeyId`, `Signature`, and `Expires` (epoch seconds, the end of validity; no signing time). */
function readV2(item: EvidenceItem, c: Folded, url: Url, fact: Fact): { key: string; at: number } {
  const get = (name: string) => url.params.find((p) => p.name.toLowerCase() === name);
  const missing = AUTH_V2.filter((n) => get(n) === undefined);
  if (missing.length) {
    throw errorAt(
      item,
      c,
      url.end,
      `the presigned URL is cut short: no ${missing.map((n) => SPELLING[n]).join(', ')} (a SigV2 presigned URL carries AWSAccessKeyId, Expires, Signature): copy the whole URL`,
    );
  }
  const expires = get('expires')!;
  const ms = /^\d+$/.test(expires.value) ? parseRequestTime(expires.value) : null;
  if (ms === null) throw errorAt(item, c, expires.at, `Expires \`${expires.value}\` is not a time in epoch seconds`);
  fact('/http/presignedExpiresAt', new Date(ms).toISOString().replace('.000Z', 'Z'), expires.at);
  const key = get('awsaccesskeyid')!;
  return { key: key.value, at: key.at };
}

/** The bucket and key: S3's host names read as S3 URLs are; a store that is not AWS, path-style (its first path segment is the bucket). */
function readResource(item: EvidenceItem, c: Folded, url: Url, store: string | undefined, fact: Fact): { object: boolean } {
  if (!store) {
    const s3 = readS3Url(`https://${url.host}${url.path}`);
    if (!s3)
      throw errorAt(
        item,
        c,
        url.hostAt,
        `\`${url.host}\` is not an S3 endpoint policy-why reads: expected BUCKET.s3.REGION.amazonaws.com or s3.REGION.amazonaws.com/BUCKET`,
      );
    if ('error' in s3) throw errorAt(item, c, url.pathAt, s3.error);
    fact('/resource', s3.arn, s3.style === 'virtualHosted' ? url.hostAt : url.pathAt + 1, {
      code: 'urlResource',
      style: s3.style === 'virtualHosted' ? 'virtualHosted' : 'pathStyle',
    });
    return { object: s3.arn.slice('arn:aws:s3:::'.length).includes('/') };
  }
  const path = decode(item, c, url.path.slice(1), url.pathAt + 1);
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  if (!bucket)
    throw errorAt(item, c, url.pathAt, `the URL names no bucket: policy-why reads a store that is not AWS path-style (https://${url.host}/BUCKET/KEY)`);
  const key = slash < 0 ? '' : path.slice(slash + 1);
  fact('/resource', `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`, url.pathAt + 1, { code: 'urlResource', style: 'pathStyle' });
  return { object: key !== '' };
}

function principalHint(key: string, session: boolean): string {
  const who = session
    ? `\`aws sts get-caller-identity\` run with that temporary key (it carries X-Amz-Security-Token: a role session) prints it`
    : `\`aws sts get-caller-identity\` run with that key prints it; \`aws sts get-access-key-info --access-key-id ${key}\` prints its account; \`aws iam list-access-keys --user-name NAME\` lists a user's keys`;
  return `the URL names access key ${key}, not its owner: give --principal ARN (${who})`;
}

/**
 * The action: JavaScript v3's `x-id` names the operation; otherwise `--method` and the query's subresources
 * (`?uploadId`, `?acl`, `?tagging` …) give it. Both given and disagreeing is an error. Undefined when neither.
 */
async function actionOf(
  item: EvidenceItem,
  c: Folded,
  url: Url,
  object: boolean,
  method: string | undefined,
): Promise<{ action: string; at?: number; how: FactHow } | undefined> {
  const xid = url.params.find((p) => p.name === 'x-id');
  const fromMethod = method !== undefined ? await methodAction(method.toUpperCase(), url, object) : undefined;
  if (method !== undefined && !fromMethod) {
    throw new InputError(
      `\`${method}\` on this URL is not an S3 operation policy-why reads: give GET, PUT, HEAD or DELETE (POST with ?uploads or ?uploadId), or --action SERVICE:ACTION`,
      { source: '--method' },
    );
  }
  if (!xid) return fromMethod && { action: fromMethod.action, how: { code: 'httpMethod', method: method!.toUpperCase(), operation: fromMethod.operation } };
  const found = await actionsForOperation('s3', xid.value);
  if (!found) throw errorAt(item, c, xid.at, `x-id \`${xid.value}\` is not an S3 operation policy-why can map to an IAM action: give --action SERVICE:ACTION`);
  if (fromMethod && fromMethod.action !== found.actions[0]) {
    throw new InputError(
      `--method ${method!.toUpperCase()} means ${fromMethod.operation} (${fromMethod.action}), but the URL was signed for ${xid.value} (x-id), which needs ${found.actions[0]!}: which one is right?`,
      { source: '--method' },
    );
  }
  return { action: found.actions[0]!, at: xid.at, how: { code: 'operation', operation: xid.value } };
}

/**
 * An HTTP method on an S3 URL → the S3 operation (S3 API Reference, each operation's request syntax:
 * `PUT /Key+?partNumber=&uploadId=` is UploadPart …) and its action (the operation map; `versionId` on GetObject
 * and DeleteObject: `versionedAction`).
 */
async function methodAction(m: string, url: Url, object: boolean): Promise<{ operation: string; action: string } | undefined> {
  const has = (name: string) => url.params.some((p) => p.name === name);
  const operation = object ? objectOperation(m, has) : bucketOperation(m, has);
  if (!operation) return undefined;
  const versioned = has('versionId') ? versionedAction(operation) : undefined;
  if (versioned) return { operation, action: versioned };
  const found = await actionsForOperation('s3', operation);
  return found && { operation, action: found.actions[0]! };
}

function objectOperation(m: string, has: (name: string) => boolean): string | undefined {
  const sub = ['uploadId', 'acl', 'tagging', 'uploads', 'attributes'].find(has) ?? '';
  const table: Record<string, Record<string, string>> = {
    GET: { '': 'GetObject', uploadId: 'ListParts', acl: 'GetObjectAcl', tagging: 'GetObjectTagging', attributes: 'GetObjectAttributes' },
    HEAD: { '': 'HeadObject' },
    PUT: { '': 'PutObject', uploadId: 'UploadPart', acl: 'PutObjectAcl', tagging: 'PutObjectTagging' },
    DELETE: { '': 'DeleteObject', uploadId: 'AbortMultipartUpload', tagging: 'DeleteObjectTagging' },
    POST: { uploads: 'CreateMultipartUpload', uploadId: 'CompleteMultipartUpload' },
  };
  return Object.hasOwn(table, m) && Object.hasOwn(table[m]!, sub) ? table[m]![sub] : undefined;
}

function bucketOperation(m: string, has: (name: string) => boolean): string | undefined {
  if (m === 'HEAD') return 'HeadBucket';
  if (m !== 'GET') return undefined;
  if (has('versions')) return 'ListObjectVersions';
  if (has('uploads')) return 'ListMultipartUploads';
  return ['acl', 'policy', 'tagging', 'location', 'cors', 'lifecycle', 'encryption'].some(has) ? undefined : 'ListObjectsV2';
}
