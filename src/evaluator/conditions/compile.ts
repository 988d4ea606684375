import type { Condition, ParsedOperator } from '../../model/policy.js';
import type { ConditionTrace } from '../../model/evaluation.js';
import type { ContextEntry } from '../../model/request.js';
import { parseArn } from '../../iam/arn.js';
import { cidrContains, parseCidrStrict, parseIpStrict } from '../../iam/ip.js';
import { parseBase64, parseBool, parseDate, parseNumber } from '../../iam/values.js';
import { compileArnPattern } from '../match/arn.js';
import { parseTemplate, piecesText, resolveTemplate, type VariableLookup } from '../match/template.js';
import { compilePieces } from '../match/wildcard.js';

type TestResult = boolean | { error: string };
/** Compares one request value against one policy value. */
type ValueTest = (requestValue: string, lookup: VariableLookup) => TestResult;

/** One operator + key pair of a Condition block, compiled once per policy. */
export interface CompiledCondition extends Condition {
  keyLower: string;
  tests: ValueTest[];
}

export function compileCondition(c: Condition, options: { variables: boolean }): CompiledCondition {
  const tests = c.values.map((v) => compileValueTest(c.operator, v.text, options.variables));
  return { ...c, keyLower: c.key.toLowerCase(), tests };
}

const fail =
  (error: string): ValueTest =>
  () => ({ error });

function compileValueTest(op: ParsedOperator, text: string, variables: boolean): ValueTest {
  const base = op.base;
  switch (base.family) {
    case 'String': {
      // Policy variables work in String, Arn and Bool operators (IAM User Guide, "Condition operators").
      const like = base.comparison === 'like';
      const t = parseTemplate(text, { variables, wildcards: like });
      if (like) {
        if (!t.hasVariables) {
          const m = compilePieces(t.pieces as never, text);
          return (v) => m.test(v);
        }
        return (v, lookup) => {
          const r = resolveTemplate(t, lookup);
          // A variable with no value and no default is "effectively null": the value matches nothing.
          return r.unresolved ? false : compilePieces(r.pieces, text).test(v);
        };
      }
      const ignoreCase = base.comparison === 'ignoreCase';
      const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
      if (!t.hasVariables) {
        const fixed = norm(piecesText(t.pieces as never));
        return (v) => norm(v) === fixed;
      }
      return (v, lookup) => {
        const r = resolveTemplate(t, lookup);
        return r.unresolved ? false : norm(v) === norm(piecesText(r.pieces));
      };
    }
    case 'Numeric': {
      const p = parseNumber(text);
      if (p === null) return fail(`policy value \`${text}\` is not a number`);
      return (v) => {
        const n = parseNumber(v);
        return n === null ? { error: `request value \`${v}\` is not a number` } : compare(base.comparison, n, p);
      };
    }
    case 'Date': {
      const p = parseDate(text);
      if (p === null) return fail(`policy value \`${text}\` is not an ISO 8601 date or epoch seconds`);
      return (v) => {
        const n = parseDate(v);
        return n === null ? { error: `request value \`${v}\` is not a date` } : compare(base.comparison, n, p);
      };
    }
    case 'Bool': {
      // "Policy variables – Supported" for Boolean operators (IAM User Guide, "Condition operators"),
      // although the policy-variables page lists Boolean among the operators without them; the
      // operator page is the specific one. A variable without a value matches nothing.
      const t = variables ? parseTemplate(text, { variables, wildcards: false }) : undefined;
      if (t?.hasVariables) {
        return (v, lookup) => {
          const r = resolveTemplate(t, lookup);
          if (r.unresolved) return false;
          const resolved = piecesText(r.pieces);
          const p = parseBool(resolved);
          if (p === null) return { error: `policy value \`${text}\` resolves to \`${resolved}\`, which is not true or false` };
          const b = parseBool(v);
          return b === null ? { error: `request value \`${v}\` is not true or false` } : b === p;
        };
      }
      const p = parseBool(text);
      if (p === null) return fail(`policy value \`${text}\` is not true or false`);
      return (v) => {
        const b = parseBool(v);
        return b === null ? { error: `request value \`${v}\` is not true or false` } : b === p;
      };
    }
    case 'Binary': {
      const p = parseBase64(text);
      if (p === null) return fail(`policy value \`${text}\` is not base64`);
      return (v) => {
        const b = parseBase64(v);
        return b === null ? { error: `request value \`${v}\` is not base64` } : b === p;
      };
    }
    case 'IpAddress': {
      const range = parseCidrStrict(text);
      if (!range) return fail(`policy value \`${text}\` is not an IP address or CIDR range`);
      return (v) => {
        const ip = parseIpStrict(v);
        return ip === null ? { error: `request value \`${v}\` is not an IP address` } : cidrContains(range, ip);
      };
    }
    case 'Arn': {
      const pattern = compileArnPattern(text, { variables });
      return (v, lookup) => {
        const arn = parseArn(v);
        if (!arn) return { error: `request value \`${v}\` is not an ARN` };
        const r = pattern.test(arn, v, lookup);
        return r.unresolved ? false : r.matched;
      };
    }
    case 'Null': {
      const p = parseBool(text);
      if (p === null) return fail(`Null takes true or false, not \`${text}\``);
      // Only consulted when the key is present: a present key is "not null".
      return () => p === false;
    }
  }
}

function compare(c: string, a: number, b: number): boolean {
  switch (c) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    default:
      return false;
  }
}

