import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { commandLine, golden, parseTextGolden, REGENERATE, root, shown, textGolden } from './helpers/golden.js';
import { validateSarif } from './helpers/sarif.js';

/**
 * Golden tests for `policy-why check`: each `samples/check-<name>/` folder holds policy files under `policies/`
 * (some with planted defects, some clean), or a template, plan or CDK app of its own, and a README.md. `policy-why check samples/check-<name>/policies` is
 * run from the repository root in every output format, and each run must equal its golden byte for byte:
 *
 * - `check.expected.txt`, `check.expected.ko.txt` (`--lang ko`) and `check.expected.github.txt`
 *   (`--format github`): text goldens, `$ <command>` first, `exit code: <n>` last, as in test/samples.test.ts;
 * - `check.expected.json`, `check.expected.sarif` and `check.expected.md`: the stdout of `--format json`,
 *   `--format sarif` and `--format markdown` and nothing else (so the SARIF stays a valid log and the Markdown
 *   renders as it would in a pull request); their runs must exit with the code the text golden records.
 *
 * `npm run golden` rewrites them (review the diff): every new rule changes these goldens where it finds something.
 */

const samplesDir = join(root, 'samples');
const names = readdirSync(samplesDir)
  .filter((n) => n.startsWith('check-') && statSync(join(samplesDir, n)).isDirectory())
  .sort();

const TEXT_LIKE = [
  { golden: 'check.expected.txt', extra: [] },
  { golden: 'check.expected.ko.txt', extra: ['--lang', 'ko'] },
  { golden: 'check.expected.github.txt', extra: ['--format', 'github'] },
] as const;

const RAW = [
  { golden: 'check.expected.json', format: 'json' },
  { golden: 'check.expected.sarif', format: 'sarif' },
  { golden: 'check.expected.md', format: 'markdown' },
] as const;

describe('check samples', () => {
  it('there is at least one', () => {
    expect(names.length).toBeGreaterThan(0);
  });
});

describe.each(names)('check sample %s', (name) => {
  const dir = join(samplesDir, name);
  // The inputs: `policies/` when the sample has one; otherwise the folder itself (a template, a plan, a CDK app), its goldens left out.
  const hasPolicies = existsSync(join(dir, 'policies'));
  const args = hasPolicies ? ['check', `samples/${name}/policies`] : ['check', `samples/${name}`, '--exclude', `samples/${name}/*.expected.*`];
  const textPath = join(dir, 'check.expected.txt');

  it('has a README.md, policy files, and no golden of a format that is gone', () => {
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(readdirSync(hasPolicies ? join(dir, 'policies') : dir).filter((f) => f !== 'README.md' && !f.includes('.expected.')).length).toBeGreaterThan(0);
    const wanted = new Set<string>([...TEXT_LIKE.map((t) => t.golden), ...RAW.map((r) => r.golden)]);
    expect(readdirSync(dir).filter((f) => f.includes('.expected.') && !wanted.has(f))).toEqual([]);
  });

  // The plain text run goes first: the others check their exit code against its golden.
  it.each(TEXT_LIKE)('$golden: command, output and exit code', async ({ golden: file, extra }) => {
    const runArgs = [...args, ...extra];
    const r = await cli(runArgs, root);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain(root);
    golden(join(dir, file), textGolden(runArgs, r.stdout, r.code));
    const text = parseTextGolden(join(dir, file));
    expect(text.command).toBe(commandLine(runArgs));
    if (file !== 'check.expected.txt') expect(r.code).toBe(parseTextGolden(textPath).exitCode);
  });

  it.each(RAW)('$golden: the stdout of --format $format, with the text golden exit code', async ({ golden: file, format }) => {
    const r = await cli([...args, '--format', format], root);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain(root);
    golden(join(dir, file), r.stdout);
    if (!existsSync(textPath)) throw new Error(`missing golden file ${shown(textPath)}: run ${REGENERATE} locally, review it, and commit it`);
    expect(r.code).toBe(parseTextGolden(textPath).exitCode);
  });

  it('the SARIF golden is a valid SARIF 2.1.0 log with repository-relative URIs', () => {
    const log = JSON.parse(readFileSync(join(dir, 'check.expected.sarif'), 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    for (const r of log.runs[0]!.results)
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(new RegExp(`^samples/${name}/${hasPolicies ? 'policies/' : ''}[^/]`));
  });
});
