import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';
import { wordsFor } from '../../src/explain/words/index.js';
import { ACCOUNT, ALICE, BUCKET, NOW, OTHER_ACCOUNT, OTHER_USER, policy, run, type Json } from '../helpers/evaluate.js';

/**
 * Each fix names who can make it (issue 9, part 2): the caller for a request change, otherwise the
 * account that owns the policy or setting, with its id when the input names it.
 *
 * "Only the bucket owner can associate a policy with a bucket." — Bucket policies for Amazon S3
 * (docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html)
 * "This operation can be called only from the organization's management account or by a member account
 * that is a delegated administrator for an AWS service." — DetachPolicy, AWS Organizations API Reference
 */
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const partiesOf = (report: Report) => report.fixes.map((f) => f.who);

async function doc(d: Json): Promise<Report> {
  return evaluate(d, { baseDir: process.cwd(), now: NOW });
}

describe('who can make a fix', () => {
  it('a request change is the caller’s; a grant across accounts names the bucket owner and the caller’s account', async () => {
    const report = await run({
      principal: OTHER_USER,
      action: 's3:PutObject',
      context: { 'aws:SourceIp': '203.0.113.7' },
      identity: [policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }])],
      resourcePolicy: policy([
        {
          Effect: 'Allow',
          Principal: { AWS: OTHER_USER },
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: { IpAddress: { 'aws:SourceIp': '54.240.143.0/24' } },
        },
      ]),
    });
    expect(report.decision).toBe('ImplicitDeny');
    const parties = partiesOf(report);
    expect(parties[0]).toEqual([{ code: 'caller' }]);
    expect(parties).toContainEqual([{ code: 'bucketOwner', account: ACCOUNT }]);
  });

  it('an identity grant names the account that owns the caller', async () => {
    const report = await run({ principal: ALICE, identity: [policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET }])] });
    expect(report.decision).toBe('ImplicitDeny');
    expect(partiesOf(report)).toContainEqual([{ code: 'principalOwner', account: ACCOUNT }]);
  });

  it('a key policy grant names the key’s account, not the caller’s or the bucket’s', async () => {
    const report = await doc({
      principal: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/etl-writer/nightly`,
      action: 's3:PutObject',
      resource: `${BUCKET}/landing/orders.parquet`,
      resourceAccount: '777788889999',
      region: 'us-east-1',
      s3: { defaultEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } },
      policies: {
        identity: [policy([{ Effect: 'Allow', Action: ['s3:PutObject', 'kms:GenerateDataKey'], Resource: '*' }])],
        resource: policy([{ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }]),
        kmsKey: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]),
      },
    });
    expect(report.decision).toBe('ImplicitDeny');
    expect(partiesOf(report)).toContainEqual([{ code: 'keyOwner', account: ACCOUNT }]);
  });

  it('an SCP change names the organization’s management account', async () => {
    const report = await doc({
      principal: ALICE,
      action: 's3:GetObject',
      resource: `${BUCKET}/a.txt`,
      resourceAccount: ACCOUNT,
      managementAccount: '999988887777',
      policies: {
        identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])],
        scp: [[policy([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }])]],
      },
    });
    expect(report.decision).toBe('ImplicitDeny');
    expect(partiesOf(report)).toEqual([[{ code: 'organization', account: '999988887777' }]]);
  });

  it('is worded from its data, in English and Korean', async () => {
    const d = {
      principal: ALICE,
      action: 's3:GetObject',
      resource: `${BUCKET}/a.txt`,
      resourceAccount: ACCOUNT,
      policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET }])] },
    };
    const en = await doc(d);
    expect(en.fixes[0]!.who).toEqual([{ code: 'principalOwner', account: ACCOUNT }]);
    expect(wordsFor('en').fixes.who(en.fixes[0]!.who[0]!)).toContain(`(${ACCOUNT})`);
    expect(wordsFor('ko').fixes.who({ code: 'bucketOwner', account: ACCOUNT })).toBe(`버킷 소유자 계정(${ACCOUNT})`);
  });
});
