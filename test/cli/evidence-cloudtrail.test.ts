import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SAMPLE = 'samples/evidence-cloudtrail';
const FIXTURES = 'test/fixtures/evidence/cloudtrail';
const POLICIES = [
  '--identity',
  `${SAMPLE}/identity.json`,
  '--resource-policy',
  `${SAMPLE}/bucket-policy.json`,
  '--kms-key-policy',
  `${SAMPLE}/key-policy.json`,
];

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    decision: string;
    deciding: unknown[];
    request: unknown;
    evidence?: { inputs: { kind: string }[]; facts: { field: string; from: string }[]; verdict?: { agreement: string } };
  };

describe('a CloudTrail record as evidence', () => {
  it('a trail log file gives the same request, decision and deciding set as the hand-written request', async () => {
    const fromTrail = json((await cli([`${SAMPLE}/trail.json`, ...POLICIES, '--format', 'json'])).stdout);
    const fromRequest = json((await cli(['--request', `${SAMPLE}/request.json`, '--format', 'json'])).stdout);
    expect(fromTrail.decision).toBe('ExplicitDeny');
    expect(fromTrail.decision).toBe(fromRequest.decision);
    expect(fromTrail.deciding).toEqual(fromRequest.deciding);
    expect(fromTrail.request).toEqual(fromRequest.request);
    expect(fromTrail.evidence?.inputs).toEqual([expect.objectContaining({ kind: 'cloudTrail' })]);
    expect(fromTrail.evidence?.facts.find((f) => f.field === 'aws:PrincipalArn')?.from).toMatch(/^samples\/evidence-cloudtrail\/trail\.json:1:\d+$/);
    expect(fromTrail.evidence?.verdict?.agreement).toBe('agrees');
  });

  it('--event-id chooses the record; several denied records without it are a one-line error listing them (exit 2)', async () => {
    const several = await cli([`${FIXTURES}/trail-log-file-two-denied.json`, ...POLICIES]);
    expect(several.code).toBe(2);
    expect(several.stdout).toBe('');
    expect(several.stderr.trim().split('\n')).toHaveLength(1);
    expect(several.stderr).toMatch(
      /trail-log-file-two-denied\.json:1:1: 2 records were denied \(eventIDs 3074546e-[^,]+, 9b1e7c44-[^)]+\): choose one with --event-id ID/,
    );
    const chosen = await cli([`${FIXTURES}/trail-log-file-two-denied.json`, '--event-id', '9b1e7c44-2f0a-4a51-8f0e-0c3f7d9e2b22', ...POLICIES]);
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toMatch(
      /^ImplicitDeny {2}s3:DeleteObject on arn:aws:s3:::amzn-s3-demo-bucket\/exports\/2025\/12\/01\/orders\.csv\n {2}by arn:aws:iam::123456789012:root/,
    );
  });

  it.each([
    [
      "the owner's copy of another account's call, without --principal",
      [`${FIXTURES}/record-aws-account.json`],
      /record-aws-account\.json:\d+:\d+: userIdentity is AWSAccount .* give --principal ARN$/,
    ],
    [
      'S3 on Outposts',
      [`${FIXTURES}/s3-outposts-put-object.json`],
      /s3-outposts-put-object\.json:12:22: eventSource s3-outposts\.amazonaws\.com is Amazon S3 on Outposts/,
    ],
    ['--event-id without a file', ['--error', 'Access Denied', '--event-id', 'x'], /--event-id chooses a record of a CloudTrail file: give the file too/],
  ])('%s: one line, exit 2', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it("the owner's copy with --principal: the rest of the record is read, and the call is cross-account (the bucket owner from resources)", async () => {
    const r = await cli([
      `${FIXTURES}/record-aws-account.json`,
      '--principal',
      'arn:aws:sts::444455556666:assumed-role/RoleToBeAssumed/MySessionName',
      '--identity',
      `${SAMPLE}/identity.json`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^ImplicitDeny {2}s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket\/exports\/2025\/12\/01\/orders\.csv\n.*resource in 111122223333, cross-account/,
    );
  });
});
