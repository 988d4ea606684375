import { writeFileSync } from 'node:fs';
import type { CheckResult } from '../../model/check.js';
import { InputError } from '../../model/errors.js';
import { member } from '../../json/index.js';
import { readJsonFile } from '../files.js';

/**
 * A baseline: the findings a repository accepted when it adopted `check`, by fingerprint. A fingerprint is
 * line-free and names the rule, the file, the policy, the statement and the offending element, so a finding
 * is absorbed only by the same problem in the same place: never by a new violation elsewhere.
 */
export function readBaseline(path: string, shownAs: string): ReadonlySet<string> {
  const { root } = readJsonFile(path, shownAs);
  const findings = root.kind === 'object' ? member(root, 'findings')?.value : undefined;
  if (root.kind !== 'object' || findings?.kind !== 'array') {
    throw new InputError('is not a policy-why baseline: expected an object with a `findings` array (write one with --write-baseline)', {
      source: shownAs,
      line: root.span.line,
      column: root.span.column,
    });
  }
  const out = new Set<string>();
  for (const f of findings.elements) {
    const fp = f.kind === 'object' ? member(f, 'fingerprint')?.value : undefined;
    if (fp?.kind !== 'string')
      throw new InputError('a baseline entry without a `fingerprint` string', { source: shownAs, line: f.span.line, column: f.span.column });
    out.add(fp.value);
  }
  return out;
}

/** The baseline of a result: every unsuppressed finding, with its rule, file and message for people reading it. */
function baselineText(result: CheckResult): string {
  const findings = result.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      fingerprint: f.fingerprint,
      rule: f.rule,
      file: f.file,
      ...(f.policy ? { policy: f.policy.pointer } : {}),
      ...(f.statement?.sid !== undefined ? { sid: f.statement.sid } : {}),
      message: f.message.en,
    }));
  return `${JSON.stringify({ version: 1, findings }, null, 2)}\n`;
}

/** Writes a baseline file; an unwritable path is an InputError naming it. */
export function writeBaseline(path: string, shownAs: string, result: CheckResult): void {
  try {
    writeFileSync(path, baselineText(result));
  } catch (e) {
    throw new InputError(`cannot write the baseline (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { source: shownAs });
  }
}
