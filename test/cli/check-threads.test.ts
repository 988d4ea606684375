import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/**
 * `check` on worker threads (src/cli/check-files.ts) gives the same bytes as on the main thread alone: the
 * built CLI (dist/, which `npm test` builds first; the sources have no worker script) with
 * POLICY_WHY_THREADS=2 against the in-process CLI, over copies of the check samples in every format.
 */
const MAIN = resolve('dist/cli/main.js');
let dir: string;

function built(args: string[], threads: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', POLICY_WHY_THREADS: threads } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-why-threads-'));
  for (let i = 0; i < 12; i++) {
    const to = join(dir, `copy-${String(i).padStart(2, '0')}`);
    cpSync('samples/check-basic/policies', join(to, 'policies'), { recursive: true });
    cpSync('samples/check-cloudformation/template.yaml', join(to, 'template.yaml'));
    cpSync('samples/check-terraform/tfplan.json', join(to, 'tfplan.json'));
    writeFileSync(join(to, 'README.txt'), 'not a policy\n');
  }
  cpSync('samples/check-cdk/lib', join(dir, 'copy-05', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'copy-03', 'broken-policy.json'), '{"Version": "2012-10-17", "Statement": [\n');
});

describe('check on worker threads', () => {
  it('prints the same report, byte for byte, in every format, with the same exit code', async () => {
    for (const format of ['json', 'text']) {
      const alone = await cli(['check', '.', '--format', format], dir);
      expect(alone.stdout.length).toBeGreaterThan(1000);
      for (const threads of format === 'json' ? ['2', '0'] : ['2']) {
        const r = built(['check', '.', '--format', format], threads);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(alone.stdout);
        expect(r.code).toBe(alone.code);
      }
    }
  }, 120_000);

  it('an error in a file a worker checks is the same one line and exit code 2, never a crash', async () => {
    const args = ['check', '.', 'copy-09/README.txt', 'copy-10/README.txt'];
    const alone = await cli(args, dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(
      'policy-why: error: copy-09/README.txt: not a policy file policy-why reads: a JSON policy (with a "Statement"), a CloudFormation template, a Terraform plan in JSON, or CDK TypeScript\n',
    );
    const r = built(args, '2');
    expect(r.stderr).toBe(alone.stderr);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  }, 60_000);

  it('POLICY_WHY_THREADS must be a number of threads', async () => {
    const r = await cli(['check', '.'], dir, { POLICY_WHY_THREADS: 'many' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('policy-why: usage error: POLICY_WHY_THREADS `many` is not a number of threads from 0 to 64 (see policy-why --help)\n');
  });
});