/** Three-valued result: true, false, or an error that the statement's effect turns into a safe answer. */
type Tri = boolean | { error: string };

/**
 * Evaluates one condition against a context entry (undefined when the key is absent).
 * Semantics per "IAM JSON policy elements: Condition operators" and "Single-valued vs. multivalued
 * context keys"; see docs/aws-semantics.md for the quotes behind each branch.
 */
export function evaluateCondition(c: CompiledCondition, entry: ContextEntry | undefined, lookup: VariableLookup, effect: 'Allow' | 'Deny'): ConditionTrace {
  const op = c.operator;
  const base = op.base;
  const trace = (result: Tri, reason: string): ConditionTrace => {
    const t: ConditionTrace = {
      operator: op.text,
      key: c.key,
      policyValues: c.values.map((v) => v.text),
      requestValue: entry ? entry.display : null,
      result: result === true,
      reason,
      line: c.keySpan.line,
      column: c.keySpan.column,
    };
    if (entry) t.requestValueOrigin = entry.origin;
    if (typeof result === 'object') t.error = result.error;
    return t;
  };

  const absent = !entry || entry.values.length === 0;
  if (base.family === 'Null') {
    const wantsNull = c.values.some((v) => parseBool(v.text) === true);
    const wantsPresent = c.values.some((v) => parseBool(v.text) === false);
    const bad = c.values.find((v) => parseBool(v.text) === null);
    if (bad) return trace({ error: `Null takes true or false, not \`${bad.text}\`` }, 'the Null operator takes true or false');
    const ok = absent ? wantsNull : wantsPresent;
    return trace(
      ok,
      absent ? `key is absent, so Null ${wantsNull ? 'true holds' : 'false fails'}` : `key is present, so Null ${wantsPresent ? 'false holds' : 'true fails'}`,
    );
  }
  if (absent) {
    const what = !entry ? 'key is absent from the request' : 'key has no values';
    if (op.ifExists) return trace(true, `${what}; IfExists makes the condition true`);
    if (op.set === 'ForAllValues') return trace(true, `${what}; ForAllValues is true for an absent or empty key`);
    if (op.set === 'ForAnyValue') return trace(false, `${what}; ForAnyValue needs at least one value`);
    if (base.negated) return trace(true, `${what}; a negated operator is true when the key is absent`);
    return trace(false, `${what}, so the condition cannot match`);
  }
  // "ForAllValues ... also returns true if there are no keys in the request, or if the key values resolve
  // to a null data set, such as an empty string"; ForAnyValue: "For no matching key or a null dataset, the
  // condition returns false" ("Creating a condition with multiple keys or values"). The key is present, so
  // IfExists does not apply.
  if (op.set && entry.values.every((v) => v === '')) {
    if (op.set === 'ForAllValues') return trace(true, 'key values are empty strings (a null data set); ForAllValues is true for a null data set');
    return trace(false, 'key values are empty strings (a null data set); ForAnyValue needs at least one value');
  }

  // For each request value: does it match any policy value (values under one key are ORed)?
  const perValue: Tri[] = entry.values.map((v) => matchAny(c, v, lookup));
  const negate = (r: Tri): Tri => (typeof r === 'object' ? r : !r);
  const f = base.negated ? negate : (r: Tri): Tri => r;

  let result: Tri;
  let how: string;
  if (op.set === 'ForAllValues') {
    result = all(perValue.map(f));
    how = 'every request value must ' + (base.negated ? 'match none of' : 'match one of') + ' the policy values';
  } else if (op.set === 'ForAnyValue') {
    result = any(perValue.map(f));
    how = 'at least one request value must ' + (base.negated ? 'match none of' : 'match one of') + ' the policy values';
  } else if (entry.values.length > 1) {
    // AWS does not define an unqualified operator on several request values ("Multivalued context
    // keys require a condition set operator"). Read it so that Allowed is never reported wrongly:
    // an Allow needs every value to satisfy it, a Deny applies if any value does.
    if (effect === 'Allow') {
      result = all(perValue.map(f));
      how = `several request values without ForAnyValue/ForAllValues (undefined by AWS; read strictly for an Allow): every value must ${base.negated ? 'match none of' : 'match one of'} the policy values`;
    } else {
      result = any(perValue.map(f));
      how = `several request values without ForAnyValue/ForAllValues (undefined by AWS; read broadly for a Deny): any value that ${base.negated ? 'matches none of' : 'matches one of'} the policy values suffices`;
    }
  } else {
    result = f(perValue[0]!);
    how = base.negated ? 'the request value must match none of the policy values' : 'the request value must match one of the policy values';
  }
  const reason = typeof result === 'object' ? `cannot compare: ${result.error}` : `${result ? 'holds' : 'fails'}: ${how}`;
  return trace(result, reason);
}

function matchAny(c: CompiledCondition, v: string, lookup: VariableLookup): Tri {
  let err: { error: string } | undefined;
  for (const test of c.tests) {
    const r = test(v, lookup);
    if (r === true) return true;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? false;
}

function any(rs: Tri[]): Tri {
  let err: { error: string } | undefined;
  for (const r of rs) {
    if (r === true) return true;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? false;
}

function all(rs: Tri[]): Tri {
  let err: { error: string } | undefined;
  for (const r of rs) {
    if (r === false) return false;
    if (typeof r === 'object') err ??= r;
  }
  return err ?? true;
}
