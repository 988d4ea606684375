import { doc, READ, type RuleTable } from '../table.js';

const B = 'arn:aws:s3:::amzn-s3-demo-bucket';

/**
 * `unknown-action`: documents it must pass and documents it must flag, with where (the action string).
 * API operations mapped to their action, each from AWS's documentation (src/iam/operations.ts):
 * S3 API Reference, HeadBucket: "To use this operation, you must have permissions to perform the s3:ListBucket action."
 * S3 User Guide, "Uploading and copying objects using multipart upload": "You must be allowed to perform the
 * s3:PutObject action on an object to initiate multipart upload."
 */
export const table: RuleTable = {
  valid: [
    { text: doc(READ) },
    // Action names are case-insensitive; wildcards and `*` are other rules' business.
    { text: doc({ Effect: 'Allow', Action: ['S3:getobject', 's3:List*', '*'], Resource: '*' }) },
    // Real actions the anchors' tools called unknown (cfn-lint#4025).
    { text: doc({ Effect: 'Allow', Action: ['iam:ListRoleTags', 'kms:GenerateDataKey'], Resource: '*' }) },
    // NotAction in a Deny with real actions.
    { text: doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:GetCallerIdentity'], Resource: '*' }) },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Action: ['s3:GetObjet', 's3:PutObject'], Resource: `${B}/*` }),
      at: [{ line: 4, column: 33 }],
      message: /^`s3:GetObjet` is not an IAM action: did you mean `s3:GetObject`\?/,
    },
    {
      text: doc({ Effect: 'Allow', Action: 's3:HeadBucket', Resource: B }),
      at: [{ line: 4, column: 32 }],
      message: /API operation, which AWS authorizes with `s3:ListBucket`/,
    },
    {
      text: doc({ Effect: 'Allow', Action: ['s3:CreateMultipartUpload', 's3:UploadPart'], Resource: `${B}/*` }),
      at: [
        { line: 4, column: 33 },
        { line: 4, column: 60 },
      ],
      message: /authorizes with `s3:PutObject`/,
    },
    {
      text: doc({ Effect: 'Deny', Action: 'dyanmodb:PutItem', Resource: '*' }),
      at: [{ line: 4, column: 31 }],
      message: /service prefix is not in the AWS service reference of/,
    },
    {
      text: doc({ Effect: 'Deny', NotAction: 's3:Frobnicate', Resource: '*' }),
      at: [{ line: 4, column: 34 }],
      message: /no action of that name/,
    },
  ],
};
