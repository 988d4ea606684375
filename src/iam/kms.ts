import type { Request } from '../model/request.js';
import type { KeySource } from '../model/evaluation.js';
import { parseArn } from './arn.js';

/** The KMS key an S3 request uses, resolved from the request's headers or the bucket's facts. */
export interface KmsKeyRef {
  /** The key ARN KMS authorizes against (`key/*` when only an alias is known: see resolveKmsKey). */
  arn: string;
  /** The alias the request named, when it named one. */
  alias?: string;
  account?: string;
  region?: string;
  awsManaged: boolean;
  /** How the key was found, for explanations. */
  from: KeySource;
}

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

/**
 * The key an upload (or a read, for `read: true`) uses under SSE-KMS; undefined when not SSE-KMS.
 * Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys": without a key, "the AWS
 * managed key (aws/s3) from the uploading account is used"; "If you use a KMS key alias instead, AWS
 * KMS resolves the key within the requester's account."
 */
export function resolveKmsKey(request: Request, read: boolean, copySource = false): KmsKeyRef | undefined {
  const facts = request.s3;
  // On a CopyObject the key header names the destination's key, never the source's.
  const headerKey = read && copySource ? undefined : request.context.get('s3:x-amz-server-side-encryption-aws-kms-key-id')?.values[0];
  const requester = request.principal.account;
  // The account whose aws/s3 key encrypted the object: the uploader's. For a read that is the object's
  // writer, which the facts give as the object owner (else the bucket owner).
  const uploader = read ? (facts?.objectOwner ?? facts?.bucketOwner ?? request.resourceAccount) : requester;
  let keyText: string | undefined;
  let how: KeySource['how'];
  if (read) {
    const enc = facts?.objectEncryption;
    if (enc && !KMS_ALGORITHMS.has(enc.algorithm)) return undefined;
    if (!enc && !headerKey) return undefined;
    keyText = enc?.kmsKeyId ?? headerKey;
    how = enc ? 'objectEncryption' : 'objectKeyHeader';
  } else {
    const header = request.context.get('s3:x-amz-server-side-encryption')?.values[0];
    const def = facts?.defaultEncryption;
    const algorithm = header ?? def?.algorithm;
    if (!algorithm || !KMS_ALGORITHMS.has(algorithm)) return undefined;
    keyText = headerKey ?? def?.kmsKeyId;
    if (headerKey) how = 'uploadKeyHeader';
    else if (keyText) how = 'bucketDefault';
    else how = 'awsManagedDefault';
  }
  // KMS authorizes against the key's ARN; "To specify a KMS key in an IAM policy statement, you must use
  // its key ARN" (not an alias). When only an alias is known the key id is not, so the request is made on
  // `key/*`: only a Resource that covers every key of the account matches it, never Allowed wrongly.
  const keyFor = (
    region: string | undefined,
    account: string | undefined,
    alias: string | undefined,
    id: string | undefined,
    awsManaged: boolean,
    bareId: boolean,
  ): KmsKeyRef => ({
    arn: `arn:aws:kms:${region ?? '*'}:${account ?? '*'}:key/${id ?? '*'}`,
    ...(alias ? { alias } : {}),
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    awsManaged,
    from: { how, bareId, ...(alias && !id ? { aliasOnly: alias } : {}) },
  });
  if (!keyText || keyText === 'alias/aws/s3') return keyFor(request.region, uploader, 'alias/aws/s3', undefined, true, false);
  const arn = parseArn(keyText);
  if (arn && arn.service === 'kms') {
    const awsManaged = facts?.kmsKeyManager === 'AWS' || arn.resource === 'alias/aws/s3';
    if (arn.resource.startsWith('alias/')) return keyFor(arn.region, arn.account, arn.resource, undefined, awsManaged, false);
    return { arn: keyText, account: arn.account, region: arn.region, awsManaged, from: { how, bareId: false } };
  }
  // A bare key id or alias resolves in the requester's account.
  return keyText.startsWith('alias/')
    ? keyFor(request.region, requester, keyText, undefined, facts?.kmsKeyManager === 'AWS', true)
    : keyFor(request.region, requester, undefined, keyText, facts?.kmsKeyManager === 'AWS', true);
}
