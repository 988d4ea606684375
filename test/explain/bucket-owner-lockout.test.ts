import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { ACCOUNT, BUCKET, NOW, OTHER_ACCOUNT, policy } from '../helpers/evaluate.js';

/**
 * Amazon S3 API Reference, PutBucketPolicy (same paragraph on GetBucketPolicy and DeleteBucketPolicy):
 * "To ensure that bucket owners don't inadvertently lock themselves out of their own buckets, the root
 * principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy,
 * PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the
 * root principal's access. Bucket owner root principals can only be blocked from performing these API
 * actions by VPC endpoint policies and Amazon Web Services Organizations policies."
 * Decisions are in test/corpus/s3/s3-bucket-policy-lockout-*.json; here, how the report shows it and the
 * unknown owner.
 */
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const lockOut = policy([{ Sid: 'LockEveryoneOut', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }]);
const doc = (extra: Record<string, unknown> = {}) => ({
  principal: ROOT,
  action: 's3:PutBucketPolicy',
  resource: BUCKET,
  policies: { resource: lockOut },
  ...extra,
});

describe("S3's bucket-owner lockout protection", () => {
  it('reports the bucket policy Deny as matching but not enforced, with the reason, in English and Korean', async () => {
    const r = await evaluate(doc({ resourceAccount: ACCOUNT }), { now: NOW });
    expect(r.decision).toBe('Allowed');
    expect(r.summary).toContain("the bucket policy's Deny is not enforced");
    const layer = r.layers.find((l) => l.policyType === 'resource')!;
    expect(layer.reason).toMatch(/^a Deny statement matches, but S3 does not enforce it: the bucket owner's root user can always call s3:PutBucketPolicy/);
    const st = layer.statements[0]!;
    expect(st.applies).toBe(false);
    expect(st.reason).toContain('S3 does not enforce this Deny');
    const ko = await evaluate(doc({ resourceAccount: ACCOUNT }), { now: NOW, lang: 'ko' });
    expect(ko.layers.find((l) => l.policyType === 'resource')!.reason).toContain('S3가 적용하지 않습니다');
  });

  it('an unknown owner never picks the Allowed reading: the other-account reading is explained, and the report says it depends', async () => {
    const r = await evaluate(doc(), { now: NOW });
    expect(r.decision).toBe('ExplicitDeny');
    const readings = r.dependsOn?.readings.map((x) => `${x.reading}:${x.decision}`);
    expect(readings).toEqual(['sameAccount:Allowed', 'otherAccount:ExplicitDeny']);
    expect(r.dependsOn?.explained).toBe('otherAccount');
  });

  it("another account's root user is not protected, even when s3.bucketOwner names the owner", async () => {
    const r = await evaluate(doc({ principal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, s3: { bucketOwner: ACCOUNT } }), { now: NOW });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deciding.map((d) => d.sid)).toEqual(['LockEveryoneOut']);
  });

  it('an Allow statement of the same bucket policy still applies beside the set-aside Deny', async () => {
    const both = policy([
      { Sid: 'LockEveryoneOut', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET },
      { Sid: 'RootMayRead', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 's3:GetBucketPolicy', Resource: BUCKET },
    ]);
    const r = await evaluate(doc({ action: 's3:GetBucketPolicy', resourceAccount: ACCOUNT, policies: { resource: both } }), { now: NOW });
    expect(r.decision).toBe('Allowed');
    const layer = r.layers.find((l) => l.policyType === 'resource')!;
    expect(layer.result).toBe('Allowed');
    expect(layer.reason).toMatch(/; an Allow statement applies$/);
  });
});
