import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/input/index.js';
import { checkScans, RULES } from '../../src/rules/index.js';
import type { RuleCase, RuleTable } from './table.js';

/** Every rule's table, one file per rule in `cases/` named by its id (no shared list to edit). */
const CASES: Readonly<Record<string, RuleTable>> = Object.fromEntries(
  await Promise.all(
    readdirSync(new URL('./cases/', import.meta.url))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map(async (f) => [f.replace(/\.ts$/, ''), ((await import(`./cases/${f}`)) as { table: RuleTable }).table] as const),
  ),
);

/**
 * Each rule: a table of documents it must pass and documents it must flag, with the flagged rule, line and
 * column (ESLint's RuleTester). Every case runs through the whole `check` pipeline on a file of its own:
 * the reader, the parser (whose diagnostics are the P rules) and every rule.
 */

/** Rules policy-why adds to the catalogue's list, each with a docs page that says so. */
const NEW_RULES: ReadonlySet<string> = new Set(['iac-not-resolved']);

async function findings(c: RuleCase) {
  const scan = scanText(c.file ?? 'policy.json', c.text, c.policyType ? { typeOf: () => ({ policyType: c.policyType! }) } : {});
  return (await checkScans([scan], { serviceDataDate: 'test' })).findings;
}

describe('rules: valid and invalid tables', () => {
  it('the registry is sorted by id, ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every rule has a table with valid and invalid cases, a docs page and an id in the rules catalogue', () => {
    const catalogue = existsSync('../shared/rules-catalogue.md') ? readFileSync('../shared/rules-catalogue.md', 'utf8') : undefined;
    for (const rule of RULES) {
      const table = CASES[rule.meta.id];
      expect(table, `${rule.meta.id} has no table in test/rules/cases/<id>.ts`).toBeDefined();
      expect(table!.valid.length, `${rule.meta.id} valid cases`).toBeGreaterThan(0);
      expect(table!.invalid.length, `${rule.meta.id} invalid cases`).toBeGreaterThan(0);
      expect(rule.meta.docs).toBe(`docs/rules/${rule.meta.id}.md`);
      expect(existsSync(rule.meta.docs), rule.meta.docs).toBe(true);
      if (catalogue && !NEW_RULES.has(rule.meta.id)) expect(catalogue).toContain(`| ${rule.meta.id} |`);
    }
    for (const id of Object.keys(CASES)) expect(RULES.map((r) => r.meta.id)).toContain(id);
  });

  for (const [id, table] of Object.entries(CASES)) {
    it.each(table.valid.map((v, i) => [i, v] as const))(`${id}: valid #%i has no finding of the rule`, async (_i, c) => {
      expect((await findings(c)).filter((f) => f.rule === id)).toEqual([]);
    });
    it.each(table.invalid.map((v, i) => [i, v] as const))(`${id}: invalid #%i is flagged on the element`, async (_i, c) => {
      const found = (await findings(c)).filter((f) => f.rule === id);
      expect(found.map((f) => ({ line: f.span.line, column: f.span.column }))).toEqual(c.at);
      if (c.message) for (const f of found) expect(f.message.en).toMatch(c.message);
      for (const f of found) expect(f.message.ko.length).toBeGreaterThan(0);
    });
  }
});
