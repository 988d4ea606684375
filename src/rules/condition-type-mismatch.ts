import type { Condition, ConditionValue, OperatorFamily } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { parseCidrStrict } from '../iam/ip.js';
import { conditionKeyType } from '../iam/service-reference.js';
import { parseBase64, parseBool, parseDate, parseNumber } from '../iam/values.js';

/** `operator`: the operator's family does not fit the key's type; `value`: a value is not of the operator's type. */
type Data = { kind: 'operator' | 'value'; operator: string; key: string; keyType: string; value: string; expected: string; date: string };

/** What each typed family's values must be, and the check. */
const VALUE_CHECKS: Partial<Record<OperatorFamily, { en: string; ko: string; ok(text: string): boolean }>> = {
  Numeric: { en: 'a number', ko: '숫자', ok: (t) => parseNumber(t) !== null },
  Date: { en: 'a date (ISO 8601, or epoch seconds)', ko: '날짜(ISO 8601 또는 epoch 초)', ok: (t) => parseDate(t) !== null },
  Bool: { en: 'true or false', ko: 'true 또는 false', ok: (t) => parseBool(t) !== null },
  Null: { en: 'true or false', ko: 'true 또는 false', ok: (t) => parseBool(t) !== null },
  IpAddress: { en: 'an IP address or CIDR range', ko: 'IP 주소 또는 CIDR 범위', ok: (t) => parseCidrStrict(t) !== null },
  Binary: { en: 'base64', ko: 'base64', ok: (t) => parseBase64(t) !== null },
};

/** The operator family each key type is compared with (the service reference's types, `ArrayOf…` stripped). */
const TYPE_FAMILIES: ReadonlyMap<string, readonly OperatorFamily[]> = new Map<string, readonly OperatorFamily[]>([
  ['Numeric', ['Numeric']],
  ['Date', ['Date']],
  ['Bool', ['Bool']],
  ['IPAddress', ['IpAddress']],
]);

/** Keys AWS documents with two types: aws:EpochTime is "Date, Numeric" (IAM User Guide, global condition context keys). */
const EXTRA_FAMILIES: ReadonlyMap<string, readonly OperatorFamily[]> = new Map([['aws:epochtime', ['Numeric']]]);

/**
 * An operator of the wrong family for its key, or a value that is not of the operator's type. IAM User Guide,
 * "IAM policy validation check reference" (Access Analyzer, Error – Data type mismatch): "The value in the
 * condition key-value pair must match the data type of the condition key and condition operator." A value that is no number, date, boolean or CIDR never matches.
 */
export const conditionTypeMismatch: Rule<Data> = {
  meta: {
    id: 'condition-type-mismatch',
    severity: 'error',
    description: 'a condition operator of the wrong type for its key, or a value that is not of its type',
    docs: 'docs/rules/condition-type-mismatch.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: (d) =>
        d.kind === 'operator'
          ? `${d.operator} does not fit \`${d.key}\`, whose type is ${d.keyType} (AWS service reference of ${d.date}); use an operator of the ${d.expected} family`
          : `the value "${d.value}" of \`${d.key}\` under ${d.operator} is not ${d.expected}, so it never matches`,
      ko: (d) =>
        d.kind === 'operator'
          ? `${d.operator}은(는) 형식이 ${d.keyType}인 \`${d.key}\`에 맞지 않습니다(AWS 서비스 참조 데이터 ${d.date}). ${d.expected} 계열 연산자를 사용하십시오`
          : `${d.operator} 아래 \`${d.key}\`의 값 "${d.value}"은(는) ${VALUE_KO.get(d.expected) ?? d.expected}이(가) 아니므로 일치하지 않습니다`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        const base = { operator: c.operator.text, key: c.key, date: serviceDataDate };
        const expected = await operatorMismatch(c);
        if (expected) {
          report({
            span: c.operatorSpan,
            statementIndex: s.index,
            element: `Condition/${c.operator.text}/${c.key}`,
            data: { ...base, kind: 'operator', ...expected, value: '' },
          });
          continue;
        }
        for (const v of badValues(c)) {
          const check = VALUE_CHECKS[c.operator.base.family]!;
          report({
            span: v.span,
            statementIndex: s.index,
            element: `Condition/${c.operator.text}/${c.key}=${v.text}`,
            data: { ...base, kind: 'value', keyType: '', value: v.text, expected: check.en },
          });
        }
      }
    }
  },
};

const VALUE_KO: ReadonlyMap<string, string> = new Map(Object.values(VALUE_CHECKS).map((c) => [c.en, c.ko]));

/** Families that only keys of one type take (a String or ARN key under them is a mismatch). */
const TYPED_FAMILIES: ReadonlySet<OperatorFamily> = new Set(['Numeric', 'Date', 'Bool', 'IpAddress']);

/** The key's type and the family it wants, when the operator's family does not fit it; undefined when it fits or the type is unknown. */
async function operatorMismatch(c: Condition): Promise<{ keyType: string; expected: string } | undefined> {
  const family = c.operator.base.family;
  if (family === 'Null') return undefined;
  const keyType = await conditionKeyType(c.key);
  if (!keyType) return undefined;
  const type = keyType.replace(/^ArrayOf/, '');
  const wanted = TYPE_FAMILIES.get(type);
  if (!wanted) return TYPED_FAMILIES.has(family) ? { keyType, expected: type === 'ARN' ? 'Arn' : 'String' } : undefined;
  if (wanted.includes(family) || (EXTRA_FAMILIES.get(c.key.toLowerCase()) ?? []).includes(family)) return undefined;
  // String operators compare a key's text: only an IP address key is wrong under them (a CIDR never matches as text).
  if (family === 'String' && type !== 'IPAddress') return undefined;
  return { keyType, expected: wanted[0]! };
}

/** The values that are not of the operator's type (values with a policy variable are the request's to fill). */
function badValues(c: Condition): ConditionValue[] {
  const check = VALUE_CHECKS[c.operator.base.family];
  if (!check) return [];
  return c.values.filter((v) => !v.text.includes('${') && !check.ok(v.text));
}
