import { doc, type RuleTable } from '../table.js';

/**
 * `s3-request-header-condition`: conditions on the S3 request headers a caller sets, explained with the CLI
 * option and SDK parameter that meet an Allow's condition or avoid a Deny's (info); a KMS key-id value that is
 * an alias or a bare key ID (warning).
 *
 * S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)", Requiring server-side encryption:
 * "To require that a particular AWS KMS key be used to encrypt the objects in a bucket, you can use the
 * `s3:x-amz-server-side-encryption-aws-kms-key-id` condition key. To specify the KMS key, you must use a key
 * Amazon Resource Name (ARN) that is in the "arn:aws:kms:region:acct-id:key/key-id" format." and "Regardless,
 * the AWS KMS key ID that Amazon S3 uses for object encryption must match the AWS KMS key ID in the policy,
 * otherwise Amazon S3 denies the request."
 * AWS CLI Command Reference, "aws s3 cp" (synopsis): `[--acl <value>]`, `[--sse <value>]`,
 * `[--sse-kms-key-id <value>]`, `[--storage-class <value>]`, `[--grants <value> [<value>...]]`.
 */
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const FILE = 'bucket-policy.json';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function put(effect: 'Allow' | 'Deny', condition: Record<string, Record<string, string>>) {
  return {
    Sid: effect === 'Deny' ? 'DenyUnEncrypted' : 'Upload',
    Effect: effect,
    Principal: effect === 'Deny' ? '*' : { AWS: 'arn:aws:iam::111122223333:role/uploader' },
    Action: 's3:PutObject',
    Resource: `${BUCKET}/*`,
    Condition: condition,
  };
}

export const table: RuleTable = {
  valid: [
    // No request-header condition at all.
    { file: FILE, text: doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    // A header this rule does not explain (SSE-C), and a set qualifier on a single-valued header.
    { file: FILE, text: doc(put('Deny', { StringNotEquals: { 's3:x-amz-server-side-encryption-customer-algorithm': 'AES256' } })) },
    { file: FILE, text: doc(put('Allow', { 'ForAnyValue:StringEquals': { 's3:x-amz-acl': 'private' } })) },
    // StringEqualsIfExists in an Allow also lets a request without the header through: not explained, not flagged.
    { file: FILE, text: doc(put('Allow', { StringEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/uploads' } })) },
  ],
  invalid: [
    {
      // The standard "deny unencrypted uploads" statement: explained, at info (never a warning).
      file: FILE,
      text: doc(put('Deny', { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } })),
      at: [{ line: 4, column: 166 }],
      message:
        /^statement "DenyUnEncrypted" \(Deny\) denies requests that do not send x-amz-server-side-encryption with aws:kms: pass `aws s3 cp --sse aws:kms`, `aws s3api put-object --server-side-encryption aws:kms` \(SDK parameter ServerSideEncryption\)$/,
    },
    {
      file: FILE,
      text: doc(put('Deny', { Null: { 's3:x-amz-server-side-encryption': 'true' } })),
      at: [{ line: 4, column: 155 }],
      message: /denies requests without the x-amz-server-side-encryption header: pass `aws s3 cp --sse …`/,
    },
    {
      file: FILE,
      text: doc(put('Allow', { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } })),
      at: [{ line: 4, column: 201 }],
      message:
        /^statement "Upload" \(Allow\) applies only to requests that send x-amz-acl with bucket-owner-full-control: pass `aws s3 cp --acl bucket-owner-full-control` \(SDK parameter ACL\)$/,
    },
    {
      file: FILE,
      text: doc(put('Deny', { StringEquals: { 's3:x-amz-storage-class': 'GLACIER' } })),
      at: [{ line: 4, column: 163 }],
      message: /denies requests that send x-amz-storage-class with GLACIER: do not pass `aws s3 cp --storage-class GLACIER` \(SDK parameter StorageClass\)$/,
    },
    {
      // An alias never matches: every upload is denied (the warning, on the value; no info besides).
      file: FILE,
      text: doc(put('Deny', { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/uploads' } })),
      at: [{ line: 4, column: 215 }],
      message: /^`alias\/uploads` is an alias, not a key ARN: .* so statement "DenyUnEncrypted" denies every upload \(403 AccessDenied\); write the key's ARN$/,
    },
    {
      file: FILE,
      text: doc(put('Allow', { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' } })),
      at: [{ line: 4, column: 250 }],
      message: /is a key ID, not a key ARN: .* so statement "Upload" never allows anything \(403 AccessDenied\)/,
    },
    {
      // The key's ARN, as S3 compares it: explained at info.
      file: FILE,
      text: doc(put('Deny', { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY_ARN } })),
      at: [{ line: 4, column: 166 }],
      message:
        /pass `aws s3 cp --sse-kms-key-id arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab`, .* \(SDK parameter SSEKMSKeyId\)$/,
    },
    {
      file: FILE,
      text: doc(put('Allow', { StringLike: { 's3:x-amz-grant-full-control': 'id=*' } })),
      at: [{ line: 4, column: 199 }],
      message: /send x-amz-grant-full-control with id=\*: pass `aws s3api put-object --grant-full-control id=\*` \(SDK parameter GrantFullControl\)$/,
    },
  ],
};
