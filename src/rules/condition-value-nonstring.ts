import type { Rule } from '../model/rule.js';

type Data = { value: string; key: string };

/**
 * A JSON number or boolean as a condition value. AWS compares it as its text (`true` as `"true"`), and
 * policy-why does too; some tools fail open on it, so the finding says how it is read. IAM User Guide, "IAM
 * JSON policy elements: Condition operators" writes every value as a string (`"aws:SecureTransport": "true"`).
 */
export const conditionValueNonstring: Rule<Data> = {
  meta: {
    id: 'condition-value-nonstring',
    severity: 'info',
    description: 'a JSON number or boolean as a condition value (compared as its text)',
    docs: 'docs/rules/condition-value-nonstring.md',
    group: 'P',
    message: {
      en: ({ value, key }) =>
        `the value ${value} of \`${key}\` is a JSON ${/^(true|false)$/.test(value) ? 'boolean' : 'number'}; it is compared as the string "${value}" (write it as "${value}")`,
      ko: ({ value, key }) =>
        `\`${key}\`의 값 ${value}은(는) JSON ${/^(true|false)$/.test(value) ? '불리언' : '숫자'}입니다. 문자열 "${value}"(으)로 비교됩니다("${value}"로 쓰십시오)`,
    },
  },
  check({ policy }, report) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        for (const v of c.values) {
          if (!v.nonString) continue;
          report({ span: v.span, statementIndex: s.index, element: `Condition/${c.operator.text}/${c.key}=${v.text}`, data: { value: v.text, key: c.key } });
        }
      }
    }
  },
};
