import type { ConditionTrace } from '../model/evaluation.js';

/** Words for evaluation results, shared by the evaluator's reasons and the renderers. */

/** `StringEquals s3:x-amz-acl must be "public-read", request has "private"` */
export function conditionSummary(t: ConditionTrace): string {
  return `${t.operator} ${t.key} ${requirement(t)}, request has ${t.requestValue === null ? 'no value' : JSON.stringify(t.requestValue)}`;
}

/** What a condition requires of the key, in words: `must be "AES256"`, `must not be in 10.0.0.0/8`. */
export function requirement(t: ConditionTrace): string {
  const op = t.operator.replace(/^For(Any|All)Value:/, '').replace(/IfExists$/, '');
  const vs = t.policyValues.map((v) => JSON.stringify(v));
  const list = vs.length === 1 ? vs[0]! : `one of ${vs.join(', ')}`;
  const negated = /Not/.test(op);
  if (op === 'Null') return t.policyValues.some((v) => v.toLowerCase() === 'true') ? 'must be absent' : 'must be present';
  if (/IpAddress/.test(op)) return `${negated ? 'must not be' : 'must be'} in ${vs.length === 1 ? t.policyValues[0] : `one of ${t.policyValues.join(', ')}`}`;
  if (/Like/.test(op)) return `${negated ? 'must not match' : 'must match'} ${list}`;
  const cmp = /LessThanEquals$/.test(op) ? '≤' : /LessThan$/.test(op) ? '<' : /GreaterThanEquals$/.test(op) ? '≥' : /GreaterThan$/.test(op) ? '>' : undefined;
  if (cmp) return `must be ${cmp} ${list}`;
  return `${negated ? 'must not be' : 'must be'} ${list}`;
}

/** Organization levels count from the root: 0 is the root, the last is the account. */
export function levelName(level: number, count: number): string {
  if (level === 0) return 'the root';
  if (level === count - 1) return 'the account';
  return `OU ${level}`;
}
