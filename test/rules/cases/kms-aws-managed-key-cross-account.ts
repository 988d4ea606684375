import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `kms-aws-managed-key-cross-account`: the evaluator decides another account's s3:GetObject and s3:PutObject
 * with the key the bucket policy demands, S3's chained KMS authorization against the AWS managed key's fixed
 * policy included. "Objects encrypted using SSE-KMS with AWS managed keys can't be shared cross-account. If
 * you need to share SSE-KMS data cross-account, you must use a customer managed key from AWS KMS." (Amazon
 * S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)").
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const MANAGED = 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3';
const CUSTOMER = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const READ = { Sid: 'PartnerRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: `${B}/*` };
const REQUIRE = (key: string) => ({
  Sid: 'RequireKey',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key } },
});
const PUT = {
  Sid: 'PartnerPut',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:role/writer' },
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': MANAGED } },
};
const OWN_READ = { ...READ, Sid: 'OwnRead', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' } };

export const table: RuleTable = {
  valid: [
    // A customer managed key: its key policy can grant the other account.
    { text: doc(REQUIRE(CUSTOMER), READ), file: 'bucket-policy.json' },
    { text: doc({ ...PUT, Condition: { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': CUSTOMER } } }), file: 'bucket-policy.json' },
    // The managed key within its own account.
    { text: doc(REQUIRE(MANAGED), OWN_READ), file: 'bucket-policy.json' },
    // A Deny of the managed key (forbidding it) demands nothing.
    {
      text: doc({ ...REQUIRE(MANAGED), Condition: { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': MANAGED } } }, READ),
      file: 'bucket-policy.json',
    },
    // A service principal delivering with the managed key of its own account is not another account's caller.
    {
      text: doc(REQUIRE(MANAGED), { ...READ, Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }),
      file: 'bucket-policy.json',
    },
  ],
  invalid: [
    {
      text: doc(REQUIRE(MANAGED), READ),
      file: 'bucket-policy.json',
      at: [spot(0, REQUIRE(MANAGED), '"s3:x-amz-server-side-encryption-aws-kms-key-id"')],
      message:
        /^statement "PartnerRead" grants arn:aws:iam::444455556666:root s3:GetObject, but the policy demands the AWS managed key arn:aws:kms:us-east-1:111122223333:alias\/aws\/s3/,
    },
    {
      text: doc(PUT),
      file: 'bucket-policy.json',
      at: [spot(0, PUT, '"s3:x-amz-server-side-encryption-aws-kms-key-id"')],
      message: /grants arn:aws:iam::444455556666:role\/writer s3:PutObject/,
    },
    // Anyone: a caller of any other account.
    {
      text: doc(REQUIRE('alias/aws/s3'), { ...READ, Principal: '*' }),
      file: 'bucket-policy.json',
      at: [spot(0, REQUIRE('alias/aws/s3'), '"s3:x-amz-server-side-encryption-aws-kms-key-id"')],
    },
  ],
};
