import { parseOperator } from '../../iam/operators.js';

/** What a condition operator asks of a key, as every words table needs it: parsed once, not re-read from its name. */
export interface RequirementShape {
  kind: 'null' | 'ip' | 'like' | 'compare' | 'equals';
  negated: boolean;
  /** For numeric and date comparisons. */
  cmp?: 'lt' | 'le' | 'gt' | 'ge';
  /** For Null: true when the policy asks for the key to be absent. */
  absent?: boolean;
  /** A Date comparison (before/after) rather than a Numeric one (less/greater). */
  date?: boolean;
}

const CMP: Readonly<Record<string, RequirementShape['cmp']>> = { lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' };

/**
 * The shape of an operator from the operator table (`iam/operators.ts`). ArnEquals compares like ArnLike
 * but is worded as equality, as its name says.
 */
export function requirementShape(operator: string, policyValues: readonly string[]): RequirementShape {
  const parsed = parseOperator(operator);
  if ('error' in parsed) return { kind: 'equals', negated: false };
  const base = parsed.base;
  if (base.family === 'Null') return { kind: 'null', negated: false, absent: policyValues.some((v) => v.toLowerCase() === 'true') };
  if (base.family === 'IpAddress') return { kind: 'ip', negated: base.negated };
  if (base.name.includes('Like')) return { kind: 'like', negated: base.negated };
  const cmp = CMP[base.comparison];
  if (cmp) return { kind: 'compare', negated: base.negated, cmp, ...(base.family === 'Date' ? { date: true } : {}) };
  return { kind: 'equals', negated: base.negated };
}
