import { doc, type RuleTable } from '../table.js';

/**
 * `bucket-policy-lockout`: the evaluator denies s3:PutBucketPolicy and s3:DeleteBucketPolicy to every
 * administrator of the owner's account; only the root user is left ("the root principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy,
 * PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root
 * principal's access" — Amazon S3 API Reference, PutBucketPolicy).
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const ALL = { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [B, `${B}/*`] };
const READ = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: `${B}/*` };
const ROLE_ONLY = { Effect: 'Deny', NotPrincipal: { AWS: ADMIN }, Action: 's3:*', Resource: [B, `${B}/*`] };

export const table: RuleTable = {
  valid: [
    { text: doc({ ...ALL, Condition: { ArnNotLike: { 'aws:PrincipalArn': ADMIN } } }), file: 'bucket-policy.json' },
    { text: doc({ ...ALL, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }), file: 'bucket-policy.json' },
    { text: doc({ ...ALL, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), file: 'bucket-policy.json' },
    // DeleteBucketPolicy is still allowed: an administrator can delete the policy, Deny and all.
    { text: doc({ ...ALL, Action: 's3:PutBucketPolicy', Resource: B }), file: 'bucket-policy.json' },
    {
      text: doc({ ...ROLE_ONLY, NotPrincipal: { AWS: [ADMIN, 'arn:aws:sts::111122223333:assumed-role/admin/ops', 'arn:aws:iam::111122223333:root'] } }),
      file: 'bucket-policy.json',
    },
  ],
  invalid: [
    {
      text: doc(READ, ALL),
      file: 'bucket-policy.json',
      at: [{ line: 5, column: 5 }],
      message:
        /^statement "DenyAll" denies every administrator of account 111122223333 s3:PutBucketPolicy and s3:DeleteBucketPolicy: only the account's root user/,
    },
    { text: doc(ROLE_ONLY), file: 'bucket-policy.json', at: [{ line: 4, column: 5 }], message: /^statement #0 denies every administrator/ },
  ],
};
