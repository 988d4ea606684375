import type { Request } from '../model/request.js';
import type { HttpHeader } from '../model/s3.js';
import type { PolicySet } from '../model/policyset.js';
import type { FullEvaluation } from '../model/evaluation.js';
import type { Note } from '../model/report.js';
import type { Words } from './words/index.js';
import { compile, decide } from '../evaluator/index.js';
import { aclHeaders, s3TargetOf } from '../iam/s3.js';
import { keyKnown, suggestKey } from '../iam/condition-keys.js';
import { nonAwsHost } from '../iam/endpoint.js';

/** boto3/botocore ≥ 1.36, AWS CLI ≥ 2.23, SDK for JavaScript ≥ 3.729.0 and SDK for Java ≥ 2.30.0 add CRC checksums (aws-chunked, x-amz-trailer) by default. */
function newChecksumClient(userAgent: string | undefined, w: Words): string | undefined {
  if (!userAgent) return undefined;
  const version = (name: RegExp) => {
    const m = name.exec(userAgent);
    return m ? m[1]!.split('.').map(Number) : undefined;
  };
  const atLeast = (v: number[] | undefined, min: number[]) => v !== undefined && (v[0]! > min[0]! || (v[0] === min[0] && (v[1] ?? 0) >= min[1]!));
  const boto = version(/Boto3\/(\d+\.\d+(?:\.\d+)?)/i) ?? version(/Botocore\/(\d+\.\d+(?:\.\d+)?)/i);
  if (atLeast(boto, [1, 36])) return w.notes.client('boto', boto!.join('.'));
  const cli = version(/aws-cli\/(\d+\.\d+(?:\.\d+)?)/i);
  if (cli && atLeast(cli, [2, 23])) return w.notes.client('cli', cli.join('.'));
  // "Beginning with version 3.729.0 of the AWS SDK for JavaScript, the SDK provides default integrity
  // protections" (SDK for JavaScript v3 guide); the SDK for Java 2.x did the same in 2.30.0.
  const js = version(/aws-sdk-js\/(3\.\d+(?:\.\d+)?)/i);
  if (js && (js[1]! > 729 || (js[1] === 729 && (js[2] ?? 0) >= 0))) return w.notes.client('js', js.join('.'));
  const java = version(/aws-sdk-java\/(2\.\d+(?:\.\d+)?)/i);
  if (java && java[1]! >= 30) return w.notes.client('java', java.join('.'));
  return undefined;
}

/**
 * Notes from the request's facts: non-policy causes when every policy allows (S3-compatible stores
 * rejecting the new default checksums, expired presigned URLs, clock skew), S3's 403-for-404, and the
 * known dead ends behind a KMS denial.
 */
export function notesFor(request: Request, policies: PolicySet, evaluation: FullEvaluation, w: Words): Note[] {
  // Keys that can never match come first: a Deny that never applies is a silent fail-open.
  const notes: Note[] = [...unknownContextKeyNotes(request, w), ...keyNeverPresentNotes(request, evaluation, w)];
  // The checksum note is about the store, not the policies: shown whatever they decide.
  const checksum = checksumNote(request, w);
  if (evaluation.decision === 'Allowed') notes.push(...beyondPolicies(request, checksum, w));
  else if (checksum) notes.push(checksum);
  const missing = missingObjectNote(request, policies, evaluation, w);
  if (missing) notes.push(missing);
  notes.push(...kmsDeadEnds(request, evaluation, w));
  if (request.principal.kind === 'anonymous' && evaluation.deciding.some((d) => d.policyType === 'requesterPays')) {
    notes.push({ kind: 'requesterPaysAnonymous', message: w.notes.requesterPaysAnonymous, fix: w.notes.requesterPaysAnonymousFix });
  } else {
    const anonymous = anonymousPrivateObject(request, evaluation, w);
    if (anonymous) notes.push(anonymous);
  }
  const acl = aclNotSupported(request, w) ?? aclNotSupportedIfEnforced(request, w);
  if (acl) notes.push(acl);
  return notes;
}

