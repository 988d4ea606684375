import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonNode } from '../../src/json/index.js';
import { toPlain } from '../../src/json/index.js';
import { scanText } from '../../src/input/index.js';
import { loadSchema, schemaDiagnostics } from '../../src/parse/schema.js';
import { hasPolicyShape } from '../../src/parse/shape.js';
import type { RuleTable } from '../rules/table.js';

/**
 * The parser skips the JSON Schema for a document `hasPolicyShape` accepts (`check` reads thousands). That is
 * safe only if `hasPolicyShape` says true exactly when the schema accepts: then the schema would have given no
 * diagnostic, and the parser's diagnostics are the same with the shortcut as without it. Held here over every
 * policy the readers find in the test corpus, the samples and the rule tables, and over altered copies of each.
 */
const validatePolicy = loadSchema('policy.schema.json');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(json|ya?ml|ts)$/.test(f) && !p.includes(`${join('test', 'rules', 'cases')}`) && !/\.test\.ts$|helpers|table\.ts$/.test(p) ? [p] : [];
  });
}

const tables = await Promise.all(
  readdirSync(new URL('../rules/cases/', import.meta.url))
    .filter((f) => f.endsWith('.ts'))
    .map(async (f) => ((await import(`../rules/cases/${f.replace(/\.ts$/, '')}.ts`)) as { table: RuleTable }).table),
);

/** Every policy tree the readers find: corpus and sample files, and every rule table case. */
function policyRoots(): JsonNode[] {
  const texts: [string, string][] = [
    ...[...files('test/corpus'), ...files('test/fixtures'), ...files('samples')].map((p) => [basename(p), readFileSync(p, 'utf8')] as [string, string]),
    ...tables.flatMap((t) => [...t.valid, ...t.invalid].map((c) => [c.file ?? 'policy.json', c.text] as [string, string])),
  ];
  const found = texts.flatMap(([file, text]) => {
    try {
      return scanText(file, text, {}).policies.map((p) => p.root);
    } catch {
      return [];
    }
  });
  // The same document written twice (a sample and its rule case) is tested once.
  const seen = new Set<string>();
  return found.filter((root) => {
    const key = JSON.stringify(toPlain(root));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const REPLACEMENTS: JsonNode[] = [
  { kind: 'string', span: at, value: '*' },
  { kind: 'string', span: at, value: 'Allow' },
  { kind: 'string', span: at, value: '2012-10-17' },
  { kind: 'number', span: at, value: 1, raw: '1' },
  { kind: 'number', span: at, value: Infinity, raw: '1e999' },
  { kind: 'boolean', span: at, value: true },
  { kind: 'null', span: at, value: null },
  { kind: 'array', span: at, elements: [] },
  { kind: 'array', span: at, elements: [{ kind: 'string', span: at, value: 'x' }] },
  { kind: 'array', span: at, elements: [{ kind: 'number', span: at, value: 2, raw: '2' }] },
  { kind: 'array', span: at, elements: [{ kind: 'array', span: at, elements: [] }] },
  { kind: 'object', span: at, members: [] },
  { kind: 'object', span: at, members: [{ key: 'AWS', keySpan: at, value: { kind: 'string', span: at, value: 'x' } }] },
];

/**
 * Copies of `root` with one change each: a member removed, renamed, doubled, or a value replaced. `exact` is
 * false for a doubled member: `hasPolicyShape` leaves a key written twice to the schema, which reads the last.
 */
function* variants(root: JsonNode): Generator<{ v: JsonNode; exact: boolean }> {
  const edit = function* (node: JsonNode, rebuild: (n: JsonNode) => JsonNode): Generator<{ v: JsonNode; exact: boolean }> {
    for (const r of REPLACEMENTS) yield { v: rebuild(r), exact: true };
    if (node.kind === 'object') {
      for (let i = 0; i < node.members.length; i++) {
        const m = node.members[i]!;
        const members = (ms: typeof node.members) => rebuild({ ...node, members: ms });
        yield { v: members(node.members.filter((_, j) => j !== i)), exact: true };
        yield { v: members(node.members.map((x, j) => (j === i ? { ...x, key: x.key === 'Action' ? 'NotAction' : `${x.key}s` } : x))), exact: true };
        yield { v: members([...node.members, m]), exact: false };
        yield* edit(m.value, (v) => members(node.members.map((x, j) => (j === i ? { ...x, value: v } : x))));
      }
    } else if (node.kind === 'array') {
      for (let i = 0; i < node.elements.length; i++) {
        const elements = (es: JsonNode[]) => rebuild({ ...node, elements: es });
        yield { v: elements(node.elements.filter((_, j) => j !== i)), exact: true };
        yield* edit(node.elements[i]!, (v) => elements(node.elements.map((x, j) => (j === i ? v : x))));
      }
    }
  };
  yield { v: root, exact: true };
  yield* edit(root, (n) => n);
}

function hasInfinity(node: JsonNode): boolean {
  if (node.kind === 'number') return !Number.isFinite(node.value);
  if (node.kind === 'array') return node.elements.some(hasInfinity);
  return node.kind === 'object' && node.members.some((m) => hasInfinity(m.value));
}

describe('hasPolicyShape: the schema, without the schema', () => {
  const roots = policyRoots();

  it('finds the policies to test against (corpus, samples, rule tables)', () => {
    expect(roots.length).toBeGreaterThan(500);
  });

  it('says true exactly when schemas/policy.schema.json accepts, for every policy found and altered copies of one in six', () => {
    let accepted = 0;
    let refused = 0;
    // Every policy as found; one in six also altered in every way (all of them: a million documents, too slow for every run).
    for (const [i, root] of roots.entries()) {
      for (const { v, exact } of i % 6 === 0 ? variants(root) : [{ v: root, exact: true }]) {
        const shape = hasPolicyShape(v);
        const schema = validatePolicy()(toPlain(v));
        // Never true where the schema refuses (the shortcut would hide a diagnostic).
        if (shape && !schema) expect.fail(`accepted what the schema refuses: ${JSON.stringify(toPlain(v))}`);
        // And false only where the schema refuses, but for the two cases left to the schema on purpose: a key
        // written twice, and a number too large for a double (Infinity).
        if (!shape && schema && exact && !hasInfinity(v)) expect.fail(`refused what the schema accepts: ${JSON.stringify(toPlain(v))}`);
        if (shape) accepted++;
        else refused++;
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(50_000);
  }, 60_000);

  it('a document it accepts has no schema diagnostic, so skipping the schema changes no diagnostic', () => {
    for (const root of roots.filter(hasPolicyShape)) {
      expect(schemaDiagnostics(validatePolicy, root, 'policy.json', { code: 'policy-element-invalid' })).toEqual([]);
    }
  });
});
