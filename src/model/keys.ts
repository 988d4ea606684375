import type { StatementLocation } from './evaluation.js';
import type { Effect } from './policy.js';

/**
 * The one identity of "the same statement", wherever it is needed (deciding entries, closest statements,
 * Deny removals, de-duplication across chained requests): its layer, level, document, position in the
 * layer and index in the document.
 */
export function statementKey(s: {
  policyType: string;
  level?: number | undefined;
  source?: string | undefined;
  policyIndex?: number | undefined;
  statementIndex?: number | undefined;
}): string {
  return JSON.stringify([s.policyType, s.level ?? null, s.source ?? null, s.policyIndex ?? null, s.statementIndex ?? null]);
}

/**
 * A statement's location and effect as a fresh object, keys in the order the JSON report prints them:
 * the one builder for deciding entries and reported statements.
 */
export function locationOf(m: StatementLocation & { effect: Effect }): StatementLocation & { effect: Effect } {
  return {
    policyType: m.policyType,
    source: m.source,
    policyIndex: m.policyIndex,
    ...(m.level !== undefined ? { level: m.level } : {}),
    statementIndex: m.statementIndex,
    ...(m.sid !== undefined ? { sid: m.sid } : {}),
    effect: m.effect,
    line: m.line,
    column: m.column,
  };
}