/**
 * An anonymous read of an object that is not public has an answer that changes no policy: "You can use
 * presigned URLs to grant time-limited access to objects in Amazon S3 without updating your bucket policy"
 * (Download and upload objects with presigned URLs), or CloudFront with origin access control, which makes
 * sure "that viewers (users) can access the content in the AWS origin only through the specified
 * CloudFront distribution" (Restrict access to an AWS origin, Amazon CloudFront Developer Guide).
 */
function anonymousPrivateObject(request: Request, evaluation: FullEvaluation, w: Words): Note | undefined {
  if (evaluation.decision === 'Allowed' || request.principal.kind !== 'anonymous' || !/^s3:getobject$/i.test(request.action)) return undefined;
  const target = s3TargetOf(request);
  if (target?.key === undefined) return undefined;
  return { kind: 'anonymousPrivateObject', message: w.notes.anonymousPrivateObject, fix: w.notes.anonymousPrivateObjectFix(target.bucket, target.key) };
}

/** Context keys the request gives that AWS never sets: the request is still evaluated, as AWS would see it. */
function unknownContextKeyNotes(request: Request, w: Words): Note[] {
  return (request.unknownContextKeys ?? []).map(({ key, suggestion }) => ({
    kind: 'unknownContextKey' as const,
    message: w.notes.unknownContextKey(key, suggestion),
    ...(suggestion !== undefined ? { fix: w.notes.unknownContextKeyFix(key, suggestion) } : {}),
  }));
}

/**
 * Condition keys of statements that cover the request's action (their conditions were evaluated) that AWS
 * can never set for it: not a global key, not one the service reference lists for the action or its
 * resource types. A Deny whose condition on such a key is false never applies, whatever the request.
 */
function keyNeverPresentNotes(request: Request, evaluation: FullEvaluation, w: Words): Note[] {
  const vocabulary = request.conditionKeys;
  if (!vocabulary) return [];
  const seen = new Set<string>();
  const deny: Note[] = [];
  const other: Note[] = [];
  for (const m of evaluation.layers.flatMap((l) => l.statements)) {
    for (const t of m.conditions) {
      const id = `${m.source}|${m.statementIndex}|${t.key.toLowerCase()}`;
      // A key this request carries is set (the request stage derived it, e.g. s3:DataAccessPointAccount
      // for a request through an access point, which the service reference does not list per action).
      const derived = request.context.get(t.key.toLowerCase())?.origin === 'derived';
      if (keyKnown(vocabulary, t.key) || derived || seen.has(id)) continue;
      seen.add(id);
      const suggestion = suggestKey(vocabulary, t.key);
      const neverApplies = m.effect === 'Deny' && !m.applies && !t.result && t.requestValue === null;
      const statement = `${m.sid !== undefined ? w.text.sid(m.sid) : w.text.statementNumber(m.statementIndex)} (${m.source}:${m.line}:${m.column})`;
      const note: Note = {
        kind: 'conditionKeyNeverPresent',
        message: w.notes.keyNeverPresent({ key: t.key, action: request.action, statement, neverApplies, ...(suggestion !== undefined ? { suggestion } : {}) }),
        ...(suggestion !== undefined ? { fix: w.notes.keyNeverPresentFix(t.key, suggestion) } : {}),
      };
      (neverApplies ? deny : other).push(note);
    }
  }
  return [...deny, ...other];
}

/** When every policy allows: the causes of a 403 that the request's facts point to. */
function beyondPolicies(request: Request, checksum: Note | undefined, w: Words): Note[] {
  const notes: Note[] = [{ kind: 'allPoliciesAllow', message: w.notes.allPoliciesAllow }];
  if (checksum) notes.push(checksum);
  notes.push(...timeNotes(request, w));
  if (notes.length > 1) notes[0]!.message = w.notes.allPoliciesAllowWithCauses;
  return notes;
}

/**
 * The notes of a request to a store that is not AWS, given no AWS policy: that no AWS policy was evaluated,
 * then the causes its facts point to (the checksum headers, an expired presigned URL, clock skew).
 */
