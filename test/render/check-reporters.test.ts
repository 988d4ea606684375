import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/input/index.js';
import { checkScans } from '../../src/rules/index.js';
import { wordsFor } from '../../src/explain/index.js';
import { CHECK_RENDERERS } from '../../src/render/index.js';
import { packageTool } from '../../src/input/files.js';
import type { CheckFinding, CheckResult } from '../../src/model/check.js';
import { ANNOTATIONS_PER_KIND } from '../../src/render/check/github.js';
import { markdownText } from '../../src/render/check/markdown.js';
import { SARIF_SCHEMA_TEXT as schemaText, validateSarif } from '../helpers/sarif.js';

/**
 * The `check` reporters for pull requests: SARIF 2.1.0 as GitHub code scanning reads it (validated against the
 * official OASIS schema), GitHub Actions annotations, and Markdown for a PR comment.
 */

const TOOL = { version: '1.2.3', informationUri: 'https://github.com/example/policy-why', docsBase: 'https://github.com/example/policy-why/blob/HEAD/' };

async function resultOf(files: Record<string, string>): Promise<CheckResult> {
  const scans = Object.entries(files).map(([file, text]) => scanText(file, text, {}));
  return checkScans(scans, { serviceDataDate: '2026-09-26' });
}

const render = (format: keyof typeof CHECK_RENDERERS, result: CheckResult, tool: typeof TOOL | { version: string } = TOOL, lang: 'en' | 'ko' = 'en') =>
  CHECK_RENDERERS[format](result, { color: false, words: wordsFor(lang), tool });

// A Sid with an emoji (two UTF-16 code units) and a Korean letter before the NotPrincipal element on the same line.
const NON_ASCII =
  '{"Version": "2012-10-17", "Statement": [{"Sid": "😀가", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}, {"Sid": "DenyHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}\n';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; informationUri?: string; rules: Record<string, unknown>[] } };
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

