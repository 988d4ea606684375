import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/json/index.js';
import { parsePolicy } from '../../src/parse/index.js';
import { RULES, runRules } from '../../src/rules/index.js';
import type { PolicyType } from '../../src/model/policy.js';

/** Each rule: a table of statements it must pass and statements it must flag, with the flagged position. */

function policy(statements: unknown[], policyType: PolicyType = 'resource') {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return parsePolicy(readJson(text, 'bucket.json').root, { file: 'bucket.json', label: 'bucket.json', ref: { file: 'bucket.json', pointer: '' }, policyType });
}

const CASES: Record<string, { valid: unknown[][]; invalid: { statements: unknown[]; at: { statementIndex: number; line: number; column: number }[] }[] }> = {
  'notprincipal-with-allow': {
    valid: [
      [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: '*' }],
      [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }],
    ],
    invalid: [
      {
        statements: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
          { Sid: 'Everyone', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 's3:GetObject', Resource: '*' },
        ],
        // The NotPrincipal element's value, line 13, column 23 in the document JSON.stringify prints.
        at: [{ statementIndex: 1, line: 13, column: 23 }],
      },
    ],
  },
};

describe('rules: valid and invalid tables', () => {
  it('every rule has a table, a docs page and an id in the rules catalogue', () => {
    const catalogue = existsSync('../shared/rules-catalogue.md') ? readFileSync('../shared/rules-catalogue.md', 'utf8') : undefined;
    for (const rule of RULES) {
      expect(CASES[rule.meta.id], rule.meta.id).toBeDefined();
      expect(existsSync(rule.meta.docs), rule.meta.docs).toBe(true);
      if (catalogue) expect(catalogue).toContain(`| ${rule.meta.id} |`);
    }
  });

  for (const [id, table] of Object.entries(CASES)) {
    it.each(table.valid.map((v, i) => [i, v] as const))(`${id}: valid #%i has no finding`, (_i, statements) => {
      expect(runRules(policy(statements)).filter((f) => f.rule === id)).toEqual([]);
    });
    it.each(table.invalid.map((v, i) => [i, v] as const))(`${id}: invalid #%i is flagged at the element`, (_i, { statements, at }) => {
      const found = runRules(policy(statements)).filter((f) => f.rule === id);
      expect(found.map((f) => ({ statementIndex: f.statementIndex, line: f.span.line, column: f.span.column }))).toEqual(at);
      for (const f of found) {
        expect(f.message.en).toMatch(/^statement "Everyone" allows every principal/);
        expect(f.message.ko).toContain('"Everyone"');
      }
    });
  }
});