export function storeNotes(request: Request, host: string, w: Words): Note[] {
  const checksum = checksumNote(request, w);
  return [{ kind: 'noAwsPolicy', message: w.notes.noAwsPolicy(host) }, ...(checksum ? [checksum] : []), ...timeNotes(request, w)];
}

/** An expired presigned URL, or a clock more than 15 minutes off. */
function timeNotes(request: Request, w: Words): Note[] {
  const notes: Note[] = [];
  const http = request.http;
  // The time S3 received the request: the context's or --now's; not the time this tool happens to run.
  const currentTime = request.context.get('aws:currenttime');
  const now = request.wallClock && currentTime?.origin !== 'request' ? NaN : Date.parse(currentTime?.values[0] ?? '');
  const signed = http?.requestTime ? Date.parse(http.requestTime) : NaN;
  if (http?.presignedExpiresAt) {
    const expires = Date.parse(http.presignedExpiresAt);
    const at = Number.isNaN(now) ? signed : now;
    if (!Number.isNaN(expires) && !Number.isNaN(at) && at > expires) {
      notes.push({ kind: 'presignedExpired', message: w.notes.presignedExpired(http.presignedExpiresAt), fix: w.notes.presignedExpiredFix });
    }
  }
  // A presigned URL is checked against its own expiry, not the 15-minute skew window.
  if (!http?.presignedExpiresAt && !Number.isNaN(signed) && !Number.isNaN(now) && Math.abs(now - signed) > 15 * 60 * 1000) {
    notes.push({ kind: 'clockSkew', message: w.notes.clockSkew(http!.requestTime!), fix: w.notes.clockSkewFix });
  }
  return notes;
}

/**
 * The headers of the new default data-integrity protection, as the request sent them: `Content-Encoding:
 * aws-chunked`, `x-amz-trailer`, any `x-amz-checksum-*`, `x-amz-sdk-checksum-algorithm`, and the trailer
 * form of `x-amz-content-sha256` (`STREAMING-…-TRAILER`).
 */
function checksumHeadersSent(headers: ReadonlyMap<string, HttpHeader>): string[] {
  const sent: string[] = [];
  for (const [name, h] of headers) {
    const checksum = name === 'x-amz-trailer' || name === 'x-amz-sdk-checksum-algorithm' || name.startsWith('x-amz-checksum-');
    const chunked = name === 'content-encoding' && /aws-chunked/i.test(h.value);
    const trailer = name === 'x-amz-content-sha256' && /-TRAILER$/i.test(h.value);
    if (checksum || chunked || trailer) sent.push(`${h.name}: ${h.value}`);
  }
  return sent.sort();
}

/**
 * An S3-compatible store (an endpoint that is not AWS) that may reject the new default checksums. The
 * headers decide when the request gives them: a new client whose headers carry none of them (the user set
 * `request_checksum_calculation = when_required`) gets no note. Without headers, the client decides: a
 * client that checksums every upload by default probably sent them.
 */
function checksumNote(request: Request, w: Words): Note | undefined {
  const http = request.http;
  const host = nonAwsHost(http?.endpoint);
  if (!host) return undefined;
  const client = newChecksumClient(http?.userAgent, w);
  const sent = http?.headers?.size ? checksumHeadersSent(http.headers) : undefined;
  if (sent === undefined ? !client : !sent.length) return undefined;
  return {
    kind: 'checksumHeaders',
    message: w.notes.checksumHeaders({ host, ...(sent ? { sent } : {}), ...(client ? { client } : {}) }),
    fix: w.notes.checksumHeadersFix,
  };
}

/** 403 instead of 404 for a missing object, unless the caller may list the bucket. */
function missingObjectNote(request: Request, policies: PolicySet, evaluation: FullEvaluation, w: Words): Note | undefined {
  const target = s3TargetOf(request);
  if (request.s3?.objectExists !== false || target?.key === undefined || !/^s3:getobject/i.test(request.action)) return undefined;
  const list = decide({ ...request, action: 's3:ListBucket', resource: `arn:aws:s3:::${target.bucket}` }, compile(policies));
  // The 404 needs both: "If you have the s3:ListBucket permission on the bucket, Amazon S3 returns an
  // HTTP status code 404" applies to a caller who may GetObject in the first place.
  if (list.decision !== 'Allowed') return { kind: 'missingObject', message: w.notes.missingObjectNoList, fix: w.notes.missingObjectFix(target.bucket) };
  return { kind: 'missingObject', message: evaluation.decision === 'Allowed' ? w.notes.missingObject404 : w.notes.missingObjectGetDenied };
}

