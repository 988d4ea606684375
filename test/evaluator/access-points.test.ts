import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';
import { InputError } from '../../src/model/errors.js';
import { ACCOUNT, ALICE, OTHER_ACCOUNT, policy } from '../helpers/evaluate.js';

/**
 * S3 access points: the access point policy is a layer of its own, the bucket policy is evaluated
 * against the bucket or object behind the access point and must allow, and S3 sets the access point's
 * condition keys. Multi-Region and Object Lambda access points are refused as not modelled.
 */

const NOW = new Date('2026-01-01T00:00:00Z');
const AP = `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/finance-ap`;
const AP_OBJECT = `${AP}/object/reports/q4.csv`;
type Json = Record<string, unknown>;

const delegation = (account = ACCOUNT) =>
  policy([
    {
      Sid: 'Delegate',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: '*',
      Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
      Condition: { StringEquals: { 's3:DataAccessPointAccount': account } },
    },
  ]);
const identityOnAp = policy([{ Sid: 'UseAp', Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }]);

function run(doc: Json): Promise<Report> {
  return evaluate(
    {
      principal: ALICE,
      action: 's3:GetObject',
      resource: AP_OBJECT,
      s3: { accessPoint: { bucket: 'amzn-s3-demo-bucket', networkOrigin: 'Internet' } },
      ...doc,
    },
    { baseDir: process.cwd(), now: NOW },
  );
}

const layer = (r: Report, t: string) => r.layers.find((l) => l.policyType === t);

