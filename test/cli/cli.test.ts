import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { evaluate } from '../../src/index.js';
import { cli } from '../helpers/cli.js';

const SAMPLE = 'samples/deny-insecure-transport';
const NOW = '2026-01-01T00:00:00Z';

/** The part of `--format json` output these tests read. */
interface Printed {
  decision: string;
  deciding: { policyType: string; sid?: string; statementIndex?: number }[];
}

describe('exit codes and --expect', () => {
  it.each([
    [`${SAMPLE}/request.json`, [], 1],
    [`${SAMPLE}/fixed.json`, [], 0],
    [`${SAMPLE}/request.json`, ['--expect', 'Denied'], 0],
    [`${SAMPLE}/request.json`, ['--expect', 'Allowed'], 1],
    [`${SAMPLE}/fixed.json`, ['--expect', 'Allowed'], 0],
    [`${SAMPLE}/fixed.json`, ['--expect', 'Denied'], 1],
  ])('%s %j → %i', async (file, extra, code) => {
    const r = await cli(['--request', file, '--now', NOW, ...extra]);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe('');
  });
});

describe('quick flags', () => {
  it('decide like the equivalent request file', async () => {
    const flags = await cli([
      '--principal',
      'arn:aws:iam::111122223333:user/alice',
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::amzn-s3-demo-bucket/uploads/a.jpg',
      '--identity',
      `${SAMPLE}/identity.json`,
      '--resource-policy',
      `${SAMPLE}/bucket.json`,
      '--context',
      'aws:SecureTransport=false',
      '--format',
      'json',
      '--now',
      NOW,
    ]);
    const file = await cli(['--request', `${SAMPLE}/request.json`, '--format', 'json', '--now', NOW]);
    expect(flags.code).toBe(1);
    const a = JSON.parse(flags.stdout) as Printed;
    const b = JSON.parse(file.stdout) as Printed;
    expect(a.decision).toBe(b.decision);
    expect(a.deciding).toEqual(b.deciding);
  });

  it('a repeated --context key is multivalued', async () => {
    const r = await cli([
      '--principal',
      'arn:aws:iam::111122223333:user/alice',
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::b/k',
      '--context',
      'aws:TagKeys=a',
      '--context',
      'aws:TagKeys=b',
      '--format',
      'json',
      '--now',
      NOW,
    ]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Printed).deciding).toEqual([{ policyType: 'identity' }]);
  });

  it('--context without = is a usage error', async () => {
    const r = await cli(['--principal', 'anonymous', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k', '--context', 'novalue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--context `novalue` must be key=value/);
  });
});

describe('output', () => {
  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await cli(['--request', 'samples/kms-cross-account-key/request.json', '--format', 'json', '--now', NOW]);
    const b = await cli(['--request', 'samples/kms-cross-account-key/request.json', '--format', 'json', '--now', NOW]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trim().split('\n').length).toBeGreaterThan(10);
    expect((): unknown => JSON.parse(a.stdout)).not.toThrow();
  });

  const run = async (isTTY: boolean, env: Record<string, string>) => {
    let out = '';
    await runCli(['--request', `${SAMPLE}/request.json`, '--now', NOW], { stdout: (s) => (out += s), stderr: () => {}, isTTY, env, cwd: process.cwd() });
    return out;
  };
  it('uses colour only on a terminal, and never with NO_COLOR', async () => {
    expect(await run(true, {})).toContain('\u001b[');
    expect(await run(false, {})).not.toContain('\u001b[');
    expect(await run(true, { NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  // Issue 9, first contact: no sentence printed twice. The likely cause of a 403 stands under the
  // headline with its fix, and the notes do not repeat it; the JSON report keeps it among its notes.
  it.each(['samples/s3-compatible-checksum/request.json', 'samples/missing-object-403/request.json'])('%s prints its likely cause once', async (file) => {
    const text = (await cli(['--request', file, '--now', NOW])).stdout;
    const json = JSON.parse((await cli(['--request', file, '--now', NOW, '--format', 'json'])).stdout) as {
      notes: { kind: string; message: string; fix?: string }[];
    };
    const cause = json.notes.find((n) => n.kind !== 'allPoliciesAllow' && n.fix)!;
    expect(text.split(cause.message)).toHaveLength(2);
    expect(text.split(cause.fix!)).toHaveLength(2);
    expect(text).toContain(`Likely cause of a 403: ${cause.message}; fix: ${cause.fix}`);
    expect(text).not.toContain('the notes below');
  });

  it('the library returns what --format json prints', async () => {
    const doc: unknown = JSON.parse(readFileSync(`${SAMPLE}/request.json`, 'utf8'));
    const lib = await evaluate(doc, { baseDir: SAMPLE, now: new Date(NOW) });
    const printed = JSON.parse((await cli(['--request', `${SAMPLE}/request.json`, '--format', 'json', '--now', NOW])).stdout) as Printed;
    expect(lib.decision).toBe(printed.decision);
    expect(lib.deciding.map((d) => [d.policyType, d.sid, d.statementIndex])).toEqual(printed.deciding.map((d) => [d.policyType, d.sid, d.statementIndex]));
  });

  it('the library rejects bad input with a positioned InputError, never a decision', async () => {
    await expect(evaluate({ principal: 'nobody', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })).rejects.toMatchObject({
      name: 'InputError',
      line: 2,
    });
  });
});

// README quick start: `npm install && npx policy-why …` runs the built entry directly, so it must be executable.
describe('the built CLI entry', () => {
  it('is executable (npm install builds it through `prepare`)', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync('dist/cli/main.js').mode & 0o111).not.toBe(0);
  });
});
