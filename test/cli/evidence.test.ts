import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { cli } from '../helpers/cli.js';

const SAMPLE = 'samples/evidence-error-message';
const MESSAGE =
  'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::111122223333:assumed-role/etl-writer/export-job is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket/export/2025/12/01/orders.csv" because no identity-based policy allows the s3:PutObject action';

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    decision: string;
    deciding: unknown[];
    evidence?: { facts: { field: string; from: string; overriddenBy?: string }[]; verdict?: { agreement: string } };
  };

describe('evidence in, request out', () => {
  it('--error TEXT gives the same decision and deciding set as the hand-written request', async () => {
    const fromEvidence = json(
      (await cli(['--error', MESSAGE, '--identity', `${SAMPLE}/identity.json`, '--resource-account', '111122223333', '--format', 'json'])).stdout,
    );
    const fromRequest = json((await cli(['--request', `${SAMPLE}/request.json`, '--format', 'json'])).stdout);
    expect(fromEvidence.decision).toBe(fromRequest.decision);
    expect(fromEvidence.deciding).toEqual(fromRequest.deciding);
    expect(fromEvidence.evidence?.facts.map((f) => [f.field, f.from])).toEqual([
      ['principal', '--error:1:78'],
      ['action', '--error:1:169'],
      ['resource', '--error:1:196'],
    ]);
    expect(fromEvidence.evidence?.verdict?.agreement).toBe('agrees');
  });

  it('standard input as `-`', async () => {
    let stdout = '';
    const code = await runCli(['-', '--identity', `${SAMPLE}/identity.json`, '--resource-account', '111122223333'], {
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
      isTTY: false,
      env: { NO_COLOR: '1' },
      cwd: process.cwd(),
      stdin: () => MESSAGE,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ImplicitDeny/);
    expect(stdout).toContain('principal  arn:aws:sts::111122223333:assumed-role/etl-writer/export-job  ← -:1:78');
  });

  it('a flag wins over the evidence, and the Evidence section says so', async () => {
    const r = json((await cli(['--error', MESSAGE, '--action', 's3:GetObject', '--identity', `${SAMPLE}/identity.json`, '--format', 'json'])).stdout);
    expect(r.evidence?.facts.find((f) => f.field === 'action')).toMatchObject({ overriddenBy: '--action' });
  });

  it('--request FILE is completed by the evidence, and a mistake in the file is still located in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-evidence-'));
    writeFileSync(join(dir, 'identity.json'), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}');
    writeFileSync(join(dir, 'partial.json'), '{\n  "resourceAccount": "111122223333",\n  "policies": { "identity": ["identity.json"] }\n}\n');
    const ok = await cli(['--error', MESSAGE, '--request', 'partial.json'], dir);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^Allowed/);
    writeFileSync(join(dir, 'bad.json'), '{\n  "resourceAccount": "1111",\n  "policies": { "identity": ["identity.json"] }\n}\n');
    const bad = await cli(['--error', MESSAGE, '--request', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^policy-why: error: bad\.json:2:3: /);
  });

  it.each([
    [
      'another cloud',
      ['--error', '<Error><Code>AccessDenied</Code><Details>sa does not have storage.objects.get access</Details></Error>'],
      /--error:1:1: this is Google Cloud Storage's error/,
    ],
    [
      'no principal in the evidence',
      ['--error', 'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied'],
      /no principal in --error: give --principal ARN/,
    ],
    ['a file that is not evidence', [`${SAMPLE}/README.md`], /README\.md:1:1: not recognised as evidence: expected an AccessDenied error message/],
    ['a policy document on its own', [`${SAMPLE}/identity.json`], /identity\.json:1:1: a policy document on its own does not say which policy it is/],
    ['a missing file', ['nope.txt'], /nope\.txt: no such file/],
  ])('%s: one line, exit 2', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('two pieces of evidence that disagree: an error naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-evidence-'));
    writeFileSync(join(dir, 'a.txt'), MESSAGE);
    writeFileSync(join(dir, 'b.txt'), MESSAGE.replace('export-job', 'other-job'));
    const r = await cli(['a.txt', 'b.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /b\.txt:1:\d+: `arn:aws:sts::111122223333:assumed-role\/etl-writer\/other-job` disagrees with `arn:aws:sts::111122223333:assumed-role\/etl-writer\/export-job` from a\.txt:1:78/,
    );
  });
});
