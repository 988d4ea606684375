import type { ConditionError, ConditionReason, ConditionResult } from '../../model/evaluation.js';
import type { ContextEntry } from '../../model/request.js';
import { parseBool } from '../../iam/values.js';
import type { VariableLookup } from '../match/template.js';
import type { CompiledCondition } from './compile.js';

/** Three-valued result: true, false, or an error that the statement's effect turns into a safe answer. */
type Tri = boolean | { error: ConditionError };

/**
 * Evaluates one condition against a context entry (undefined when the key is absent).
 * Semantics per "IAM JSON policy elements: Condition operators" and "Single-valued vs. multivalued
 * context keys"; see docs/aws-semantics.md for the quotes behind each branch.
 */
export function evaluateCondition(c: CompiledCondition, entry: ContextEntry | undefined, lookup: VariableLookup, effect: 'Allow' | 'Deny'): ConditionResult {
  const op = c.operator;
  const base = op.base;
  const trace = (result: Tri, why: ConditionReason): ConditionResult => {
    const t: ConditionResult = {
      operator: op.text,
      op,
      key: c.key,
      policyValues: c.values.map((v) => v.text),
      requestValue: entry ? entry.display : null,
      result: result === true,
      why,
      line: c.keySpan.line,
      column: c.keySpan.column,
    };
    if (entry) t.requestValueOrigin = entry.origin;
    if (entry?.header !== undefined) t.requestValueHeader = entry.header;
    if (typeof result === 'object') t.error = result.error;
    return t;
  };

  const absent = !entry || entry.values.length === 0;
  if (base.family === 'Null') {
    const wantsNull = c.values.some((v) => parseBool(v.text) === true);
    const wantsPresent = c.values.some((v) => parseBool(v.text) === false);
    const bad = c.values.find((v) => parseBool(v.text) === null);
    if (bad) return trace({ error: { code: 'nullValue', value: bad.text } }, { code: 'nullBadValue' });
    const ok = absent ? wantsNull : wantsPresent;
    return trace(ok, { code: 'nullTested', present: !absent, holds: ok });
  }
  if (absent) {
    const empty = entry !== undefined;
    if (op.ifExists) return trace(true, { code: 'absent', empty, rule: 'ifExists' });
    if (op.set === 'ForAllValues') return trace(true, { code: 'absent', empty, rule: 'forAllValues' });
    if (op.set === 'ForAnyValue') return trace(false, { code: 'absent', empty, rule: 'forAnyValue' });
    if (base.negated) return trace(true, { code: 'absent', empty, rule: 'negated' });
    return trace(false, { code: 'absent', empty, rule: 'plain' });
  }
  // "ForAllValues ... also returns true if there are no keys in the request, or if the key values resolve
  // to a null data set, such as an empty string"; ForAnyValue: "For no matching key or a null dataset, the
  // condition returns false" ("Creating a condition with multiple keys or values"). The key is present, so
  // IfExists does not apply.
  if (op.set && entry.values.every((v) => v === '')) {
    return trace(op.set === 'ForAllValues', { code: 'nullDataSet', set: op.set });
  }

  // For each request value: does it match any policy value (values under one key are ORed)?
  const perValue: Tri[] = entry.values.map((v) => matchAny(c, v, lookup));
  const negate = (r: Tri): Tri => (typeof r === 'object' ? r : !r);
  const f = base.negated ? negate : (r: Tri): Tri => r;

  let result: Tri;
  let how: Extract<ConditionReason, { code: 'compared' }>['how'];
  if (op.set === 'ForAllValues') {
    result = all(perValue.map(f));
    how = 'forAll';
  } else if (op.set === 'ForAnyValue') {
    result = any(perValue.map(f));
    how = 'forAny';
  } else if (entry.values.length > 1) {
    // AWS does not define an unqualified operator on several request values ("Multivalued context
    // keys require a condition set operator"). Read it so that Allowed is never reported wrongly:
    // an Allow needs every value to satisfy it, a Deny applies if any value does.
    result = effect === 'Allow' ? all(perValue.map(f)) : any(perValue.map(f));
    how = effect === 'Allow' ? 'multiStrict' : 'multiBroad';
  } else {
    result = f(perValue[0]!);
    how = 'single';
  }
  if (typeof result === 'object') return trace(result, { code: 'cannotCompare', error: result.error });
  return trace(result, { code: 'compared', holds: result, how, negated: base.negated });
}

function matchAny(c: CompiledCondition, v: string, lookup: VariableLookup): Tri {
  let err: { error: ConditionError } | undefined;
  for (const test of c.tests) {
    const r = test(v, lookup);
    if (r === true) return true;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? false;
}

function any(rs: Tri[]): Tri {
  let err: { error: ConditionError } | undefined;
  for (const r of rs) {
    if (r === true) return true;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? false;
}

function all(rs: Tri[]): Tri {
  let err: { error: ConditionError } | undefined;
  for (const r of rs) {
    if (r === false) return false;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? true;
}
