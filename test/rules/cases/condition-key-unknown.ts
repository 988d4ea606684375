import { doc, READ, type RuleTable } from '../table.js';

const B = 'arn:aws:s3:::amzn-s3-demo-bucket';

/**
 * `condition-key-unknown`: documents it must pass and documents it must flag, with where (the key).
 * IAM User Guide, "IAM JSON policy elements: Condition": "Condition key names are not case-sensitive."
 */
export const table: RuleTable = {
  valid: [
    // Global keys, in any case.
    { text: doc({ ...READ, Condition: { StringEquals: { 'AWS:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
    // Keys with a variable part: global tag keys, and resource-bound keys of the action's resource type (parliament#145).
    {
      text: doc({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:ResourceTag/team': 'data', 'aws:RequestTag/project': 'x', 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
    },
    // An action's own key, and one of its resource type's keys.
    { text: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { StringLike: { 's3:prefix': 'home/*' } } }) },
    {
      text: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${B}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }),
    },
    // A key defined for any one action of the statement (wildcards expanded).
    {
      text: doc({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:Put*'],
        Resource: `${B}/*`,
        Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }),
    },
    // Identity-provider keys in a trust policy.
    {
      text: doc({
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } },
      }),
      file: 'trust-policy.json',
    },
    // Every action (`*` or NotAction): any key some service defines.
    { text: doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'ec2:Region': 'eu-west-1' } } }) },
    // A KMS key policy: `kms:ViaService` and `kms:CallerAccount` on kms actions, Resource "*".
    {
      text: doc({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } },
      }),
      policyType: 'kmsKey',
    },
    // Keys with a variable part that is not after a slash: `kms:EncryptionContext:${EncryptionContextKey}` in the
    // service reference. KMS Developer Guide, "AWS KMS condition keys", kms:EncryptionContext:context-key: "To use
    // the kms:EncryptionContext:context-key condition key, replace the context-key placeholder with the encryption
    // context key." The CloudWatch Logs key policy (a key policy) and the AWS managed policy
    // CloudWatchLogsAPIKeyAccess (an identity policy) both use `kms:EncryptionContext:aws:logs:arn`.
    {
      text: doc({
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:*' } },
      }),
      policyType: 'kmsKey',
    },
    {
      text: doc({
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: 'arn:aws:kms:*:*:key/*',
        Condition: {
          StringLike: { 'kms:ViaService': 'logs.*.amazonaws.com' },
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*:*:log-group:*' },
        },
      }),
      policyType: 'identity',
    },
    // Any case, and a variable part in the middle of a key (`events:Metadata/${MetadataKey}/Matcher`).
    {
      text: doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'KMS:encryptioncontext:AppName': 'ExampleApp' } } }),
      policyType: 'identity',
    },
  ],
  invalid: [
    {
      // s3:x-amz-acl is set on writes, never on GetObject.
      text: doc({ ...READ, Condition: { StringEquals: { 's3:x-amz-acl': 'public-read' } } }),
      at: [{ line: 4, column: 124 }],
      message: /^condition key `s3:x-amz-acl` is not set for `s3:GetObject`/,
    },
    {
      text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIpAddress': '203.0.113.0/24' } } }),
      at: [{ line: 4, column: 121 }],
      message: /defined by no service .* did you mean `aws:SourceIp`\?$/,
    },
    {
      // The encryption context key is a KMS key, set for KMS's cryptographic operations, never for s3:GetObject.
      text: doc({ ...READ, Condition: { StringEquals: { 'kms:EncryptionContext:AppName': 'ExampleApp' } } }),
      at: [{ line: 4, column: 124 }],
      message: /^condition key `kms:EncryptionContext:AppName` is not set for `s3:GetObject`/,
    },
    {
      // The variable part is one character or more: the bare prefix is no key.
      text: doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:': 'x' } } }),
      policyType: 'identity',
      at: [{ line: 4, column: 90 }],
      message: /defined by no service/,
    },
  ],
};
