import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';
import { ACCOUNT, ALICE, BUCKET, NOW, policy, type Json } from '../helpers/evaluate.js';

/**
 * Command fixes in the tool the user ran (issue 9, part 2): `aws s3 cp` flags when the User-Agent shows
 * the AWS CLI's high-level command, s3api flags otherwise, boto3 and SDK for JavaScript v3 parameter names
 * for those clients.
 *
 * The AWS CLI v2 names its command in the User-Agent: `command/s3.cp` (older v2, e.g. "aws-cli/2.13.19
 * Python/3.11.5 Linux/5.15.0-84-generic exe/x86_64.ubuntu.22 prompt/off command/s3.cp" as S3 server access
 * logs and CloudTrail record it) and `md/command#…` in newer ones — aws/aws-cli tests/unit/test_utils.py:
 * "assert test_session.user_agent_extra == 'md/command#a.b.c'".
 * `aws s3 cp|mv|sync` take `--sse`: "Specifies server-side encryption of the object in S3. Valid values are
 * ``AES256`` and ``aws:kms``." and `--sse-kms-key-id`: "The customer-managed AWS Key Management Service
 * (KMS) key ID that should be used to server-side encrypt the object in S3." (aws/aws-cli
 * awscli/customizations/s3/subcommands.py, the source of the AWS CLI Command Reference for s3 cp).
 */
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function upload(userAgent: string | undefined, condition: Json): Promise<Report> {
  return evaluate(
    {
      principal: ALICE,
      action: 's3:PutObject',
      resource: `${BUCKET}/reports/q1.csv`,
      resourceAccount: ACCOUNT,
      ...(userAgent !== undefined ? { http: { userAgent } } : {}),
      policies: {
        identity: [policy([{ Effect: 'Allow', Action: ['s3:PutObject', 'kms:GenerateDataKey'], Resource: '*' }])],
        resource: policy([{ Sid: 'RequireEncryption', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: condition }]),
      },
    },
    { baseDir: process.cwd(), now: NOW },
  );
}

const aes = { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } };
const kmsKey = { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY } };
const firstHint = (r: Report) => {
  const c = r.fixes[0]!.changes[0]!;
  return c.type === 'setContext' ? c.hint : undefined;
};

describe('command fixes in the tool the user ran', () => {
  it('aws s3 cp (older v2 user agent): --sse', async () => {
    const r = await upload('aws-cli/2.13.19 Python/3.11.5 Linux/5.15.0-84-generic exe/x86_64.ubuntu.22 prompt/off command/s3.cp', aes);
    expect(firstHint(r)).toBe('aws s3 cp … --sse AES256');
  });

  it('aws s3 cp (newer v2 user agent, md/command#): --sse aws:kms --sse-kms-key-id', async () => {
    const r = await upload('aws-cli/2.34.30 md/awscrt#0.31.2 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/command#s3.cp', kmsKey);
    expect(firstHint(r)).toBe(`aws s3 cp … --sse aws:kms --sse-kms-key-id ${KEY}`);
  });

  it('aws s3api put-object, or no user agent: s3api flags', async () => {
    const api = await upload('aws-cli/2.13.19 Python/3.11.5 Linux/5.15.0 exe/x86_64 prompt/off command/s3api.put-object', aes);
    expect(firstHint(api)).toBe('aws s3api put-object … --server-side-encryption AES256');
    expect(firstHint(await upload(undefined, aes))).toBe('aws s3api put-object … --server-side-encryption AES256');
  });

  it('boto3: the parameter names, for put_object and in upload_file ExtraArgs', async () => {
    const r = await upload('Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.8.0 lang/python#3.12.6 Botocore/1.35.0', kmsKey);
    expect(firstHint(r)).toBe(
      `put_object(…, ServerSideEncryption='aws:kms', SSEKMSKeyId='${KEY}') / upload_file(…, ExtraArgs={'ServerSideEncryption': 'aws:kms', 'SSEKMSKeyId': '${KEY}'})`,
    );
  });

  it('SDK for JavaScript v3: the PutObjectCommand input names', async () => {
    const r = await upload('aws-sdk-js/3.600.0 ua/2.0 os/linux#6.8.0 lang/js md/nodejs#20.11.0 api/s3#3.600.0', aes);
    expect(firstHint(r)).toBe('new PutObjectCommand({ …, ServerSideEncryption: "AES256" })');
  });
});