describe('--format sarif', () => {
  it('the schema fixture uses no keyword whose meaning changed after draft-04', () => {
    expect(schemaText).not.toMatch(/"exclusive(Minimum|Maximum)"/);
    expect(JSON.parse(schemaText)).toMatchObject({ $schema: 'http://json-schema.org/draft-04/schema#' });
  });

  it('the validator rejects what peers got wrong: startLine 0, no version, an unknown property', async () => {
    const log = JSON.parse(render('sarif', await resultOf({ 'p.json': NON_ASCII }))) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    const zero = structuredClone(log);
    zero.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validateSarif(zero)).toBe(false);
    const { version: _v, ...noVersion } = log;
    expect(validateSarif(noVersion)).toBe(false);
    expect(validateSarif({ ...log, extra: 1 })).toBe(false);
  });

  it('is valid SARIF 2.1.0 with everything GitHub requires: rules with help and docs links, results with regions and our fingerprint', async () => {
    const result = await resultOf({ 'policies/bucket-policy.json': NON_ASCII, 'policies/broken.json': '{"Statement": [' });
    const text = render('sarif', result);
    const log = JSON.parse(text) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run!.tool.driver).toMatchObject({ name: 'policy-why', semanticVersion: '1.2.3', informationUri: 'https://github.com/example/policy-why' });
    expect(run!.columnKind).toBe('utf16CodeUnits');
    const np = run!.tool.driver.rules.find((r) => r.id === 'notprincipal-with-allow');
    expect(np).toMatchObject({
      name: 'NotprincipalWithAllow',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'exposure'], 'security-severity': '8.5' },
      help: { markdown: expect.stringContaining('(https://github.com/example/policy-why/blob/HEAD/docs/rules/notprincipal-with-allow.md)') as unknown },
    });
    // A grammar rule is no security alert: no `security` tag, no security-severity.
    const grammar = run!.tool.driver.rules.find((r) => r.id === 'json-syntax')!;
    expect(grammar.properties).toEqual({ tags: ['grammar'], precision: 'high', 'problem.severity': 'error' });
    for (const r of run!.results) {
      expect(run!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(Object.keys(r.partialFingerprints)).toEqual(['policyWhy/v1']);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(text).not.toContain('primaryLocationLineHash');
  });

  it('columns are UTF-16 code units and endColumn is the column after the last character (a non-ASCII Sid before the element)', async () => {
    const result = await resultOf({ 'p.json': NON_ASCII });
    const log = JSON.parse(render('sarif', result)) as SarifLog;
    const r = log.runs[0]!.results.find((x) => x.ruleId === 'notprincipal-with-allow')!;
    const region = r.locations[0]!.physicalLocation.region;
    // JavaScript strings are UTF-16: indexOf counts code units (the emoji is two), 0-based.
    const start = NON_ASCII.indexOf('{"AWS"');
    const end = NON_ASCII.indexOf('}', start) + 1;
    expect(region).toEqual({ startLine: 1, startColumn: start + 1, endLine: 1, endColumn: end + 1 });
    expect(NON_ASCII.slice(region.startColumn! - 1, region.endColumn! - 1)).toBe('{"AWS": "arn:aws:iam::111122223333:root"}');
    // In code points the column would be one less: the emoji counts once.
    expect([...NON_ASCII.slice(0, start)].length).toBe(start - 1);
  });

  it('paths are relative URIs with %SRCROOT% (spaces and non-ASCII percent-encoded), never absolute', async () => {
    const result = await resultOf({ 'my policies/정책 1.json': NON_ASCII });
    const log = JSON.parse(render('sarif', result)) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const loc = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: 'my%20policies/%EC%A0%95%EC%B1%85%201.json', uriBaseId: '%SRCROOT%' });
    expect(decodeURIComponent(loc.uri)).toBe('my policies/정책 1.json');
  });

  it('a suppressed finding is a result with suppressions (in the file → inSource, configuration or baseline → external) and its reason', async () => {
    const base = await resultOf({ 'p.json': NON_ASCII });
    const finding = base.findings.find((f) => f.rule === 'notprincipal-with-allow')!;
    const suppressed = (s: NonNullable<CheckFinding['suppressed']>): CheckResult => ({ ...base, findings: [{ ...finding, suppressed: s }] });
    for (const [kind, sarifKind] of [
      ['inline', 'inSource'],
      ['config', 'external'],
      ['baseline', 'external'],
    ] as const) {
      const log = JSON.parse(render('sarif', suppressed({ kind, reason: 'public website bucket' }))) as SarifLog;
      expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
      expect(log.runs[0]!.results[0]!.suppressions).toEqual([{ kind: sarifKind, status: 'accepted', justification: 'public website bucket' }]);
    }
  });

  it('levels follow the severity (info → note); without a repository the docs links stay repository-relative and informationUri is left out', async () => {
    const base = await resultOf({ 'p.json': NON_ASCII });
    const info: CheckResult = {
      ...base,
      findings: base.findings.map((f) => ({ ...f, severity: 'info' as const })),
      rules: base.rules.map((r) => ({ ...r, severity: 'info' as const })),
    };
    const log = JSON.parse(render('sarif', info, { version: '0.1.0' })) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual(['note']);
    expect(log.runs[0]!.tool.driver.informationUri).toBeUndefined();
    const np = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'notprincipal-with-allow')!;
    expect(np).toMatchObject({ defaultConfiguration: { level: 'note' }, properties: { 'security-severity': '2.0' } });
    expect((np.help as { markdown: string }).markdown).toContain('](docs/rules/notprincipal-with-allow.md)');
  });

  it('the message is in the language asked for', async () => {
    const log = JSON.parse(render('sarif', await resultOf({ 'p.json': NON_ASCII }), TOOL, 'ko')) as SarifLog;
    expect(log.runs[0]!.results[0]!.message.text).toContain('NotPrincipal에 없는');
  });
});

describe('packageTool: the project address from package.json `repository`', () => {
  it.each([
    ['https://github.com/o/r.git', 'https://github.com/o/r'],
    ['git+https://github.com/o/r.git', 'https://github.com/o/r'],
    ['git+ssh://git@github.com/o/r.git', 'https://github.com/o/r'],
    ['github:o/r', 'https://github.com/o/r'],
  ])('%s → %s', (url, home) => {
    expect(packageTool({ version: '1.0.0', repository: { url } })).toEqual({ version: '1.0.0', informationUri: home, docsBase: `${home}/blob/HEAD/` });
  });
  it('none, or not on GitHub: only the version (links stay relative)', () => {
    expect(packageTool({ version: '1.0.0' })).toEqual({ version: '1.0.0' });
    expect(packageTool({ version: '1.0.0', repository: 'https://gitlab.com/o/r' })).toEqual({ version: '1.0.0' });
  });
});

/** A result with `n` findings of each severity, on lines 1…, for the annotation limits. */
async function manyFindings(counts: { error: number; warning: number; info: number }): Promise<CheckResult> {
  const base = await resultOf({ 'p.json': NON_ASCII });
  const one = base.findings[0]!;
  const findings: CheckFinding[] = [];
  let line = 1;
  for (const severity of ['info', 'warning', 'error'] as const)
    for (let i = 0; i < counts[severity]; i++)
      findings.push({ ...one, severity, span: { line, column: 1, endLine: line++, endColumn: 5 }, fingerprint: `f${line}` });
  return { ...base, findings };
}

