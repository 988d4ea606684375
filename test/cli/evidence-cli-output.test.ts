import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SAMPLE = 'samples/evidence-account-dump';
const DUMP = `${SAMPLE}/account-authorization.json`;
const FIXTURES = 'test/fixtures/evidence/cli-output';

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    decision: string;
    deciding: { policyType: string; sid?: string }[];
    layers: { policyType: string; result: string }[];
    evidence?: { policies: { label: string; notUsed?: string }[]; facts: { field: string; value: string }[] };
  };

const oneLine = (r: { code: number; stdout: string; stderr: string }) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr;
};

describe('AWS CLI outputs as evidence', () => {
  it('the account dump places the caller’s policies only, in any order with the error message', async () => {
    const a = json((await cli([DUMP, `${SAMPLE}/error.txt`, '--resource-account', '111122223333', '--format', 'json'])).stdout);
    const b = json((await cli(['--request', `${SAMPLE}/request.json`, '--format', 'json'])).stdout);
    expect(a.decision).toBe('ImplicitDeny');
    expect(a.deciding).toEqual(b.deciding);
    expect(a.evidence?.policies.filter((p) => p.notUsed === undefined).map((p) => p.label)).toEqual([
      'role/etl-writer: RolePolicyList write-exports',
      'role/etl-writer: AttachedManagedPolicies arn:aws:iam::111122223333:policy/etl-read-sources',
      'role/etl-writer: PermissionsBoundary arn:aws:iam::111122223333:policy/etl-boundary',
    ]);
  });

  it('a role’s trust policy decides sts:AssumeRole on that role (the ARN written without its path)', async () => {
    const r = json(
      (
        await cli([
          DUMP,
          '--principal',
          'arn:aws:iam::111122223333:user/ana',
          '--action',
          'sts:AssumeRole',
          '--resource',
          'arn:aws:iam::111122223333:role/etl-writer',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(r.layers.find((l) => l.policyType === 'resource')?.result).toBe('ImplicitDeny');
    expect(r.evidence?.policies.find((p) => p.label === 'role/etl-writer: AssumeRolePolicyDocument')?.notUsed).toBeUndefined();
  });

  it('a caller of the dump’s account that the dump does not list: one line, exit 2', async () => {
    const stderr = oneLine(
      await cli([DUMP, '--principal', 'arn:aws:iam::111122223333:user/bo', '--action', 's3:GetObject', '--resource', 's3://amzn-s3-demo-bucket/k']),
    );
    expect(stderr).toContain(`${DUMP}: the caller arn:aws:iam::111122223333:user/bo is not in this dump of account 111122223333's users and roles`);
  });

  it('a managed policy of the caller that the dump names without its document: one line at the attachment, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-clioutputs-'));
    const dump = JSON.parse(readFileSync(DUMP, 'utf8')) as { Policies: unknown[] };
    dump.Policies = dump.Policies.slice(1);
    writeFileSync(join(dir, 'dump.json'), JSON.stringify(dump, null, 4));
    const stderr = oneLine(await cli(['dump.json', '--error', readFileSync(`${SAMPLE}/error.txt`, 'utf8')], dir));
    expect(stderr).toMatch(
      /^policy-why: error: dump\.json:\d+:\d+: managed policy arn:aws:iam::111122223333:policy\/etl-read-sources \(attached to role\/etl-writer\) applies to the caller/,
    );
    // --identity gives that layer: the dump's identity policies are not needed.
    const r = await cli(
      ['dump.json', '--error', readFileSync(`${SAMPLE}/error.txt`, 'utf8'), '--identity', join(process.cwd(), SAMPLE, 'boundary-fixed.json')],
      dir,
    );
    expect(r.stderr).toBe('');
  });

  it('get-role-policy (RoleName only) is placed for a session of that role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-clioutputs-'));
    writeFileSync(
      join(dir, 'role-policy.json'),
      '{\n    "RoleName": "etl-writer",\n    "PolicyName": "write-exports",\n    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Sid": "WriteExports", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/export/*"}]}\n}\n',
    );
    const r = json(
      (await cli(['role-policy.json', join(process.cwd(), SAMPLE, 'error.txt'), '--resource-account', '111122223333', '--format', 'json'], dir)).stdout,
    );
    expect(r.decision).toBe('Allowed');
    expect(r.deciding).toEqual([expect.objectContaining({ policyType: 'identity', sid: 'WriteExports' })]);
  });

  it('describe-vpc-endpoints: the endpoint the request went through, by aws:SourceVpce', async () => {
    const args = (vpce: string) => [
      `${FIXTURES}/describe-vpc-endpoints.json`,
      '--principal',
      'arn:aws:iam::123456789012:user/ana',
      '--action',
      'dynamodb:GetItem',
      '--resource',
      'arn:aws:dynamodb:us-east-1:123456789012:table/t',
      '--context',
      `aws:SourceVpce=${vpce}`,
      '--format',
      'json',
    ];
    const used = (r: ReturnType<typeof json>) => r.evidence?.policies.filter((p) => p.notUsed === undefined).map((p) => p.label);
    expect(used(json((await cli(args('vpce-032a826a'))).stdout))).toEqual(['vpce-032a826a PolicyDocument']);
    expect(used(json((await cli(args('vpce-0000000000000000'))).stdout))).toEqual([]);
  });

  it('S3 and Organizations outputs give facts, each from its line and column', async () => {
    const r = json(
      (
        await cli([
          `${FIXTURES}/get-bucket-ownership-controls.json`,
          `${FIXTURES}/describe-organization.json`,
          '--principal',
          'arn:aws:iam::123456789012:user/ana',
          '--action',
          's3:GetObject',
          '--resource',
          's3://amzn-s3-demo-bucket/k',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(r.evidence?.facts.map((f) => [f.field, f.value])).toEqual([
      ['s3.objectOwnership', 'BucketOwnerEnforced'],
      ['managementAccount', '111111111111'],
    ]);
  });
});
