import { describe, expect, it } from 'vitest';
import { ALICE, BUCKET, policy, run } from '../helpers/evaluate.js';

/**
 * Each fix says whether it is the safer change (the request meets the policies, which stay as they are)
 * and what it lets the request through without (issue 9, part 2).
 */
const officeOnlyBucket = policy([
  {
    Sid: 'AllowAliceUploadsFromOffice',
    Effect: 'Allow',
    Principal: { AWS: ALICE },
    Action: 's3:PutObject',
    Resource: `${BUCKET}/*`,
    Condition: { IpAddress: { 'aws:SourceIp': '54.240.143.0/24' } },
  },
]);
const readOnly = policy([{ Sid: 'AllowRead', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);

/** alice uploads from home; the bucket policy grants uploads from the office only, her IAM policy only reads. */
const uploadFromHome = () =>
  run({ action: 's3:PutObject', context: { 'aws:SourceIp': '203.0.113.7' }, identity: [readOnly], resourcePolicy: officeOnlyBucket });

describe('fix flags', () => {
  it('a request change that meets the policy is the safer change and weakens nothing', async () => {
    const report = await uploadFromHome();
    expect(report.decision).toBe('ImplicitDeny');
    const first = report.fixes[0]!;
    expect(first.changes.map((c) => c.type)).toEqual(['setContext']);
    expect(first.safer).toBe(true);
    expect(first.weakens).toBeUndefined();
    expect(first.summary).toContain('the safer change');
  });

  it('a grant that lets the request through without the SourceIp condition a statement enforced is flagged as weakening', async () => {
    const report = await uploadFromHome();
    const grant = report.fixes.find((f) => !f.safer)!;
    expect(grant).toBeDefined();
    expect(grant.weakens).toEqual([expect.objectContaining({ kind: 'condition', key: 'aws:SourceIp', sid: 'AllowAliceUploadsFromOffice' })]);
    expect(grant.summary).toContain('weakens a rule: lets the request through without aws:SourceIp');
  });

  it('a grant that keeps testing the key (another value) does not drop the condition', async () => {
    const cloudfront = 'arn:aws:cloudfront::111122223333:distribution/';
    const report = await run({
      principal: 'cloudfront.amazonaws.com',
      context: { 'aws:SourceArn': `${cloudfront}EMLARXS9EXAMPLE` },
      resourcePolicy: policy([
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${BUCKET}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': `${cloudfront}EOTHER` } },
        },
      ]),
    });
    expect(report.fixes.length).toBeGreaterThan(0);
    for (const f of report.fixes) expect(f.weakens).toBeUndefined();
  });

  it('removing a Deny is flagged as weakening, with the statement', async () => {
    const report = await run({
      action: 's3:PutObject',
      context: { 'aws:SecureTransport': false },
      identity: [policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }])],
      resourcePolicy: policy([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `${BUCKET}/*`,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    expect(report.fixes[0]!.safer).toBe(true);
    const removal = report.fixes.find((f) => f.changes.some((c) => c.type === 'removeStatement'))!;
    expect(removal.safer).toBeUndefined();
    expect(removal.weakens).toEqual([expect.objectContaining({ kind: 'deny', statementIndex: 0, sid: 'DenyInsecureTransport' })]);
  });
});

describe('an ACL sent to a bucket that disables ACLs', () => {
  /**
   * "Requests to set ACLs or update ACLs fail with a 400 error and return the AccessControlListNotSupported
   * error code ... In your PUT operations, you must either specify bucket owner full control ACLs or not
   * specify an ACL" (Amazon S3 User Guide, "Troubleshooting" under "Controlling ownership of objects and
   * disabling ACLs for your bucket").
   */
  it('the fix drops the ACL flag (the safer change) and never grants s3:PutObjectAcl', async () => {
    const { evaluate } = await import('../../src/index.js');
    const report = await evaluate(
      {
        principal: ALICE,
        action: 's3:PutObject',
        resource: `${BUCKET}/a.txt`,
        context: { 's3:x-amz-acl': 'public-read' },
        s3: { objectOwnership: 'BucketOwnerEnforced' },
        policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }])] },
      },
      { baseDir: process.cwd(), now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(report.decision).toBe('ImplicitDeny');
    expect(report.notes.map((n) => n.kind)).toContain('aclNotSupported');
    expect(report.fixes.length).toBeGreaterThan(0);
    expect(report.fixes[0]!.changes).toEqual([expect.objectContaining({ type: 'removeContext', key: 's3:x-amz-acl' })]);
    expect(report.fixes[0]!.safer).toBe(true);
    for (const f of report.fixes) expect(f.changes.every((c) => c.type === 'removeContext')).toBe(true);
  });
});
