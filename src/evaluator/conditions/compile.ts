import type { Condition, ParsedOperator } from '../../model/policy.js';
import type { ConditionError } from '../../model/evaluation.js';
import { parseArn } from '../../iam/arn.js';
import { hasPlaceholder } from '../../iam/placeholder.js';
import { cidrContains, parseCidrStrict, parseIpStrict } from '../../iam/ip.js';
import { parseBase64, parseBool, parseDate, parseNumber } from '../../iam/values.js';
import { compileArnPattern } from '../match/arn.js';
import { parseTemplate, piecesText, resolveTemplate, type VariableLookup } from '../match/template.js';
import { compilePieces } from '../match/wildcard.js';

type TestResult = boolean | { error: ConditionError };
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
  (error: ConditionError): ValueTest =>
  () => ({ error });

function compileValueTest(op: ParsedOperator, text: string, variables: boolean): ValueTest {
  const base = op.base;
  // A template value known only at deployment can be anything: the condition cannot be evaluated, so a
  // Deny holding it applies and an Allow does not (the evaluator's rule for condition errors).
  if (hasPlaceholder(text)) return fail({ code: 'templateValue', value: text });
  switch (base.family) {
    case 'String':
      return stringTest(base, text, variables);
    case 'Numeric': {
      const p = parseNumber(text);
      if (p === null) return fail({ code: 'policyValueType', type: 'number', value: text });
      return (v) => {
        const n = parseNumber(v);
        return n === null ? { error: { code: 'requestValueType', type: 'number', value: v } } : compare(base.comparison, n, p);
      };
    }
    case 'Date': {
      const p = parseDate(text);
      if (p === null) return fail({ code: 'policyValueType', type: 'date', value: text });
      return (v) => {
        const n = parseDate(v);
        return n === null ? { error: { code: 'requestValueType', type: 'date', value: v } } : compare(base.comparison, n, p);
      };
    }
    case 'Bool':
      return boolTest(text, variables);
    case 'Binary': {
      const p = parseBase64(text);
      if (p === null) return fail({ code: 'policyValueType', type: 'base64', value: text });
      return (v) => {
        const b = parseBase64(v);
        return b === null ? { error: { code: 'requestValueType', type: 'base64', value: v } } : b === p;
      };
    }
    case 'IpAddress': {
      const range = parseCidrStrict(text);
      if (!range) return fail({ code: 'policyValueType', type: 'ip', value: text });
      return (v) => {
        const ip = parseIpStrict(v);
        return ip === null ? { error: { code: 'requestValueType', type: 'ip', value: v } } : cidrContains(range, ip);
      };
    }
    case 'Arn': {
      const pattern = compileArnPattern(text, { variables });
      return (v, lookup) => {
        const arn = parseArn(v);
        if (!arn) return { error: { code: 'requestValueType', type: 'arn', value: v } };
        const r = pattern.test(arn, v, lookup);
        return r.unresolved ? false : r.matched;
      };
    }
    case 'Null': {
      const p = parseBool(text);
      if (p === null) return fail({ code: 'nullValue', value: text });
      // Only consulted when the key is present: a present key is "not null".
      return () => p === false;
    }
  }
}

/** String operators: exact, case-insensitive or `*`/`?` patterns, with policy variables. */
function stringTest(base: ParsedOperator['base'], text: string, variables: boolean): ValueTest {
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

/** Bool: true or false, case-insensitive; a policy variable must resolve to one of them. */
function boolTest(text: string, variables: boolean): ValueTest {
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
      if (p === null) return { error: { code: 'variableNotBool', value: text, resolved } };
      const b = parseBool(v);
      return b === null ? { error: { code: 'requestValueType', type: 'bool', value: v } } : b === p;
    };
  }
  const p = parseBool(text);
  if (p === null) return fail({ code: 'policyValueType', type: 'bool', value: text });
  return (v) => {
    const b = parseBool(v);
    return b === null ? { error: { code: 'requestValueType', type: 'bool', value: v } } : b === p;
  };
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
