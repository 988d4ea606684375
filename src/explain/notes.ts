import type { Request } from '../model/request.js';
import type { PolicySet } from '../model/policyset.js';
import type { FullEvaluation } from '../evaluator/chain.js';
import { compile, decide } from '../evaluator/index.js';
import { aclHeaders, s3Target } from '../iam/s3.js';

/** Something true about the request that the decision alone does not say, computed from its facts. */
export interface Note {
  kind:
    | 'allPoliciesAllow'
    | 'checksumHeaders'
    | 'presignedExpired'
    | 'clockSkew'
    | 'missingObject'
    | 'oaiKms'
    | 'awsManagedKeyCrossAccount'
    | 'awsManagedKeyService'
    | 'aclNotSupported'
    | 'requesterPaysAnonymous';
  message: string;
  fix?: string;
}

const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$|(^|\.)aws$/i;

/** boto3/botocore ≥ 1.36, AWS CLI ≥ 2.23, SDK for JavaScript ≥ 3.729.0 and SDK for Java ≥ 2.30.0 add CRC checksums (aws-chunked, x-amz-trailer) by default. */
function newChecksumClient(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const version = (name: RegExp) => {
    const m = name.exec(userAgent);
    return m ? m[1]!.split('.').map(Number) : undefined;
  };
  const atLeast = (v: number[] | undefined, min: number[]) => v !== undefined && (v[0]! > min[0]! || (v[0] === min[0] && (v[1] ?? 0) >= min[1]!));
  const boto = version(/Boto3\/(\d+\.\d+(?:\.\d+)?)/i) ?? version(/Botocore\/(\d+\.\d+(?:\.\d+)?)/i);
  if (atLeast(boto, [1, 36])) return `boto3/botocore ${boto!.join('.')}`;
  const cli = version(/aws-cli\/(\d+\.\d+(?:\.\d+)?)/i);
  if (cli && atLeast(cli, [2, 23])) return `AWS CLI ${cli.join('.')}`;
  // "Beginning with version 3.729.0 of the AWS SDK for JavaScript, the SDK provides default integrity
  // protections" (SDK for JavaScript v3 guide); the SDK for Java 2.x did the same in 2.30.0.
  const js = version(/aws-sdk-js\/(3\.\d+(?:\.\d+)?)/i);
  if (js && (js[1]! > 729 || (js[1] === 729 && (js[2] ?? 0) >= 0))) return `AWS SDK for JavaScript ${js.join('.')}`;
  const java = version(/aws-sdk-java\/(2\.\d+(?:\.\d+)?)/i);
  if (java && java[1]! >= 30) return `AWS SDK for Java ${java.join('.')}`;
  return undefined;
}

/**
 * Notes from the request's facts: non-policy causes when every policy allows (S3-compatible stores
 * rejecting the new default checksums, expired presigned URLs, clock skew), S3's 403-for-404, and the
 * known dead ends behind a KMS denial.
 */
