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
