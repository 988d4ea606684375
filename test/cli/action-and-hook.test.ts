import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { root } from '../helpers/golden.js';
import { validateSarif } from '../helpers/sarif.js';

/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) run the commands they declare:
 * each file is parsed, its command line taken as written, and run against samples/check-basic (the Action's
 * script with bash and the built dist/, as the runner does; the hook's entry through the CLI in-process).
 */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  language: string;
  entry: string;
  files: string;
  exclude: string;
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const SAMPLE = 'samples/check-basic/policies';

/** `${{ inputs.x }}` replaced by the inputs' values, as the runner does before the step runs. */
const expand = (text: string, inputs: Record<string, string>) =>
  text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in inputs)) throw new Error(`action.yml uses an input it does not declare: ${name}`);
    return inputs[name]!;
  });

function runCheckStep(overrides: Record<string, string>) {
  const inputs = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), ...overrides };
  const step = action.runs.steps.find((s) => s.id === 'check')!;
  const tmp = mkdtempSync(join(tmpdir(), 'policy-why-action-'));
  const output = join(tmp, 'github-output');
  const summary = join(tmp, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
  // GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd: root,
    env: { PATH: process.env.PATH, NO_COLOR: '1', GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
    encoding: 'utf8',
  });
  return { ...r, outputs: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

// Each run starts Node with the built CLI (twice with the job summary): slow on a busy machine.
describe('action.yml', { timeout: 60_000 }, () => {
  it('is a composite action on Node 20 that installs policy-why from its own checkout', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const install = action.runs.steps[1]!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci .*&& npm run build$/);
  });

  it('its check step writes a valid SARIF file, prints the text report, never fails, and records the exit code', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'policy-why-action-sarif-'));
    const sarif = join(tmp, 'out.sarif');
    const r = runCheckStep({ paths: SAMPLE, 'sarif-file': sarif });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs).toBe('exit-code=1\n');
    expect(r.stdout).toContain('5 errors, 0 warnings, 0 infos in 5 files (5 policies read)');
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^samples\/check-basic\/policies\//);
    // The job summary is the Markdown report of the same files.
    expect(r.summary).toBe(readFileSync(join(root, 'samples', 'check-basic', 'check.expected.md'), 'utf8'));
  });

  it('globs in paths reach policy-why unexpanded; format github prints annotations; max-warnings is passed on', () => {
    const r = runCheckStep({
      paths: `${SAMPLE}/*-bucket-policy.json\n${SAMPLE}/reader-identity.json`,
      format: 'github',
      'max-warnings': '0',
      summary: 'false',
    });
    expect(r.stderr).toBe('');
    expect(r.outputs).toBe('exit-code=1\n');
    expect(r.stdout).toMatch(/^::error file=samples\/check-basic\/policies\/logs-bucket-policy\.json,line=9,/m);
    expect(r.stdout).toContain('3 errors, 0 warnings, 0 infos in 3 files (3 policies read)');
    expect(r.summary).toBe('');
  });

  it('uploads with upload-sarif and its category even after findings, and fails the job only after the upload', () => {
    const names = action.runs.steps.map((s) => s.id ?? s.uses ?? s.name);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toContain('always()');
    expect(upload.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}', category: '${{ inputs.category }}' });
    const fail = action.runs.steps.at(-1)!;
    expect(fail.if).toContain("steps.check.outputs.exit-code != '0'");
    expect(names.indexOf(upload.uses)).toBeLessThan(action.runs.steps.length - 1);
    expect(names.indexOf('check')).toBeLessThan(names.indexOf(upload.uses));
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'policy-why-check')!;
  // pre-commit's patterns are Python regexes; `(?i)` is Python's inline flag.
  const pattern = (p: string) => new RegExp(p.replace(/^\(\?i\)/, ''), p.startsWith('(?i)') ? 'i' : '');

  it('is a node hook whose entry is policy-why check', () => {
    expect(hook).toMatchObject({ language: 'node' });
    expect(hook.entry.split(' ').slice(0, 2)).toEqual(['policy-why', 'check']);
    expect(pattern(hook.files).test('infra/template.YAML')).toBe(true);
    expect(pattern(hook.exclude).test('package.json')).toBe(true);
  });

  it('runs its entry on the staged files pre-commit selects (others, like a README, are not passed; non-policy JSON is skipped)', async () => {
    const staged = [...readdirSync(join(root, SAMPLE)).map((f) => `${SAMPLE}/${f}`), 'samples/check-basic/README.md', 'tsconfig.json', 'vitest.config.ts'];
    const selected = staged.filter((f) => pattern(hook.files).test(f) && !pattern(hook.exclude).test(f));
    expect(selected).not.toContain('samples/check-basic/README.md');
    const [command, ...args] = hook.entry.split(' ');
    expect(command).toBe('policy-why');
    const r = await cli([...args, ...selected], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('5 errors, 0 warnings, 0 infos in 5 files (5 policies read)');
  });
});
