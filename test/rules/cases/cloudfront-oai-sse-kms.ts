import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `cloudfront-oai-sse-kms`: the evaluator decides the OAI's s3:GetObject of an object under the KMS key the
 * bucket policy requires, with S3's chained kms:Decrypt. "We recommend that you use OAC instead because it
 * supports the following features: ... Amazon S3 server-side encryption with AWS KMS (SSE-KMS) ... OAI
 * doesn't support these features or it requires extra workarounds in those scenarios." (Amazon CloudFront
 * Developer Guide, "Restrict access to an Amazon S3 origin").
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OAI_ARN = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL';
const OAI = { Sid: 'OaiRead', Effect: 'Allow', Principal: { AWS: OAI_ARN }, Action: 's3:GetObject', Resource: `${B}/*` };
const REQUIRE_KMS = {
  Sid: 'RequireKms',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
};
const REQUIRE_KEY = {
  ...REQUIRE_KMS,
  Condition: {
    StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  },
};
const OAC = {
  Sid: 'OacRead',
  Effect: 'Allow',
  Principal: { Service: 'cloudfront.amazonaws.com' },
  Action: 's3:GetObject',
  Resource: `${B}/*`,
  Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } },
};

export const table: RuleTable = {
  valid: [
    // SSE-S3 required: an OAI reads it.
    { text: doc({ ...REQUIRE_KMS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }, OAI), file: 'bucket-policy.json' },
    // OAC with SSE-KMS: the documented way.
    { text: doc(REQUIRE_KMS, OAC), file: 'bucket-policy.json' },
    // A Deny of SSE-KMS uploads (forbidding it) requires nothing of the kind.
    { text: doc({ ...REQUIRE_KMS, Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }, OAI), file: 'bucket-policy.json' },
    // An OAI without any encryption requirement.
    { text: doc(OAI), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(REQUIRE_KMS, OAI),
      file: 'bucket-policy.json',
      at: [spot(1, OAI, `"${OAI_ARN}"`)],
      message:
        /^statement "OaiRead" lets arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity E2QWRUHAPOMQZL read, but the bucket policy requires SSE-KMS/,
    },
    { text: doc(OAI, REQUIRE_KEY), file: 'bucket-policy.json', at: [spot(0, OAI, `"${OAI_ARN}"`)] },
    // Both an OAI and OAC during a migration: the OAI's reads still fail.
    { text: doc(REQUIRE_KMS, OAC, OAI), file: 'bucket-policy.json', at: [spot(2, OAI, `"${OAI_ARN}"`)] },
  ],
};