describe('--format github', () => {
  it('one workflow command per finding with its place, the rule as title, notice for info; columns only on one line', async () => {
    const result = await resultOf({ 'p.json': NON_ASCII });
    const f = result.findings[0]!;
    const two: CheckResult = {
      ...result,
      findings: [f, { ...f, severity: 'info', span: { line: 2, column: 3, endLine: 4, endColumn: 2 }, fingerprint: 'x' }],
    };
    const lines = render('github', two).split('\n');
    expect(lines[0]).toBe(
      `::error file=p.json,line=1,endLine=1,col=${f.span.column},endColumn=${f.span.endColumn - 1},title=notprincipal-with-allow::${f.message.en}`,
    );
    expect(lines[1]).toBe(`::notice file=p.json,line=2,endLine=4,title=notprincipal-with-allow::${f.message.en}`);
    expect(lines[2]).toBe('1 error, 0 warnings, 1 info in 1 file (1 policy read)');
  });

  it('escapes as @actions/core does: %, CR, LF in the message; also : and , in properties', async () => {
    const result = await resultOf({ 'p.json': NON_ASCII });
    const f = result.findings[0]!;
    const odd: CheckResult = { ...result, findings: [{ ...f, file: 'a,b:c%.json', message: { en: '100% bad\r\nnext: line, end', ko: '' } }] };
    expect(render('github', odd).split('\n')[0]).toBe(
      `::error file=a%2Cb%3Ac%25.json,line=1,endLine=1,col=${f.span.column},endColumn=${f.span.endColumn - 1},title=notprincipal-with-allow::100%25 bad%0D%0Anext: line, end`,
    );
  });

  it('at most 10 of each kind, errors first; a last notice says how many were left out (and takes the last notice place)', async () => {
    const lines = render('github', await manyFindings({ error: 12, warning: 3, info: 11 }))
      .trimEnd()
      .split('\n');
    const kinds = lines.map((l) => /^::(\w+)/.exec(l)?.[1]);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(kinds.filter((k) => k === 'warning')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'notice')).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(kinds.indexOf('warning')).toBeGreaterThan(kinds.lastIndexOf('error'));
    // 2 errors and 2 infos left out (the 10th notice slot holds the note).
    expect(lines.at(-2)).toBe(
      '::notice title=policy-why::4 more findings not shown here: GitHub shows at most 10 annotations of each kind per step (22 shown). See them all in the code scanning results (SARIF), or run policy-why check locally',
    );
  });

  it('nothing left out: no note; suppressed findings are not annotated', async () => {
    const result = await manyFindings({ error: 10, warning: 10, info: 10 });
    expect(render('github', result)).not.toContain('not shown here');
    const quiet: CheckResult = { ...result, findings: result.findings.map((f) => ({ ...f, suppressed: { kind: 'config', reason: 'accepted' } })) };
    expect(render('github', quiet)).not.toContain('::');
  });
});

describe('--format markdown', () => {
  it('escapes what Markdown would act on, so user text never breaks a table cell or opens a code span', () => {
    expect(markdownText('a|b `c` $x$ <b> *y* [z](u) & \\')).toBe('a\\|b \\`c\\` \\$x\\$ \\<b\\> \\*y\\* \\[z\\](u) \\& \\\\');
    expect(markdownText('one\ntwo\r\nthree')).toBe('one two three');
  });

  it('a summary line, a table per file with the rule linked to its docs, the suppressed findings folded away', async () => {
    const result = await resultOf({ 'p|1.json': NON_ASCII.replace('😀가', 'a|b`c'), 'ok.json': NON_ASCII });
    const [first, second] = result.findings;
    const withSuppressed: CheckResult = { ...result, findings: [first!, { ...second!, suppressed: { kind: 'inline', reason: 'website | public' } }] };
    const md = render('markdown', withSuppressed);
    expect(md).toContain('**1 error, 0 warnings, 0 infos in 2 files (2 policies read)**');
    expect(md).toContain('#### `ok.json`');
    expect(md).toContain(
      `| ${first!.span.line}:${first!.span.column} | error | [notprincipal-with-allow](https://github.com/example/policy-why/blob/HEAD/docs/rules/notprincipal-with-allow.md) | ${markdownText(first!.message.en)} |`,
    );
    expect(md).toContain('<details>\n<summary>1 finding suppressed</summary>');
    expect(md).toContain('| p\\|1.json |');
    expect(md).toContain('website \\| public');
    // Every table row has the same number of unescaped cell separators as its header.
    for (const table of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const cells = table.split('\n').map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(cells).size, table).toBe(1);
    }
  });

  it('a file name with backticks is still one code span in its heading', async () => {
    const md = render('markdown', await resultOf({ 'a`b.json': NON_ASCII }));
    expect(md).toContain('#### ``a`b.json``');
  });
});
