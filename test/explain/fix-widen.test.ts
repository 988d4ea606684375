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

/**
 * "A permissions boundary is an advanced feature for using a managed policy to set the maximum permissions
 * that an identity-based policy can grant to an IAM entity. An entity's permissions boundary allows it to
 * perform only the actions that are allowed by both its identity-based policies and its permissions
 * boundaries" (IAM User Guide, "Permissions boundaries for IAM entities"): the boundary only needs to allow
 * what the identity statement grants. Adding the action to a boundary statement on `Resource: "*"` would
 * raise the ceiling for every resource; the fix uses the granting identity statement's Resource instead.
 */
describe('a boundary fix is as narrow as the identity statement it pairs with', () => {
  const identity = policy([{ Sid: 'Uploads', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/uploads/*` }]);
  const request = (boundary: Record<string, unknown>) =>
    evaluate(
      {
        principal: ALICE,
        action: 's3:PutObject',
        resource: `${BUCKET}/uploads/2026/a.csv`,
        resourceAccount: '111122223333',
        policies: { identity: [identity], boundary },
      },
      { now: new Date('2026-01-01T00:00:00Z') },
    );

  it('a boundary statement on Resource "*": a new boundary statement with the identity statement\'s Resource and the boundary\'s conditions', async () => {
    const boundary = policy([
      { Sid: 'Ceiling', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ]);
    const report = await request(boundary);
    expect(report.decision).toBe('ImplicitDeny');
    const changes = report.fixes.flatMap((f) => f.changes).filter((c) => 'policyType' in c && c.policyType === 'boundary');
    expect(changes).toEqual([
      {
        type: 'addStatement',
        policyType: 'boundary',
        target: '<request> $.policies.boundary',
        statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/uploads/*`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      },
    ]);
    expect(report.fixes.find((f) => f.changes.some((c) => 'policyType' in c && c.policyType === 'boundary'))?.verifiedDecision).toBe('Allowed');
  });

  it('a boundary statement already as narrow is widened in place', async () => {
    const boundary = policy([{ Sid: 'Ceiling', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const report = await request(boundary);
    const change = report.fixes.flatMap((f) => f.changes).find((c) => 'policyType' in c && c.policyType === 'boundary');
    expect(change).toMatchObject({ type: 'addAction', sid: 'Ceiling', statement: { Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` } });
  });
});
