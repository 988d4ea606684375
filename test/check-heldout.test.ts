import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

/**
 * A held-out-style set written by an independent tester from the rules catalogue and AWS's documentation only
 * (test/fixtures/heldout/README.md): clean files full of valid-but-scary constructs in all four formats, and
 * files each with one planted defect. Issue 10 is judged on such a set: every planted defect found with the
 * right rule on the right line, and no error or warning on the clean files. `.policy-why.json` there maps the
 * plain JSON files' types, so the runs start in that folder.
 */
const DIR = join(process.cwd(), 'test', 'fixtures', 'heldout');

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

async function findings(folder: string): Promise<Finding[]> {
  const r = await cli(['check', folder, '--format', 'json'], DIR);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as { findings: Finding[] };
  return report.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column }));
}

describe('the held-out set', () => {
  it('clean files: no error, and the one warning left is a known doubt', async () => {
    const loud = (await findings('clean')).filter((f) => f.severity === 'error' || f.severity === 'warning');
    // ForAllValues on aws:TagKeys guarded only by …IfExists conditions: the key may be absent, so the rule still
    // warns (no AWS sentence says such a guard means "absent tags are meant to pass"); see the session note.
    expect(loud.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['clean/policies/abac-secrets-identity.json:15 set-operator-misuse']);
  });

  it('planted files: every defect found with its rule on its line', async () => {
    const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, [string, number, number][]>;
    const found = await findings('planted');
    const missed: string[] = [];
    for (const [file, defects] of Object.entries(expected)) {
      for (const [rule, line] of defects) {
        if (!found.some((f) => f.file === file && f.rule === rule && f.line === line)) missed.push(`${file}:${line} ${rule}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
