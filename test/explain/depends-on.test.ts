import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { evaluate } from '../../src/index.js';
import { ACCOUNT, ALICE, NOW, OBJECT, policy } from '../helpers/evaluate.js';

/**
 * An S3 ARN names no account. When the request does not say whose bucket it is, the answer may differ
 * between "the caller's account owns it" and "another account does": across accounts "both the identity
 * policy and the resource-based policy must allow" (IAM User Guide, "Cross-account policy evaluation
 * logic"), within one account either suffices ("Policy evaluation logic"). policy-why then never picks the
 * Allowed reading: it explains the other one and says that the answer depends on the owner.
 */
const readAlice = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
const doc = (extra: Record<string, unknown> = {}, policies: Record<string, unknown> = { identity: [readAlice] }) => ({
  principal: ALICE,
  action: 's3:GetObject',
  resource: OBJECT,
  policies,
  ...extra,
});

describe('an unknown owner that flips the decision (never a wrong Allowed)', () => {
  it('an identity-only Allow on a bucket of unknown owner: not Allowed, and the report says it depends on the owner', async () => {
    const r = await evaluate(doc(), { now: NOW });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn).toEqual({
      fact: 'resourceAccount',
      field: 'resourceAccount',
      flag: '--resource-account',
      readings: [
        { reading: 'sameAccount', account: ACCOUNT, decision: 'Allowed' },
        { reading: 'otherAccount', decision: 'ImplicitDeny' },
      ],
      explained: 'otherAccount',
    });
    expect(r.request.crossAccount).toBe(true);
    expect(r.request.resourceAccount).toBeUndefined();
    expect(r.summary).toContain('resource in another account');
    expect(r.assumptions.map((a) => a.key)).toContain('resourceAccount');
    // The fix the explained reading needs: a bucket-policy grant, verified.
    expect(r.fixes.some((f) => f.changes.some((c) => c.type === 'addStatement' && c.policyType === 'resource'))).toBe(true);
  });

  it('naming the owner settles it', async () => {
    const same = await evaluate(doc({ resourceAccount: ACCOUNT }), { now: NOW });
    expect(same.decision).toBe('Allowed');
    expect(same.dependsOn).toBeUndefined();
    const other = await evaluate(doc({ resourceAccount: '444455556666' }), { now: NOW });
    expect(other.decision).toBe('ImplicitDeny');
    expect(other.dependsOn).toBeUndefined();
  });

  it('no dependence when both readings agree: a bucket policy naming the caller grants in either account', async () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
    const r = await evaluate(doc({}, { identity: [readAlice], resource: bucket }), { now: NOW });
    expect(r.decision).toBe('Allowed');
    expect(r.dependsOn).toBeUndefined();
  });

  it('no owner to doubt for an action on no bucket (ListAllMyBuckets on arn:aws:s3:::*) or a non-S3 resource', async () => {
    const list = await evaluate(
      {
        principal: ALICE,
        action: 's3:ListAllMyBuckets',
        resource: 'arn:aws:s3:::*',
        policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }])] },
      },
      { now: NOW },
    );
    expect(list.decision).toBe('Allowed');
    expect(list.dependsOn).toBeUndefined();
  });

  it('is said in the headline of the text output, in English and in Korean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-why-depends-'));
    writeFileSync(join(dir, 'request.json'), JSON.stringify(doc()));
    const en = await cli(['--request', join(dir, 'request.json'), '--now', NOW.toISOString()], process.cwd());
    expect(en.code).toBe(1);
    expect(en.stdout.split('\n')[2]).toMatch(
      /^ {2}⚠ Depends on whose resource it is: Allowed if account 111122223333 owns it, ImplicitDeny if another account does/,
    );
    const ko = await cli(['--request', join(dir, 'request.json'), '--now', NOW.toISOString(), '--lang', 'ko'], process.cwd());
    expect(ko.stdout.split('\n')[2]).toContain('결정은 리소스를 누가 소유하는지에 따라 달라집니다');
  });
});
