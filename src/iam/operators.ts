import type { BaseOperator, Comparison, OperatorFamily, ParsedOperator, SetQualifier } from '../model/policy.js';
import { distance } from './suggest.js';

/**
 * The condition operators AWS documents ("IAM JSON policy elements: Condition operators"), as a table.
 * An operator name is `[ForAnyValue:|ForAllValues:]<Base>[IfExists]`.
 */
const table: BaseOperator[] = [];
function add(name: string, family: OperatorFamily, comparison: Comparison, negated = false): void {
  table.push({ name, family, comparison, negated });
}
add('StringEquals', 'String', 'equals');
add('StringNotEquals', 'String', 'equals', true);
add('StringEqualsIgnoreCase', 'String', 'ignoreCase');
add('StringNotEqualsIgnoreCase', 'String', 'ignoreCase', true);
add('StringLike', 'String', 'like');
add('StringNotLike', 'String', 'like', true);
add('NumericEquals', 'Numeric', 'eq');
add('NumericNotEquals', 'Numeric', 'eq', true);
add('NumericLessThan', 'Numeric', 'lt');
add('NumericLessThanEquals', 'Numeric', 'le');
add('NumericGreaterThan', 'Numeric', 'gt');
add('NumericGreaterThanEquals', 'Numeric', 'ge');
add('DateEquals', 'Date', 'eq');
add('DateNotEquals', 'Date', 'eq', true);
add('DateLessThan', 'Date', 'lt');
add('DateLessThanEquals', 'Date', 'le');
add('DateGreaterThan', 'Date', 'gt');
add('DateGreaterThanEquals', 'Date', 'ge');
add('Bool', 'Bool', 'equals');
add('BinaryEquals', 'Binary', 'equals');
add('IpAddress', 'IpAddress', 'in');
add('NotIpAddress', 'IpAddress', 'in', true);
add('ArnEquals', 'Arn', 'like');
add('ArnLike', 'Arn', 'like');
add('ArnNotEquals', 'Arn', 'like', true);
add('ArnNotLike', 'Arn', 'like', true);
add('Null', 'Null', 'null');

const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(table.map((o) => [o.name, o]));

/**
 * Parses an operator name; returns an error message for names AWS would reject. Names are
 * case-sensitive, as AWS's policy grammar spells them.
 */
export function parseOperator(text: string): ParsedOperator | { error: string } {
  let rest = text;
  let set: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    if (q !== 'ForAnyValue' && q !== 'ForAllValues') {
      return { error: `unknown set qualifier \`${q}\` in condition operator \`${text}\` (expected ForAnyValue or ForAllValues)` };
    }
    set = q;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let base = BASE_OPERATORS.get(rest);
  if (!base && rest.endsWith('IfExists')) {
    base = BASE_OPERATORS.get(rest.slice(0, -'IfExists'.length));
    ifExists = base !== undefined;
  }
  if (!base) {
    const hint = suggestOperator(rest);
    return { error: `unknown condition operator \`${text}\`${hint ? `; did you mean \`${hint}\`?` : ''}` };
  }
  if (base.family === 'Null' && (ifExists || set)) {
    return { error: `\`${text}\` is not a valid operator: Null takes neither IfExists nor a set qualifier` };
  }
  return set ? { text, base, set, ifExists } : { text, base, ifExists };
}

function suggestOperator(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/ifexists?$/, '');
  let best: string | undefined;
  let bestScore = Infinity;
  for (const op of BASE_OPERATORS.keys()) {
    const d = distance(lower, op.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = op;
    }
  }
  if (best === undefined || bestScore > 3) return undefined;
  return /ifexists?$/i.test(name) ? `${best}IfExists` : best;
}
