import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif.js';

/** `policy-why check --output FILE`: the report in --format goes to the file, the text report to the log. */
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-why-check-output-'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(
    join(dir, 'policies', 'bucket-policy.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
      ],
    }),
  );
});

describe('policy-why check --output', () => {
  it('writes the SARIF log to the file and prints the text report; the exit code is the same', async () => {
    const r = await cli(['check', 'policies', '--format', 'sarif', '--output', 'results.sarif'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('notprincipal-with-allow');
    expect(r.stdout).not.toContain('"version"');
    const log: unknown = JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8'));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(dir); // relative URIs only
  });

  it('a folder that does not exist: one line naming the flag and the file, exit code 2, nothing written', async () => {
    const r = await cli(['check', 'policies', '--format', 'sarif', '--output', 'nowhere/results.sarif'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('policy-why: error: --output: cannot write nowhere/results.sarif (its folder does not exist)\n');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('an empty file name is a usage error', async () => {
    const r = await cli(['check', 'policies', '--output', ''], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-why: usage error: --output needs one file name/);
  });
});

describe('policy-why check --skip-other-files', () => {
  it('a named file that holds no policy is an error without it (exit 2), and skipped with it', async () => {
    writeFileSync(join(dir, 'package.json'), '{"name": "not-a-policy"}');
    const strict = await cli(['check', 'package.json', 'policies/bucket-policy.json'], dir);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^policy-why: error: package\.json: not a policy file/);
    const lenient = await cli(['check', '--skip-other-files', 'package.json', 'policies/bucket-policy.json'], dir);
    expect(lenient.stderr).toBe('');
    expect(lenient.code).toBe(1);
    expect(lenient.stdout).toContain('in 1 file (1 policy read)');
  });
});