describe('access points', () => {
  it('identity on the access point ARN and a delegating bucket policy allow; the bucket policy is matched against the object ARN', async () => {
    const r = await run({ policies: { identity: [identityOnAp], resource: delegation() } });
    expect(r.decision).toBe('Allowed');
    expect(r.deciding.map((d) => `${d.policyType}:${d.sid}`)).toEqual(['identity:UseAp', 'resource:Delegate']);
    expect(layer(r, 'accessPoint')?.result).toBe('NotApplicable');
  });

  it('derives s3:DataAccessPointArn (without /object), s3:DataAccessPointAccount and s3:AccessPointNetworkOrigin', async () => {
    const cond = (key: string, value: string) =>
      policy([
        {
          Sid: 'K',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
          Condition: { StringEquals: { [key]: value } },
        },
      ]);
    for (const [key, value] of [
      ['s3:DataAccessPointArn', AP],
      ['s3:DataAccessPointAccount', ACCOUNT],
      ['s3:AccessPointNetworkOrigin', 'Internet'],
    ] as const) {
      const ok = await run({ policies: { identity: [identityOnAp], resource: cond(key, value) } });
      expect(ok.decision, key).toBe('Allowed');
      const no = await run({ policies: { identity: [identityOnAp], resource: cond(key, 'something-else') } });
      expect(no.decision, key).toBe('ImplicitDeny');
    }
  });

  it('a VPC access point sets s3:AccessPointNetworkOrigin VPC', async () => {
    const deny = policy([
      {
        Sid: 'VpcOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
        Condition: { StringNotEquals: { 's3:AccessPointNetworkOrigin': 'VPC' } },
      },
      ...((delegation().Statement as Json[]) ?? []),
    ]);
    const internet = await run({ policies: { identity: [identityOnAp], resource: deny } });
    expect(internet.decision).toBe('ExplicitDeny');
    const vpc = await run({
      s3: { accessPoint: { bucket: 'amzn-s3-demo-bucket', networkOrigin: 'VPC', vpcId: 'vpc-1a2b3c4d' } },
      policies: { identity: [identityOnAp], resource: deny },
    });
    expect(vpc.decision).toBe('Allowed');
  });

  it('an identity policy on the bucket ARN only does not reach the access point', async () => {
    const onBucket = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
    const r = await run({ policies: { identity: [onBucket], resource: delegation() } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding.map((d) => d.policyType)).toEqual(['identity']);
  });

  it('the bucket must allow: no bucket policy denies even when the access point policy and IAM allow', async () => {
    const ap = policy([{ Sid: 'ApGrant', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${AP}/object/*` }]);
    const r = await run({ policies: { identity: [identityOnAp], accessPoint: ap } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding.map((d) => d.policyType)).toEqual(['resource']);
    expect(r.summary).toContain('s3:DataAccessPointAccount');
  });

  it('a bucket grant to the account delegates to IAM: it counts only when the identity policy allows', async () => {
    const toAccount = policy([
      { Sid: 'Acct', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
    ]);
    const ap = policy([{ Sid: 'ApGrant', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${AP}/object/*` }]);
    expect((await run({ policies: { accessPoint: ap, resource: toAccount } })).decision).toBe('ImplicitDeny');
    expect((await run({ policies: { identity: [identityOnAp], accessPoint: ap, resource: toAccount } })).decision).toBe('Allowed');
  });

  it('a Deny in the access point policy wins', async () => {
    const ap = policy([{ Sid: 'NoReports', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${AP}/object/reports/*` }]);
    const r = await run({ policies: { identity: [identityOnAp], accessPoint: ap, resource: delegation() } });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deciding.map((d) => `${d.policyType}:${d.sid}`)).toEqual(['accessPoint:NoReports']);
  });

  it('across accounts the access point policy must allow as a resource-based policy', async () => {
    const carol = `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`;
    const id = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }]);
    const r = await run({ principal: carol, policies: { identity: [id], resource: delegation() } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding.map((d) => d.policyType)).toEqual(['accessPoint']);
  });

  it('the fix for a missing bucket grant names the bucket ARN, not the access point ARN', async () => {
    const ap = policy([{ Sid: 'ApGrant', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${AP}/object/*` }]);
    const r = await run({ policies: { identity: [identityOnAp], accessPoint: ap, resource: policy([]) } });
    const added = r.fixes.flatMap((f) => f.changes).find((c) => c.type === 'addStatement' && c.policyType === 'resource');
    expect(added && 'statement' in added ? added.statement.Resource : undefined).toBe('arn:aws:s3:::amzn-s3-demo-bucket/reports/q4.csv');
  });

  it('managing the access point itself (s3:CreateAccessPoint) needs no bucket and no access point layer', async () => {
    const id = policy([{ Sid: 'Create', Effect: 'Allow', Action: 's3:CreateAccessPoint', Resource: '*' }]);
    const r = await evaluate(
      { principal: ALICE, action: 's3:CreateAccessPoint', resource: AP, policies: { identity: [id] } },
      { baseDir: process.cwd(), now: NOW },
    );
    expect(r.decision).toBe('Allowed');
    expect(layer(r, 'accessPoint')).toBeUndefined();
  });

  it('an unknown bucket owner is taken to be the access point account and listed as an assumption', async () => {
    const r = await run({ policies: { identity: [identityOnAp], resource: delegation() } });
    expect(r.assumptions.some((a) => a.key === 's3.accessPoint.bucketAccount')).toBe(true);
  });
});

describe('access point input errors', () => {
  const bad = async (doc: Json, message: RegExp) => {
    const p = evaluate({ principal: ALICE, action: 's3:GetObject', policies: {}, ...doc }, { baseDir: process.cwd(), now: NOW });
    await expect(p).rejects.toBeInstanceOf(InputError);
    await expect(p).rejects.toThrow(message);
  };

  it('an access point resource without the bucket behind it names the missing field', () => bad({ resource: AP_OBJECT }, /s3\.accessPoint\.bucket/));
  it('a Multi-Region Access Point is not modelled', () =>
    bad({ resource: `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap/object/a.txt` }, /Multi-Region Access Points are not modelled/));
  it('an Object Lambda access point is not modelled', () =>
    bad({ resource: `arn:aws:s3-object-lambda:us-east-1:${ACCOUNT}:accesspoint/olap/object/a.txt` }, /Object Lambda access points are not modelled/));
  it('access point facts without an access point resource', () =>
    bad({ resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt', s3: { accessPoint: { bucket: 'amzn-s3-demo-bucket' } } }, /not an access point ARN/));
  it('an access point policy without an access point resource', () =>
    bad({ resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt', policies: { accessPoint: policy([]) } }, /not an access point ARN/));
  it('ACL facts through an access point are not modelled', () =>
    bad({ resource: AP_OBJECT, s3: { accessPoint: { bucket: 'amzn-s3-demo-bucket' }, objectOwner: OTHER_ACCOUNT } }, /not modelled/));
});
