import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `policy-why check`: finds the policies under the paths given, one bad file never stops the run, exit codes as for every command. */
let dir: string;

const clean = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }] };
const notPrincipal = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Everyone',
      Effect: 'Allow',
      NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
    },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-why-check-'));
  mkdirSync(join(dir, 'policies'));
  mkdirSync(join(dir, 'ignored'));
  writeFileSync(join(dir, 'policies', 'reader.json'), JSON.stringify(clean, null, 2));
  writeFileSync(join(dir, 'policies', 'bucket-policy.json'), JSON.stringify(notPrincipal, null, 2));
  writeFileSync(join(dir, 'ignored', 'bucket-policy.json'), JSON.stringify(notPrincipal, null, 2));
  writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
  writeFileSync(join(dir, 'package.json'), '{"name": "not-a-policy"}');
});

describe('policy-why check', () => {
  it('finds the policy files under a folder, leaves out what .gitignore ignores, and reports on the element', async () => {
    const r = await cli(['check', '.'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('policies/bucket-policy.json\n');
    expect(r.stdout).toMatch(/ {2}7:23 {2}error {2}statement "Everyone" allows every principal .* {2}notprincipal-with-allow/);
    expect(r.stdout).not.toContain('ignored/');
    // The bucket policy denies no HTTP request either (s3-secure-transport-missing, on the document).
    expect(r.stdout).toMatch(/ {2}3:3 {2}warning {2}the bucket policy does not deny HTTP requests: .* {2}s3-secure-transport-missing/);
    expect(r.stdout).toContain('1 error, 1 warning, 0 infos in 2 files (2 policies read)');
  });

  it('a clean file exits 0; a glob selects files', async () => {
    const r = await cli(['check', 'policies/reader*.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no problems in 1 file (1 policy read)');
  });

  it('an unreadable file is a json-syntax finding with its position, the other files are still checked, and the exit code is 2', async () => {
    writeFileSync(join(dir, 'broken.json'), '{\n  "Statement": [ {"Effect": "Allow",, } ]\n}\n');
    try {
      const r = await cli(['check', '.', '--format', 'json'], dir);
      expect(r.code).toBe(2);
      const out = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number; column: number }[] };
      expect(out.findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([
        ['json-syntax', 'broken.json', 2, 37],
        ['s3-secure-transport-missing', 'policies/bucket-policy.json', 3, 3],
        ['notprincipal-with-allow', 'policies/bucket-policy.json', 7, 23],
      ]);
    } finally {
      writeFileSync(join(dir, 'broken.json'), JSON.stringify(clean));
    }
  });

  it('the same input gives the same bytes, and Korean changes only the sentences', async () => {
    const a = await cli(['check', '.', '--format', 'json'], dir);
    const b = await cli(['check', '.', '--format', 'json'], dir, { TZ: 'Asia/Seoul', LANG: 'ko_KR.UTF-8' });
    expect(a.stdout).toBe(b.stdout);
    const ko = await cli(['check', '.', '--format', 'json', '--lang', 'ko'], dir);
    const strip = (s: string) =>
      JSON.stringify({ ...(JSON.parse(s) as object), findings: (JSON.parse(s) as { findings: object[] }).findings.map((f) => ({ ...f, message: '' })) });
    expect(strip(ko.stdout)).toBe(strip(a.stdout));
  });

  it('usage mistakes: no path, a path that does not exist, a bad --max-warnings', async () => {
    for (const args of [['check'], ['check', 'nope.json'], ['check', 'package.json'], ['check', '.', '--max-warnings', '-1']]) {
      const r = await cli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('policy-why check on a CloudFormation template', () => {
  it('samples/check-cloudformation: the planted defect on its template line, nothing else, exit 1', async () => {
    const r = await cli(['check', 'samples/check-cloudformation', '--format', 'json'], process.cwd());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; format: string; policies: { pointer: string }[] }[];
      findings: { rule: string; line: number; column: number }[];
    };
    expect(out.files.map((f) => [f.file, f.format, f.policies.map((p) => p.pointer)])).toEqual([
      [
        'samples/check-cloudformation/template.yaml',
        'cloudformation',
        [
          'Resources/ReportsBucketPolicy/Properties/PolicyDocument',
          'Resources/ReaderRole/Properties/AssumeRolePolicyDocument',
          'Resources/ReaderRole/Properties/Policies/0/PolicyDocument',
          'Resources/ReportsKey/Properties/KeyPolicy',
        ],
      ],
    ]);
    // The planted defect, and an info on the YAML boolean (CloudFormation passes it to IAM as JSON `false`).
    expect(out.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['condition-value-nonstring', 24, 57],
      ['notprincipal-with-allow', 28, 15],
    ]);
  });
});

describe('policy-why check on CDK code (samples/check-cdk)', () => {
  it('reads the stack statically and reports the planted defect on the .ts line and column', async () => {
    const r = await cli(['check', 'samples/check-cdk']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('samples/check-cdk/lib/storage-stack.ts\n');
    expect(r.stdout).toMatch(/ {2}21:24 {2}error {2}statement "PartnerRead" allows every principal .* {2}notprincipal-with-allow/);
    expect(r.stdout).toContain('1 error, 0 warnings, 0 infos in 1 file (3 policies read)');
  });

  it('the JSON report names the policy the finding is in, its type and its line-free pointer', async () => {
    const r = await cli(['check', 'samples/check-cdk', '--format', 'json']);
    const out = JSON.parse(r.stdout) as {
      findings: { rule: string; line: number; column: number; policy?: { pointer: string; policyType: string; label: string } }[];
    };
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      rule: 'notprincipal-with-allow',
      line: 21,
      column: 24,
      policy: { pointer: 'samples/check-cdk/lib/storage-stack.ts#Reports/Policy', policyType: 'resource', label: 'Reports (s3.Bucket) bucket policy' },
    });
  });
});
