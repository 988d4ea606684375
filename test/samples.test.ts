import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { commandLine, golden, parseTextGolden, REGENERATE, root, shown, textGolden } from './helpers/golden.js';

/**
 * Golden tests for every runnable sample: each `samples/<name>/` folder, and every request file in it
 * (`request.json`, `fixed.json`, `*.request.json`, also in subfolders), is run through the CLI from the
 * repository root with a fixed `--now`. Each run must equal its committed golden beside the request
 * (`X.json` → `X.expected.txt`, `X.expected.json`) byte for byte, exit code included.
 *
 * `X.expected.txt` is the text run as a terminal shows it: the command line, the output, the exit code.
 *
 *     $ policy-why --request samples/<name>/X.json --now 2026-01-01T00:00:00Z     ← line 1: "$ " + the command
 *     ExplicitDeny  s3:PutObject on …                                                ← stdout, byte for byte
 *     …                                                                                (it ends with a newline)
 *     exit code: 1                                                                   ← last line
 *
 * `X.expected.json` is the stdout of the same command with `--format json` appended, byte for byte and
 * nothing else, so it stays a valid report (schemas/output.schema.json, jq). Its run must exit with the
 * code on the last line of `X.expected.txt`. stderr must be empty in both runs.
 *
 * - `npm run golden` (`UPDATE_GOLDEN=1 vitest run test/samples.test.ts`) rewrites the goldens (review the diff!);
 *   it is refused when `CI` is set.
 * - A missing golden is written on a developer machine, and fails when `CI` is set.
 * - `samples/<name>/expect.json` states the decision each request must get (and the deciding statements),
 *   so a golden regenerated with a wrong decision is still caught.
 */

const samplesDir = join(root, 'samples');
const NOW = '2026-01-01T00:00:00Z';

type Decision = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny' | 'NotEvaluated';
interface Expectation {
  decision: Decision;
  /** ExplicitDeny/Allowed: compared as a set of policyType+sid; ImplicitDeny: as a set of policyType. */
  deciding?: { policyType: string; sid?: string; action?: string }[];
  /** Kinds of note the output must carry (for stories whose answer is a note, not a denial). */
  notes?: string[];
  /** Kinds of note the output must not carry (a fixed form whose cause is gone). */
  absentNotes?: string[];
}
interface DecidingEntry {
  policyType: string;
  sid?: string;
  action?: string;
}

/**
 * Request files, and `X.args`: a run from evidence (an error message, a record …), one command-line argument per
 * line, paths relative to the repository root. Its expect.json entry must equal that of the request document it
 * stands for, so the evidence path and the hand-written request reach the same decision and deciding set.
 */
const REQUEST_FILE = /(^|\/)(request|fixed)\.json$|\.request\.json$|\.args$/;

/** Request files of one sample, as paths relative to the sample folder with `/` separators, sorted. */
function requestFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...requestFiles(join(dir, entry.name), `${rel}/`));
    else if (entry.isFile() && REQUEST_FILE.test(rel)) out.push(rel);
  }
  return out.sort();
}

/** Golden files of one sample (to catch goldens whose request file was renamed or removed). */
function goldenFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...goldenFiles(join(dir, entry.name), `${rel}/`));
    else if (/\.expected\.(json|txt|ko\.txt)$/.test(rel)) out.push(rel);
  }
  return out.sort();
}

const goldenFor = (requestRel: string, ext: 'json' | 'txt' | 'ko.txt') => requestRel.replace(/\.(json|args)$/, `.expected.${ext}`);

/**
 * Samples whose text output also has a Korean golden (`X.expected.ko.txt`, run with `--lang ko`): the
 * stories this project began with were written in Korean, and their readers should not need English.
 */
const KOREAN = new Set([
  's3-compatible-no-aws-policy',
  's3-compatible-checksum',
  'vpce-no-putobjectacl',
  'deny-insecure-transport',
  'source-ip-through-endpoint',
  'kms-cross-account-key',
  'scp-ou-missing-full-access',
  'cloudfront-oai-sse-kms',
  'requester-pays',
  'object-owned-by-other-account',
]);

/** English words that must not appear in Korean prose (AWS names, quoted values, paths and JSON aside). */
const ENGLISH = new Set([
  'the',
  'is',
  'are',
  'not',
  'and',
  'or',
  'with',
  'from',
  'to',
  'of',
  'in',
  'by',
  'no',
  'a',
  'an',
  'it',
  'its',
  'this',
  'that',
  'be',
  'must',
  'can',
  'cannot',
  'does',
  'has',
  'for',
  'on',
  'at',
  'as',
  'which',
  'when',
  'only',
  'every',
  'any',
  'given',
  'taken',
  'assumed',
  'send',
  'call',
  'add',
  'remove',
  'see',
  'also',
  'policy',
  'request',
  'denied',
  'allows',
  'key',
  'value',
]);

