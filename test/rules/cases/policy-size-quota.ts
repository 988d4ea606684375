import { pretty } from '../../input/check/plans.js';
import type { RuleTable } from '../table.js';

/**
 * `policy-size-quota`: a policy over its type's size quota, measured on the compact JSON.
 *
 * IAM User Guide, "IAM and AWS STS quotas", IAM and STS character limits: "User policy size can't exceed
 * 2,048 characters.", "Role policy size can't exceed 10,240 characters.", "Group policy size can't exceed
 * 5,120 characters.", "The size of each managed policy can't exceed 6,144 characters." and "IAM doesn't count
 * white space when calculating the size of a policy against these limits."
 * S3 User Guide, "Adding a bucket policy by using the Amazon S3 console": "Bucket policies are limited to 20 KB
 * in size."
 * AWS KMS Developer Guide, "Resource quotas": "Key policy document size: 32 KB (32,768 bytes)".
 * CloudFormation User Guide, `AWS::Organizations::Policy` Content: "Service control policies: 5,120
 * characters", "Resource control policies: 5,120 characters".
 * Amazon VPC, "AWS PrivateLink quotas": "VPC endpoint policy size | 20,480 characters (including white space)".
 */
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

/** `n` object ARNs of 50 characters each (`arn:aws:s3:::amzn-s3-demo-bucket/prefix-00001/*` and its quotes and comma). */
function arns(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${BUCKET}/prefix-${String(i).padStart(5, '0')}/*`);
}

function policy(n: number, statement: Record<string, unknown> = {}): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: arns(n), ...statement }] };
}

/** The document as a file, pretty-printed with a wide indent (whitespace IAM does not count). */
function file(n: number, statement?: Record<string, unknown>): string {
  return JSON.stringify(policy(n, statement), null, 8) + '\n';
}

const PARTNER = { Principal: { AWS: 'arn:aws:iam::444455556666:root' } };
const KEY = { Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:Decrypt' };

function plan(n: number): string {
  return pretty([{ address: 'aws_iam_policy.reader', type: 'aws_iam_policy', values: { name: 'reader', policy: JSON.stringify(policy(n)) } }]);
}

function template(n: number, type: string, extra: string[] = []): string {
  const resources = [...arns(n), ...extra].map((a) => `\n                  - ${a}`).join('');
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reader:
    Type: ${type}
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource:${resources}
`;
}

export const table: RuleTable = {
  valid: [
    // 10,107 characters without whitespace: under every identity quota, though the file is far larger.
    { text: file(200), policyType: 'identity' },
    // A key policy of 25 KB: over a bucket policy's 20 KB, under a key policy's 32 KB.
    { text: file(500, KEY), policyType: 'kmsKey' },
    { text: file(400, PARTNER), file: 'bucket-policy.json', policyType: 'resource' },
    // A role's inline policy of 6,500 characters: over a managed policy's quota, under a role's.
    { text: template(125, 'AWS::IAM::Role'), file: 'template.yaml' },
  ],
  invalid: [
    {
      text: file(210, {}),
      policyType: 'identity',
      at: [{ line: 1, column: 1 }],
      message: /^the policy is 10,607 characters, over the 10,240-characters quota for any identity-based policy: AWS rejects it/,
    },
    {
      text: file(420, PARTNER),
      file: 'bucket-policy.json',
      policyType: 'resource',
      at: [{ line: 1, column: 1 }],
      message: /^the policy is 21,\d{3} bytes, over the 20,480-bytes quota for a bucket policy \(20 KB\)/,
    },
    {
      text: file(102, { Effect: 'Deny', Action: 's3:DeleteObject' }),
      policyType: 'scp',
      at: [{ line: 1, column: 1 }],
      message: /over the 5,120-characters quota for a service control policy/,
    },
    {
      // A managed policy in a Terraform plan: on the policy string.
      text: plan(125),
      file: 'tfplan.json',
      at: [{ line: 16, column: 24 }],
      message: /^the policy is 6,\d{3} characters, over the 6,144-characters quota for a managed policy/,
    },
    {
      // A user's inline policy in a template: on the PolicyDocument.
      text: template(42, 'AWS::IAM::User'),
      file: 'template.yaml',
      at: [{ line: 9, column: 13 }],
      message: /over the 2,048-characters quota for a user's inline policies \(all of them together\)/,
    },
    {
      // A value known only at deployment is not counted (its quotes are: 2,194 + `,""`), and the message says "at least".
      text: template(42, 'AWS::IAM::User', ['!GetAtt Logs.Arn']),
      file: 'template.yaml',
      at: [{ line: 9, column: 13 }],
      message: /^the policy is at least 2,197 characters \(values known only at deployment not counted\), over the 2,048-characters quota/,
    },
  ],
};
