import type { RuleTable } from '../table.js';

/**
 * `kms-key-user-missing`: a role of the template may write to (or read from) a bucket encrypted by default
 * with a key of the template, but S3's call to KMS on its behalf is denied.
 *
 * Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)": "To upload an object
 * encrypted with an AWS KMS key to Amazon S3, you need kms:GenerateDataKey permissions on the key. To download
 * an object encrypted with an AWS KMS key, you need kms:Decrypt permissions."
 * AWS KMS Developer Guide, "Key policies in AWS KMS": "Unless the key policy explicitly allows it, you cannot
 * use IAM policies to allow access to a KMS key."
 */
const ROOT = `
          - Sid: EnableRoot
            Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: kms:*
            Resource: '*'`;
const ROLE_IN_KEY = `
          - Sid: Admin
            Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/admin'}
            Action: kms:*
            Resource: '*'
          - Sid: WriterUse
            Effect: Allow
            Principal: {AWS: !GetAtt Writer.Arn}
            Action: [kms:GenerateDataKey, kms:Decrypt]
            Resource: '*'`;
/** A key policy that lets every principal of the organization use the key: the template does not say the role's organization. */
const ORG_USE = `
          - Sid: OrgUse
            Effect: Allow
            Principal: {AWS: '*'}
            Action: [kms:GenerateDataKey, kms:Decrypt]
            Resource: '*'
            Condition:
              StringEquals: {aws:PrincipalOrgID: o-abcdef0123}`;
const PUT = `
              - Sid: Write
                Effect: Allow
                Action: s3:PutObject
                Resource: !Sub '\${Data.Arn}/*'`;
const GET = `
              - Sid: Read
                Effect: Allow
                Action: [s3:GetObject]
                Resource: !Sub '\${Data.Arn}/reports/*'`;
const kms = (...actions: string[]) => `
              - Sid: UseKey
                Effect: Allow
                Action: [${actions.join(', ')}]
                Resource: !GetAtt DataKey.Arn`;

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const json = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROOT_JSON = json([{ Sid: 'EnableRoot', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }]);
const PUT_JSON = { Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };

/**
 * A Terraform plan: a key (its ARN known), a bucket with an `aws_s3_bucket_server_side_encryption_configuration`
 * that references the key in the configuration, a role and its `aws_iam_role_policy` (linked by the role's
 * name); the role policy is on line 11.
 */
function plan(roleStatements: unknown[]): string {
  const resource = (address: string, values: unknown) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], values });
  const sse = { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }] }] };
  const resources = [
    resource('aws_kms_key.data', { arn: KEY_ARN, policy: ROOT_JSON }),
    resource('aws_s3_bucket.data', { bucket: 'amzn-s3-demo-bucket' }),
    resource('aws_s3_bucket_server_side_encryption_configuration.data', { bucket: 'amzn-s3-demo-bucket', ...sse }),
    resource('aws_iam_role.writer', { name: 'writer' }),
    resource('aws_iam_role_policy.write', { role: 'writer', policy: json(roleStatements) }),
  ];
  const expressions = {
    rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ['aws_kms_key.data.arn', 'aws_kms_key.data'] } }] }],
  };
  return `{
  "format_version": "1.2",
  "terraform_version": "1.9.0",
  "planned_values": {
    "root_module": {
      "resources": [
${resources.map((r) => `        ${JSON.stringify(r)}`).join(',\n')}
      ]
    }
  },
  "configuration": {"root_module": {"resources": [{"address": "aws_s3_bucket_server_side_encryption_configuration.data", "expressions": ${JSON.stringify(expressions)}}]}}
}
`;
}

/** A key (line 3), a bucket encrypted with it (line 14), a role (line 22) whose inline policy's statements start on line 35. */
function template(keyStatements: string, roleStatements: string, keyRef = '!GetAtt DataKey.Arn', extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:${keyStatements}
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: ${keyRef}
  Writer:
    Type: AWS::IAM::Role
    Properties:${extra}
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:${roleStatements}
`;
}

export const table: RuleTable = {
  valid: [
    // Root delegation and exactly the KMS actions each S3 action needs.
    { text: template(ROOT, PUT + GET + kms('kms:GenerateDataKey', 'kms:Decrypt')), file: 'template.yaml' },
    { text: template(ROOT, PUT + kms('kms:GenerateDataKey')), file: 'template.yaml' },
    // The key policy names the role itself (no root delegation needed), the key linked by `!Ref`.
    { text: template(ROLE_IN_KEY, PUT + GET, '!Ref DataKey'), file: 'template.yaml' },
    // The role has a managed policy the template does not hold: what it may do is not all here.
    { text: template(ROOT, PUT, undefined, '\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser]'), file: 'template.yaml' },
    // The bucket's key is not a key of the template: nothing is linked, nothing is said.
    { text: template(ROOT, PUT, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'), file: 'template.yaml' },
    // The key policy allows the organization's principals (aws:PrincipalOrgID): the role's organization is not in the template.
    { text: template(ROLE_IN_KEY.split('\n          - Sid: WriterUse')[0]! + ORG_USE, PUT), file: 'template.yaml' },
    // A Terraform plan whose role may use the key.
    { text: plan([PUT_JSON, { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: KEY_ARN }]), file: 'plan.json' },
  ],
  invalid: [
    {
      // PutObject without kms:GenerateDataKey (only Decrypt): flagged on the Write statement's Action (line 38).
      text: template(ROOT, PUT + kms('kms:Decrypt')),
      file: 'template.yaml',
      at: [{ line: 38, column: 25 }],
      message: /^statement "Write" lets Writer s3:PutObject in bucket Data, .* KMS key DataKey, but Writer is denied kms:GenerateDataKey/,
    },
    {
      // GetObject without kms:Decrypt.
      text: template(ROOT, GET + kms('kms:GenerateDataKey')),
      file: 'template.yaml',
      at: [{ line: 38, column: 25 }],
      message: /lets Writer s3:GetObject .* denied kms:Decrypt/,
    },
    {
      // The IAM policy allows the key, but the key policy has no root delegation and names only an admin role.
      text: template(ROLE_IN_KEY.split('\n          - Sid: WriterUse')[0]!, PUT + kms('kms:GenerateDataKey')),
      file: 'template.yaml',
      at: [{ line: 38, column: 25 }],
      message: /denied kms:GenerateDataKey/,
    },
    {
      // A Terraform plan: the role policy (line 11) allows PutObject and no KMS action: flagged on its Action value.
      text: plan([PUT_JSON]),
      file: 'plan.json',
      at: [{ line: 11, column: 239 }],
      message: /lets aws_iam_role\.writer s3:PutObject in bucket aws_s3_bucket\.data, .* KMS key aws_kms_key\.data/,
    },
  ],
};