/** Fields that hold sentences (or names built from words) in the report's language. */
const SENTENCES = new Set([
  'summary',
  'reason',
  'message',
  'fix',
  'hint',
  'target',
  'error',
  'matched',
  'documentNames',
  'alsoFails',
  'kindName',
  'how',
  'said',
  'explanation',
  'text',
  'layer',
  'notUsed',
]);

/** A report with every sentence field removed: what must be the same in every language. */
function withoutSentences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSentences);
  if (value === null || typeof value !== 'object') return value;
  // An assumption about a document (the VPC endpoint's, the generated aws/s3 key policy) names it.
  const namesDocument = 'key' in value && ['kmsKey', 'vpcEndpoint'].includes(String(value.key));
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (SENTENCES.has(k) || (namesDocument && k === 'value') ? [] : [[k, withoutSentences(v)]])),
  );
}

/** English prose words in a text output, outside quoted values, backticked code, file paths and printed JSON. */
function englishIn(output: string): string[] {
  const found: string[] = [];
  let inJson = false;
  for (const line of output.split('\n')) {
    if (/^\s+\{$/.test(line)) inJson = true;
    if (inJson) {
      if (/^\s+\}$/.test(line)) inJson = false;
      continue;
    }
    const prose = line.replace(/"[^"]*"/g, ' ').replace(/`[^`]*`/g, ' ');
    for (const token of prose.split(/[\s(),;]+/)) {
      if (token && !/[:/\-.*$@=0-9~]/.test(token) && ENGLISH.has(token.toLowerCase())) found.push(`${token} in: ${line.trim()}`);
    }
  }
  return found;
}
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'output.schema.json'), 'utf8')) as object;
const validateOutput = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);

// 3: no AWS decision (a store that is not AWS, no AWS policy given).
const exitFor = (decision: Decision) => ({ Allowed: 0, ExplicitDeny: 1, ImplicitDeny: 1, NotEvaluated: 2 })[decision];
const statementKey = (d: DecidingEntry) => `${d.policyType} ${d.sid ?? '(no Sid)'}`;

function decidingSet(decision: Decision, entries: DecidingEntry[]): string[] {
  // A chained authorization (kms:GenerateDataKey, s3:PutObjectAcl…) is part of the key.
  const forAction = (d: DecidingEntry) => (d.action !== undefined ? `@${d.action}` : '');
  return entries.map((d) => (decision === 'ImplicitDeny' ? d.policyType : statementKey(d)) + forAction(d)).sort();
}

