import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/index.js';
import type { DecidingEntry, Decision } from '../src/index.js';
import { readRequestObject } from '../src/input/index.js';
import { completeRequest } from '../src/request/index.js';
import { applyChanges } from '../src/explain/index.js';
import { compile, decide } from '../src/evaluator/index.js';

/**
 * Held-out corpus: every test/corpus/**\/*.json is one case taken from AWS's documentation (policy,
 * described request, documented outcome). Shape:
 *
 *   { "description", "source", "quote",
 *     "request": { ...a request document, usually with inline policies... },
 *     "expect": { "decision": "Allowed" | "ExplicitDeny" | "ImplicitDeny",
 *                 "deciding"?: [ { "policyType", "sid"?, "level"?, "action"? } ],
 *                 "notes"?: [ note kinds the output must include, e.g. "missingObject" ] },
 *     "knownFailure"?: "why policy-why disagrees with the documented outcome",
 *     "docConflict"?: "where AWS pages disagree about this outcome, and which reading the case follows" }
 *
 * The deciding set is compared as a set of keys: for ExplicitDeny and Allowed, policyType + sid
 * (+ action for chained requests); for ImplicitDeny, policyType (+ level for SCP/RCP levels)
 * (+ action). For Allowed, `deciding` may be omitted (then only the decision is checked).
 *
 * A case with `knownFailure` records a documented outcome policy-why does not reproduce: it runs
 * with `it.fails`, so CI stays green while the disagreement stays visible (and the test turns red
 * the day policy-why starts agreeing, so the marker gets removed).
 */

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const NOW = new Date('2026-01-01T00:00:00Z');
const DECISIONS: readonly Decision[] = ['Allowed', 'ExplicitDeny', 'ImplicitDeny'];

interface ExpectedEntry {
  policyType: string;
  sid?: string;
  level?: number;
  action?: string;
}

interface CorpusCase {
  description: string;
  source: string;
  quote: string;
  request: unknown;
  expect: { decision: Decision; deciding?: ExpectedEntry[]; notes?: string[] };
  knownFailure?: string;
}

function listJson(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listJson(p));
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

function load(file: string): CorpusCase {
  const c = JSON.parse(readFileSync(file, 'utf8')) as CorpusCase;
  const where = relative(CORPUS, file);
  if (typeof c !== 'object' || c === null) throw new Error(`${where}: not a JSON object`);
  for (const k of ['description', 'source', 'quote'] as const) {
    if (typeof c[k] !== 'string' || c[k].length === 0) throw new Error(`${where}: "${k}" must be a non-empty string`);
  }
  if (typeof c.request !== 'object' || c.request === null) throw new Error(`${where}: "request" must be an object`);
  if (!c.expect || !DECISIONS.includes(c.expect.decision)) throw new Error(`${where}: expect.decision must be one of ${DECISIONS.join(', ')}`);
  if (c.expect.decision !== 'Allowed' && !Array.isArray(c.expect.deciding)) {
    throw new Error(`${where}: expect.deciding is required for ${c.expect.decision}`);
  }
  if (c.knownFailure !== undefined && (typeof c.knownFailure !== 'string' || c.knownFailure.length === 0)) {
    throw new Error(`${where}: "knownFailure" must be a non-empty string when present`);
  }
  return c;
}

/** The comparison key of one deciding entry, per the decision (see the header comment). */
function key(decision: Decision, d: { policyType: string; sid?: string; level?: number; action?: string }): string {
  const parts = [d.policyType];
  if (decision === 'ImplicitDeny') parts.push(d.level === undefined ? '' : String(d.level));
  else parts.push(d.sid ?? '');
  parts.push(d.action ?? '');
  return parts.join('|');
}

const keys = (decision: Decision, entries: readonly (ExpectedEntry | DecidingEntry)[]): string[] => [...new Set(entries.map((d) => key(decision, d)))].sort();

const files = listJson(CORPUS);

describe('AWS documentation corpus', () => {
  it('has cases', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = relative(CORPUS, file).split(sep).join('/');
    let c: CorpusCase;
    try {
      c = load(file);
    } catch (err) {
      it(name, () => {
        throw err;
      });
      continue;
    }
    const title = `${name}: ${c.description}`;
    const run = async () => {
      const report = await evaluate(c.request, { baseDir: dirname(file), now: NOW });
      const actual = { decision: report.decision, deciding: keys(report.decision as Decision, report.deciding) };
      const expected = {
        decision: c.expect.decision,
        deciding: c.expect.deciding === undefined ? actual.deciding : keys(c.expect.decision, c.expect.deciding),
      };
      expect(actual, `${c.source}\n"${c.quote}"\nsummary: ${report.summary}`).toEqual(expected);
      const kinds = report.notes.map((n) => n.kind);
      for (const k of c.expect.notes ?? []) expect(kinds, `note ${k}`).toContain(k);
    };
    if (c.knownFailure !== undefined) it.fails(`${title} [known failure: ${c.knownFailure}]`, run);
    else it(title, run);
    // "Every printed fix, applied to the request, flips it to Allowed": checked on every case.
    it(`${name}: every printed fix flips the decision to Allowed`, async () => {
      const report = await evaluate(c.request, { baseDir: dirname(file), now: NOW });
      if (report.decision === 'Allowed') {
        expect(report.fixes).toEqual([]);
        return;
      }
      const loaded = await completeRequest(await readRequestObject(c.request, { baseDir: dirname(file), displayDir: dirname(file), now: NOW }));
      for (const fix of report.fixes) {
        const applied = applyChanges(loaded.request, loaded.policies, fix.changes);
        expect(decide(applied.request, compile(applied.policies)).decision, fix.summary).toBe('Allowed');
      }
    });
  }
});
