import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRequestFile } from '../../src/input/index.js';
import { completeRequest } from '../../src/request/index.js';
import { explain } from '../../src/explain/report.js';
import { applyChanges } from '../../src/explain/index.js';
import { compile, decide } from '../../src/evaluator/index.js';

/**
 * Every printed fix, applied to the request and decided again, turns it to Allowed; and every denied
 * sample whose story has a policy or request fix gets at least one.
 */
const NOW = new Date('2026-01-01T00:00:00Z');
const requests = readdirSync('samples')
  .filter((d) => statSync(join('samples', d)).isDirectory())
  .flatMap((d) =>
    readdirSync(join('samples', d))
      .filter((f) => /(^request|^fixed|\.request)\.json$/.test(f))
      .map((f) => join('samples', d, f)),
  )
  .sort();

describe.each(requests)('%s', (file) => {
  it('every fix it prints flips the decision to Allowed', async () => {
    const loaded = await completeRequest(await readRequestFile(file, { now: NOW, displayDir: process.cwd() }));
    const report = explain(loaded.request, loaded.policies, loaded.notes);
    if (report.decision === 'Allowed' || report.decision === 'NotEvaluated') {
      expect(report.fixes).toEqual([]);
      return;
    }
    for (const fix of report.fixes) {
      const applied = applyChanges(loaded.request, loaded.policies, fix.changes);
      expect(decide(applied.request, compile(applied.policies)).decision, `${dirname(file)}: ${fix.summary}`).toBe('Allowed');
    }
    // Only stories whose answer lies outside every policy and header (OAI with SSE-KMS, the aws/s3
    // key across accounts) may end without a fix, and then a note says what to do.
    if (report.fixes.length === 0) expect(report.notes.some((n) => n.fix)).toBe(true);
  });
});