/** The arguments of an `X.args` run: one per line, blank lines ignored. */
function argsOf(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

// `check-*` samples are folders of policy files for `policy-why check`, with their own goldens (test/check-samples.test.ts).
const sampleNames = readdirSync(samplesDir)
  .filter((name) => statSync(join(samplesDir, name)).isDirectory() && !name.startsWith('check-'))
  .sort();

describe('samples', () => {
  it('there are samples to test', () => {
    expect(sampleNames.length).toBeGreaterThan(0);
  });
});

describe.each(sampleNames)('sample %s', (name) => {
  const dir = join(samplesDir, name);
  const files = requestFiles(dir);
  const expectPath = join(dir, 'expect.json');
  const expectations: Record<string, Expectation> = existsSync(expectPath) ? (JSON.parse(readFileSync(expectPath, 'utf8')) as Record<string, Expectation>) : {};

  it('has a README.md, an expect.json, a denied request.json and a fixed form', () => {
    expect(existsSync(join(dir, 'README.md')), 'README.md').toBe(true);
    expect(existsSync(expectPath), 'expect.json').toBe(true);
    expect(files).toContain('request.json');
    expect(
      files.some((f) => f === 'fixed.json' || f.startsWith('fixed/')),
      'a fixed.json or a fixed/ folder',
    ).toBe(true);
  });

  it('expect.json covers exactly the request files', () => {
    expect(Object.keys(expectations).sort()).toEqual(files);
  });

  it('the denied form is denied (or, for a non-policy cause, carries its note) and the fixed form is allowed', () => {
    const denied = expectations['request.json'];
    // A store that is not AWS gets no AWS decision (NotEvaluated): its forms differ by their notes.
    if (denied?.notes?.length) expect(denied.decision).toMatch(/^(Allowed|NotEvaluated)$/);
    else expect(denied?.decision).toMatch(/^(ExplicitDeny|ImplicitDeny)$/);
    const fixedDecision = denied?.decision === 'NotEvaluated' ? 'NotEvaluated' : 'Allowed';
    for (const f of files.filter((f) => f === 'fixed.json' || f.startsWith('fixed/'))) expect(expectations[f]?.decision, f).toBe(fixedDecision);
  });

  it('has no golden file without its request file', () => {
    const wanted = new Set(files.flatMap((f) => [goldenFor(f, 'json'), goldenFor(f, 'txt'), ...(KOREAN.has(name) ? [goldenFor(f, 'ko.txt')] : [])]));
    expect(goldenFiles(dir).filter((g) => !wanted.has(g))).toEqual([]);
  });

  it('README.md states every expected decision and deciding statement', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const e of Object.values(expectations)) {
      expect(readme).toContain(e.decision);
      for (const d of e.deciding ?? []) if (d.sid !== undefined) expect(readme).toContain(d.sid);
    }
  });

  describe.each(files)('%s', (file) => {
    const args = file.endsWith('.args') ? [...argsOf(join(dir, file)), '--now', NOW] : ['--request', `samples/${name}/${file}`, '--now', NOW];
    const jsonArgs = [...args, '--format', 'json'];
    const jsonGolden = join(dir, goldenFor(file, 'json'));
    const textGoldenPath = join(dir, goldenFor(file, 'txt'));
    const expected = expectations[file];

    // Runs before the JSON test, which checks its exit code against this golden (written first when missing or regenerated).
    it('the text run (command, output, exit code) matches its golden', async () => {
      const r = await cli(args, root);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain(root); // paths are repo-relative, so goldens are stable
      expect(r.stdout.endsWith('\n'), 'the text output ends with a newline').toBe(true);
      const decision = r.stdout.split(/\s/, 1)[0] as Decision;
      expect(['Allowed', 'ExplicitDeny', 'ImplicitDeny', 'NotEvaluated']).toContain(decision);
      expect(r.code).toBe(exitFor(decision));
      golden(textGoldenPath, textGolden(args, r.stdout, r.code));
    });

    it('--lang ko: the same decision and exit code, no English prose left (AWS names aside), and a golden for the Korean samples', async () => {
      const koArgs = [...args, '--lang', 'ko'];
      const r = await cli(koArgs, root);
      expect(r.stderr).toBe('');
      expect(r.stdout.split(/\s/, 1)[0]).toBe(expected?.decision);
      expect(r.code).toBe(exitFor(expected!.decision));
      expect(englishIn(r.stdout)).toEqual([]);
      if (KOREAN.has(name)) golden(join(dir, goldenFor(file, 'ko.txt')), textGolden(koArgs, r.stdout, r.code));
    });

    it('--lang ko --format json: only the sentences differ from the English report', async () => {
      const [en, ko] = await Promise.all([cli(jsonArgs, root), cli([...jsonArgs, '--lang', 'ko'], root)]);
      expect(ko.stderr).toBe('');
      expect(ko.code).toBe(en.code);
      expect(withoutSentences(JSON.parse(ko.stdout))).toEqual(withoutSentences(JSON.parse(en.stdout)));
      expect(ko.stdout).not.toBe(en.stdout);
    });

    it('--format json matches its golden, exits with the code the text golden records, and fits the output schema', async () => {
      const r = await cli(jsonArgs, root);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain(root);
      const report = JSON.parse(r.stdout) as { decision: Decision };
      expect(r.code).toBe(exitFor(report.decision));
      golden(jsonGolden, r.stdout);
      if (!existsSync(textGoldenPath)) throw new Error(`missing golden file ${shown(textGoldenPath)}: run ${REGENERATE} locally, review it, and commit it`);
      expect(r.code, `exit code of \`${commandLine(jsonArgs)}\` (recorded in ${shown(textGoldenPath)})`).toBe(parseTextGolden(textGoldenPath).exitCode);
    });

    it('the JSON golden validates against schemas/output.schema.json', () => {
      const doc: unknown = JSON.parse(readFileSync(jsonGolden, 'utf8'));
      const ok = validateOutput(doc);
      expect(ok, JSON.stringify(validateOutput.errors, null, 2)).toBe(true);
    });

    it('the golden decision and exit code are the ones expect.json states', () => {
      expect(expected, `expect.json has no entry for ${file}`).toBeDefined();
      const report = JSON.parse(readFileSync(jsonGolden, 'utf8')) as { decision: Decision; deciding: DecidingEntry[]; notes: { kind: string }[] };
      expect(report.decision).toBe(expected!.decision);
      for (const kind of expected!.notes ?? [])
        expect(
          report.notes.map((n) => n.kind),
          `note ${kind}`,
        ).toContain(kind);
      for (const kind of expected!.absentNotes ?? []) expect(report.notes.map((n) => n.kind)).not.toContain(kind);
      if (expected!.deciding) {
        expect(decidingSet(report.decision, report.deciding)).toEqual(decidingSet(expected!.decision, expected!.deciding));
      }
      const text = parseTextGolden(textGoldenPath);
      expect(text.command, 'the text golden shows the command it was run with').toBe(commandLine(args));
      expect(text.output.startsWith(`${expected!.decision} `), 'the text golden output starts with the decision').toBe(true);
      expect(text.exitCode, 'the text golden exit code').toBe(exitFor(expected!.decision));
    });
  });
});
