import { describe, expect, it } from 'vitest';
import { evaluate, type FixChange } from '../../src/index.js';
import { ALICE, BUCKET, policy, run } from '../helpers/evaluate.js';

/**
 * A policy fix widens what the user already has (issue 9, part 2): the action goes into the Allow that
 * already names the caller and the resource, keeping its Resource and conditions; a new statement uses
 * the user's own prefix for that bucket, never the one object key.
 */
describe('widening the closest statement', () => {
  it('adds the action to the Allow that names the resource, keeping its Resource pattern and conditions', async () => {
    const report = await run({
      action: 's3:PutObject',
      resource: `${BUCKET}/uploads/2026/01/01/a.csv`,
      context: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      identity: [
        policy([
          {
            Sid: 'Uploads',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: `${BUCKET}/uploads/*`,
            Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          },
        ]),
      ],
    });
    expect(report.decision).toBe('ImplicitDeny');
    const change = report.fixes[0]!.changes[0]! as Extract<FixChange, { type: 'addAction' }>;
    expect(change).toMatchObject({ type: 'addAction', policyType: 'identity', sid: 'Uploads', statementIndex: 0, action: 's3:PutObject' });
    expect(change.statement).toEqual({
      Sid: 'Uploads',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `${BUCKET}/uploads/*`,
      Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    });
    // The statement keeps its condition, so nothing the policy enforced is dropped.
    expect(report.fixes[0]!.weakens).toBeUndefined();
  });

  it('does not widen a statement whose Resource does not cover the object: a new statement at the same depth of prefix', async () => {
    const report = await run({
      action: 's3:PutObject',
      resource: `${BUCKET}/reports/2025/12.csv`,
      identity: [policy([{ Sid: 'Uploads', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/uploads/*` }])],
    });
    const change = report.fixes[0]!.changes[0]!;
    expect(change.type).toBe('addStatement');
    expect(change.type === 'addStatement' && change.statement.Resource).toBe(`${BUCKET}/reports/*`);
  });

  it("a new statement in one layer takes the pattern another layer's statement uses when it covers the object", async () => {
    // Cross-account: the caller's IAM policy grants bucket/data/*; the bucket policy lacks the grant.
    const report = await evaluate(
      {
        principal: 'arn:aws:iam::444455556666:role/reader',
        action: 's3:GetObject',
        resource: `${BUCKET}/data/2025/part-0000.parquet`,
        resourceAccount: '111122223333',
        policies: {
          identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/data/*` }])],
          resource: policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:ListBucket', Resource: BUCKET }]),
        },
      },
      { baseDir: process.cwd(), now: new Date('2026-01-01T00:00:00Z') },
    );
    const change = report.fixes[0]!.changes[0]!;
    expect(change.type === 'addStatement' && change.statement.Resource).toBe(`${BUCKET}/data/*`);
  });

  it("keeps the exact object when no statement of the user speaks of the bucket, and never widens another service's statement", async () => {
    const report = await run({
      action: 's3:PutObject',
      resource: `${BUCKET}/a/b.txt`,
      identity: [policy([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }])],
    });
    const change = report.fixes[0]!.changes[0]!;
    expect(change.type === 'addStatement' && change.statement.Resource).toBe(`${BUCKET}/a/b.txt`);
  });
});
