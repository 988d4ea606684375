import type { ChainReason } from '../../model/evaluation.js';
import type { Request } from '../../model/request.js';
import { aclHeaders, headerValue, s3Target, s3TargetOf } from '../../iam/s3.js';
import { resolveKmsKey } from '../../iam/kms.js';
import type { CompiledPolicySet as PolicySet } from '../compile.js';
import type { ChainedDraft } from './types.js';
import { kmsRequest } from './kms.js';

/**
 * The further authorizations S3 performs for one request (Amazon S3 User Guide: "PutObject" needs
 * s3:PutObjectAcl when it sets an ACL and s3:PutObjectTagging when it sets tags; SSE-KMS uploads need
 * kms:GenerateDataKey, reads and multipart uploads kms:Decrypt; CopyObject reads its source). Each is
 * evaluated as a request of its own through every applicable layer.
 */

function sameContextRequest(
  request: Request,
  policies: PolicySet,
  action: string,
  resource: string,
  because: ChainReason,
  ownPolicy = true,
  otherObject = false,
): ChainedDraft {
  const next: Request = { ...request, action, resource };
  // Facts about the request's object (its ACL, its owner) do not describe another object.
  if (otherObject && request.s3) {
    const { objectAcl: _acl, objectOwner: _owner, ...facts } = request.s3;
    next.s3 = facts;
  }
  const p = ownPolicy ? policies : (({ resource: _r, ...rest }) => rest)(policies);
  return { request: next, policies: p, because };
}

/** Percent-decoding that keeps text that is not valid percent-encoding as it is (a key may hold a bare `%`). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Lists the further requests S3 authorizes for this one. */
export function s3ChainedRequests(request: Request, policies: PolicySet): ChainedDraft[] {
  const action = request.action.toLowerCase();
  const out: ChainedDraft[] = [];
  const has = (key: string) => request.context.has(key.toLowerCase());
  if (action === 's3:putobject') {
    const { canned, grants: grantHeaders } = aclHeaders(request);
    // "To successfully change the objects ACL of your PutObject request, you must have the
    // s3:PutObjectAcl" (PutObject API reference; scenario 1). Not for a service principal's delivery
    // with the canned ACL bucket-owner-full-control: AWS's own delivery policies (CloudTrail, VPC Flow
    // Logs, AWS Config, ELB access logs, S3 Inventory) grant s3:PutObject alone on that condition, and
    // those deliveries work. An IAM role still needs it: "When granting permissions to your IAM role
    // instead of AWS Config service principal name (SPN), ensure that your IAM role has PutObjectACL
    // permission on cross-account bucket" (AWS Config, "Permissions for the Amazon S3 Bucket").
    const setsAcl = canned !== undefined && (canned !== 'bucket-owner-full-control' || request.principal.kind !== 'service');
    if (setsAcl || grantHeaders.length) {
      out.push(
        sameContextRequest(request, policies, 's3:PutObjectAcl', request.resource, {
          code: 'putObjectAcl',
          ...(setsAcl ? { canned } : {}),
          grants: grantHeaders,
        }),
      );
    }
    const tagKeys = [...request.context.values()].filter((e) => /^s3:requestobjecttag(keys|\/)/i.test(e.key));
    if (tagKeys.length || headerValue(request, 'x-amz-tagging') !== undefined) {
      out.push(sameContextRequest(request, policies, 's3:PutObjectTagging', request.resource, { code: 'putObjectTagging' }));
    }
    // Object Lock settings on an upload: "rejects any request to put an object that includes a retention
    // mode and setting" when s3:PutObjectRetention is denied (Amazon S3 User Guide, Object Lock), so S3
    // authorizes the retention (and a legal hold) as their own actions.
    if (has('s3:object-lock-mode') || has('s3:object-lock-retain-until-date')) {
      out.push(sameContextRequest(request, policies, 's3:PutObjectRetention', request.resource, { code: 'putObjectRetention' }));
    }
    if (has('s3:object-lock-legal-hold')) {
      out.push(sameContextRequest(request, policies, 's3:PutObjectLegalHold', request.resource, { code: 'putObjectLegalHold' }));
    }
    const copySource = request.context.get('s3:x-amz-copy-source')?.values[0];
    if (copySource) {
      const path = safeDecode(copySource.replace(/^\//, '').replace(/\?.*$/, ''));
      const sourceArn = `arn:aws:s3:::${path}`;
      const sameBucket = s3Target(sourceArn)?.bucket === s3TargetOf(request)?.bucket;
      out.push(
        sameContextRequest(request, policies, 's3:GetObject', sourceArn, { code: 'copySourceRead', sameBucket }, sameBucket, sourceArn !== request.resource),
      );
      const sourceKey = resolveKmsKey(request, true, true);
      if (sourceKey) out.push(kmsRequest(request, policies, 'kms:Decrypt', sourceKey, 'copySourceKms'));
    }
    const key = resolveKmsKey(request, false);
    if (key) {
      out.push(kmsRequest(request, policies, 'kms:GenerateDataKey', key, 'uploadKms'));
      // Scenario 1 (the AWS Knowledge Center article): "every object upload, copy or bucket configured
      // to use an S3 Bucket Key for SSE-KMS must have access to the kms:Decrypt permission".
      const bucketKey =
        request.s3?.defaultEncryption?.bucketKeyEnabled === true ||
        (
          request.context.get('s3:x-amz-server-side-encryption-bucket-key-enabled')?.values[0] ??
          headerValue(request, 'x-amz-server-side-encryption-bucket-key-enabled')
        )?.toLowerCase() === 'true';
      if (request.s3?.multipartUpload) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'multipartKms'));
      else if (bucketKey) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'bucketKeyKms'));
    }
  } else if (action === 's3:createbucket') {
    // Amazon S3 API Reference, CreateBucket, Permissions: a public-read, public-read-write or
    // authenticated-read ACL, or explicit grants, need s3:PutBucketAcl too ("If the ACL for the
    // CreateBucket request is private or if the request doesn't specify any ACLs, only s3:CreateBucket
    // permission is needed"); "If your CreateBucket request includes the x-amz-object-ownership header,
    // s3:PutBucketOwnershipControls permission is required."
    const { canned: acl, grants: grantHeaders } = aclHeaders(request);
    if ((acl !== undefined && acl !== 'private') || grantHeaders.length) {
      out.push(
        sameContextRequest(request, policies, 's3:PutBucketAcl', request.resource, {
          code: 'createBucketAcl',
          ...(acl !== undefined ? { canned: acl } : {}),
          grants: grantHeaders,
        }),
      );
    }
    if (has('s3:x-amz-object-ownership')) {
      out.push(sameContextRequest(request, policies, 's3:PutBucketOwnershipControls', request.resource, { code: 'createBucketOwnership' }));
    }
  } else if (action === 's3:replicateobject') {
    // "kms:Encrypt permissions for the AWS KMS CMK used to encrypt the object replica" (Amazon S3 User
    // Guide, "Replicating objects created with server-side encryption (SSE-C, SSE-S3, SSE-KMS)").
    const key = resolveKmsKey(request, false);
    if (key) out.push(kmsRequest(request, policies, 'kms:Encrypt', key, 'replicaKms'));
  } else if (action === 's3:getobject' || action === 's3:getobjectversion' || action === 's3:getobjectversionforreplication') {
    const key = resolveKmsKey(request, true);
    if (key) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'readKms'));
  }
  return out;
}