export function notesFor(request: Request, policies: PolicySet, evaluation: FullEvaluation): Note[] {
  const notes: Note[] = [];
  const http = request.http;
  // The time S3 received the request: the context's or --now's; not the time this tool happens to run.
  const currentTime = request.context.get('aws:currenttime');
  const now = request.wallClock && currentTime?.origin !== 'request' ? NaN : Date.parse(currentTime?.values[0] ?? '');

  if (evaluation.decision === 'Allowed') {
    const allAllow: Note = {
      kind: 'allPoliciesAllow',
      message: 'every policy layer allows this request; if AWS still answers 403, look beyond the policies',
    };
    notes.push(allAllow);
    const host = http?.endpoint ? hostOf(http.endpoint) : undefined;
    if (host && !AWS_HOST.test(host)) {
      const headers = Object.fromEntries(Object.entries(http?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const chunked = /aws-chunked/i.test(headers['content-encoding'] ?? '') || headers['x-amz-trailer'] !== undefined;
      const client = newChecksumClient(http?.userAgent);
      if (chunked || client) {
        notes.push({
          kind: 'checksumHeaders',
          message:
            `the endpoint ${host} is not AWS: an S3-compatible store that may reject the checksum headers ` +
            `${chunked ? 'this request sends (Content-Encoding: aws-chunked / x-amz-trailer)' : ''}${chunked && client ? ', which ' : ''}${client ? `${client} adds by default` : ''}`,
          fix: 'set request_checksum_calculation = when_required and response_checksum_validation = when_required (in ~/.aws/config, or AWS_REQUEST_CHECKSUM_CALCULATION=when_required / AWS_RESPONSE_CHECKSUM_VALIDATION=when_required; the first AWS CLI 2.23 releases ignored it for `aws s3 cp`, so upgrade the CLI too), or use an older client, or a presigned URL with a plain HTTP PUT',
        });
      }
    }
    const signed = http?.requestTime ? Date.parse(http.requestTime) : NaN;
    if (http?.presignedExpiresAt) {
      const expires = Date.parse(http.presignedExpiresAt);
      const at = Number.isNaN(now) ? signed : now;
      if (!Number.isNaN(expires) && !Number.isNaN(at) && at > expires) {
        notes.push({
          kind: 'presignedExpired',
          message: `the presigned URL expired at ${http.presignedExpiresAt} (S3 answers 403 "Request has expired")`,
          fix: 'generate a new presigned URL (at most 7 days with IAM user credentials, less with temporary credentials)',
        });
      }
    }
    // A presigned URL is checked against its own expiry, not the 15-minute skew window.
    if (!http?.presignedExpiresAt && !Number.isNaN(signed) && !Number.isNaN(now) && Math.abs(now - signed) > 15 * 60 * 1000) {
      notes.push({
        kind: 'clockSkew',
        message: `the request was signed at ${http!.requestTime}, more than 15 minutes from the current time: S3 answers 403 RequestTimeTooSkewed`,
        fix: "synchronise the client's clock (NTP)",
      });
    }
  }

  if (evaluation.decision === 'Allowed' && notes.length > 1) notes[0]!.message += ' (the notes below list the causes these facts point to)';

  // 403 instead of 404 for a missing object, unless the caller may list the bucket.
  const target = s3Target(request.resource);
  if (request.s3?.objectExists === false && target?.key !== undefined && /^s3:getobject/i.test(request.action)) {
    const list = decide({ ...request, action: 's3:ListBucket', resource: `arn:aws:s3:::${target.bucket}` }, compile(policies));
    // The 404 needs both: "If you have the s3:ListBucket permission on the bucket, Amazon S3 returns an
    // HTTP status code 404" applies to a caller who may GetObject in the first place.
    notes.push(
      list.decision === 'Allowed' && evaluation.decision === 'Allowed'
        ? { kind: 'missingObject', message: 'the object does not exist; the caller may list the bucket, so S3 answers 404 NoSuchKey' }
        : list.decision === 'Allowed'
          ? {
              kind: 'missingObject',
              message:
                'the object does not exist, but S3 answers 403 here because s3:GetObject itself is denied (with it allowed, and s3:ListBucket, the answer would be 404)',
            }
          : {
              kind: 'missingObject',
              message:
                'the object does not exist, and the caller may not s3:ListBucket the bucket, so S3 answers 403 AccessDenied rather than reveal that the key is missing',
              fix: `check the key (and, behind CloudFront, the default root object); to get 404s instead, allow s3:ListBucket on arn:aws:s3:::${target.bucket}`,
            },
    );
  }

  for (const c of evaluation.additionalRequests) {
    if (c.decision === 'Allowed' || !c.action.startsWith('kms:')) continue;
    if (request.principal.kind === 'oai') {
      notes.push({
        kind: 'oaiKms',
        message:
          'a CloudFront origin access identity (OAI) does not work with objects encrypted with SSE-KMS (AWS: OAI "doesn\'t work" with SSE-KMS "or requires extra workarounds")',
        fix: 'switch the distribution to origin access control (OAC) and allow the cloudfront.amazonaws.com service principal kms:Decrypt in the key policy, with a StringEquals AWS:SourceArn condition naming the distribution',
      });
    } else if (c.kmsKey?.awsManaged && request.principal.kind === 'service') {
      notes.push({
        kind: 'awsManagedKeyService',
        message: `the object is encrypted with the AWS managed key aws/s3, whose key policy cannot be changed to admit ${request.principal.service}`,
        fix: `encrypt with a customer managed key whose key policy allows ${request.principal.service} (with an AWS:SourceArn condition), or with SSE-S3, and re-encrypt existing objects (copy them in place)`,
      });
    } else if (c.kmsKey?.awsManaged && request.principal.account !== undefined && !c.kmsKey.arn.includes(`:${request.principal.account}:`)) {
      const upload = /^s3:putobject$/i.test(request.action);
      notes.push({
        kind: 'awsManagedKeyCrossAccount',
        message: upload
          ? "the upload would be encrypted with the AWS managed key aws/s3 of the bucket's account: its key policy only admits callers of that account and cannot be changed"
          : 'the object is encrypted with the AWS managed key aws/s3 of another account: its key policy only admits callers of that account and cannot be changed',
        fix: upload
          ? "set the bucket's default encryption (or the upload's --ssekms-key-id) to a customer managed key whose key policy allows this account, or use SSE-S3"
          : 'encrypt with a customer managed key whose key policy allows this account (and re-encrypt existing objects, e.g. by copying them in place with --sse-kms-key-id)',
      });
    }
  }

  if (request.principal.kind === 'anonymous' && evaluation.deciding.some((d) => d.policyType === 'requesterPays')) {
    notes.push({
      kind: 'requesterPaysAnonymous',
      message: 'a Requester Pays bucket bills the requester, so it refuses anonymous requests whatever the policies say',
      fix: 'sign the request with credentials of an AWS account (not --no-sign-request) and add --request-payer requester',
    });
  }

  // "Requests to set ACLs or update ACLs fail with a 400 error and return the AccessControlListNotSupported
  // error code ... In your PUT operations, you must either specify bucket owner full control ACLs or not
  // specify an ACL" (Amazon S3 User Guide, Object Ownership troubleshooting).
  const { canned: acl, grants: grantKeys } = aclHeaders(request);
  const grants = grantKeys.map((k) => k.slice(3));
  const setsAcl = (acl !== undefined && acl !== 'bucket-owner-full-control') || grants.length > 0;
  const aclAction = /^s3:(putobject|putobjectacl|putobjectversionacl|putbucketacl|copyobject)$/i.test(request.action);
  if (
    request.s3?.objectOwnership === 'BucketOwnerEnforced' &&
    aclAction &&
    (setsAcl || (/acl$/i.test(request.action) && acl === undefined && !grants.length))
  ) {
    const what = acl !== undefined && acl !== 'bucket-owner-full-control' ? `x-amz-acl \`${acl}\`` : grants.length ? grants.join(', ') : 'a new ACL';
    notes.push({
      kind: 'aclNotSupported',
      message: `ACLs are disabled on this bucket (BucketOwnerEnforced): S3 rejects ${/acl$/i.test(request.action) ? `${request.action.slice(3)} with ${what}` : `an upload with ${what}`} with 400 AccessControlListNotSupported`,
      fix: /acl$/i.test(request.action)
        ? 'manage access with policies instead of ACLs (or switch Object Ownership away from BucketOwnerEnforced)'
        : 'upload without --acl/--grant-* (or with --acl bucket-owner-full-control)',
    });
  }
  return notes;
}

function hostOf(endpoint: string): string | undefined {
  try {
    return new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return undefined;
  }
}
