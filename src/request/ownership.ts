import type { AssumptionNote, LoadedRequest, Request } from '../model/request.js';
import { aclHeaders } from '../iam/s3.js';

/**
 * The bucket's Object Ownership, when the request does not give it. S3 decides with it: under
 * BucketOwnerEnforced "ACLs are disabled, and the bucket owner automatically owns and has full control over
 * every object in the bucket. ACLs no longer affect permissions to data in the S3 bucket", and `PUT` requests
 * "that contain other ACLs ... fail and return a `400` error with the error code
 * `AccessControlListNotSupported`"; with ACLs enabled (ObjectWriter, BucketOwnerPreferred) ACLs grant and an
 * object keeps the account that wrote it as its owner (Amazon S3 User Guide, "Controlling ownership of objects
 * and disabling ACLs for your bucket"). "Bucket owner enforced is the default setting for all newly created
 * buckets" (same page), but a bucket created before April 2023 kept ObjectWriter, so neither is known.
 *
 * policy-why reads an unknown setting with ACLs enabled (the facts that make it matter, an ACL, an ACL header
 * or an object another account owns, come from buckets that use ACLs) and names that as an assumption; the
 * explanation decides the BucketOwnerEnforced reading too (`enforcedReading`), never reporting a wrong Allowed.
 */

const ACL_OPERATION = /^s3:(putobjectacl|putobjectversionacl|putbucketacl)$/i;

/** Whether the decision may rest on the Object Ownership setting the request does not give. */
function ownershipMatters(request: Request): boolean {
  const s3 = request.s3;
  // CreateBucket sets its own Object Ownership (x-amz-object-ownership): the setting of a bucket not yet made.
  if (!/^s3:/i.test(request.action) || /^s3:createbucket$/i.test(request.action) || s3?.objectOwnership !== undefined) return false;
  if (s3?.bucketAcl || s3?.objectAcl || ACL_OPERATION.test(request.action)) return true;
  const { canned, grants } = aclHeaders(request);
  if (grants.length || (canned !== undefined && canned !== 'bucket-owner-full-control')) return true;
  const bucketOwner = s3?.bucketOwner ?? request.resourceAccount;
  return s3?.objectOwner !== undefined && s3.objectOwner !== bucketOwner;
}

/** Notes the assumption that an unknown Object Ownership leaves ACLs enabled, when the decision may rest on it. */
export function assumeAclsEnabled(request: Request, notes: AssumptionNote[]): void {
  if (ownershipMatters(request)) notes.push({ key: 's3.objectOwnership', value: 'ObjectWriter', why: { code: 'objectOwnershipAclsEnabled' } });
}

/** The request with the bucket's Object Ownership BucketOwnerEnforced, when ACLs enabled was assumed. */
export function enforcedReading(loaded: LoadedRequest): LoadedRequest | undefined {
  if (!loaded.notes.some((n) => n.why.code === 'objectOwnershipAclsEnabled')) return undefined;
  const { request } = loaded;
  const notes = loaded.notes.map((n): AssumptionNote =>
    n.why.code === 'objectOwnershipAclsEnabled' ? { ...n, value: 'BucketOwnerEnforced', why: { code: 'objectOwnershipEnforcedOther' } } : n,
  );
  return { request: { ...request, s3: { ...request.s3, objectOwnership: 'BucketOwnerEnforced' } }, policies: loaded.policies, notes };
}