/** The known dead ends behind a denied KMS authorization. */
function kmsDeadEnds(request: Request, evaluation: FullEvaluation, w: Words): Note[] {
  const notes: Note[] = [];
  const p = request.principal;
  for (const c of evaluation.additionalRequests) {
    if (c.decision === 'Allowed' || !c.action.startsWith('kms:')) continue;
    if (p.kind === 'oai') {
      notes.push({ kind: 'oaiKms', message: w.notes.oaiKms, fix: w.notes.oaiKmsFix });
    } else if (c.kmsKey?.awsManaged && p.kind === 'service') {
      const service = p.service ?? p.text;
      notes.push({ kind: 'awsManagedKeyService', message: w.notes.awsManagedKeyService(service), fix: w.notes.awsManagedKeyServiceFix(service) });
    } else if (c.kmsKey?.awsManaged && p.account !== undefined && !c.kmsKey.arn.includes(`:${p.account}:`)) {
      const upload = /^s3:putobject$/i.test(request.action);
      notes.push({ kind: 'awsManagedKeyCrossAccount', message: w.notes.awsManagedKeyCrossAccount(upload), fix: w.notes.awsManagedKeyCrossAccountFix(upload) });
    }
  }
  return notes;
}

/**
 * "Requests to set ACLs or update ACLs fail with a 400 error and return the AccessControlListNotSupported
 * error code ... In your PUT operations, you must either specify bucket owner full control ACLs or not
 * specify an ACL" (Amazon S3 User Guide, Object Ownership troubleshooting).
 */
export function aclNotSupported(request: Request, w: Words): Note | undefined {
  if (request.s3?.objectOwnership !== 'BucketOwnerEnforced') return undefined;
  const sent = aclSent(request, w);
  return sent && { kind: 'aclNotSupported', message: w.notes.aclNotSupported(sent.subject), fix: w.notes.aclNotSupportedFix(sent.aclOperation) };
}

/**
 * The same 400 when the bucket's Object Ownership is not given: "Bucket owner enforced is the default setting
 * for all newly created buckets" (Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs
 * for your bucket"). Not a decision (a 400 is not a 403): a note, for whichever reading is explained.
 */
function aclNotSupportedIfEnforced(request: Request, w: Words): Note | undefined {
  if (request.s3?.objectOwnership !== undefined || !/^s3:/i.test(request.action)) return undefined;
  const sent = aclSent(request, w);
  return (
    sent && {
      kind: 'aclNotSupportedIfEnforced',
      message: w.notes.aclNotSupportedIfEnforced(sent.subject),
      fix: w.notes.aclNotSupportedIfEnforcedFix(sent.aclOperation),
    }
  );
}

/** The ACL a request sets that a bucket with ACLs disabled refuses (any but bucket-owner-full-control). */
function aclSent(request: Request, w: Words): { subject: { action?: string; what: string }; aclOperation: boolean } | undefined {
  const { canned: acl, grants: grantKeys } = aclHeaders(request);
  const grants = grantKeys.map((k) => k.slice(3));
  const setsAcl = (acl !== undefined && acl !== 'bucket-owner-full-control') || grants.length > 0;
  const aclAction = /^s3:(putobject|putobjectacl|putobjectversionacl|putbucketacl|copyobject)$/i.test(request.action);
  const aclOperation = /acl$/i.test(request.action);
  if (!aclAction) return undefined;
  if (!setsAcl && !(aclOperation && acl === undefined && !grants.length)) return undefined;
  let what = w.notes.newAcl;
  if (acl !== undefined && acl !== 'bucket-owner-full-control') what = `x-amz-acl \`${acl}\``;
  else if (grants.length) what = grants.join(', ');
  return { subject: aclOperation ? { action: request.action.slice(3), what } : { what }, aclOperation };
}
