import type { Rule } from '../model/rule.js';

type Data = { operator: string; key: string; value: string };

/** A `*` or `?` outside a policy variable (`${*}` and `${?}` are how a policy writes them literally). */
function hasWildcard(value: string): boolean {
  return /[*?]/.test(value.replace(/\$\{[^}]*\}/g, ''));
}

/**
 * `*` or `?` in a value of StringEquals, StringNotEquals or their IgnoreCase forms, where AWS compares exactly:
 * IAM User Guide, "IAM JSON policy elements: Condition operators": StringEquals is "Exact matching, case
 * sensitive", while StringLike is "Case-sensitive matching. The values can include multi-character match
 * wildcards (*) and single-character match wildcards (?) anywhere in the string." The value matches only a
 * request whose key is that literal text, which is almost never what was meant (Access Analyzer
 * WILDCARD_WITHOUT_LIKE_OPERATOR). Arn operators are not flagged: ArnEquals takes wildcards too.
 */
export const wildcardWithoutLike: Rule<Data> = {
  meta: {
    id: 'wildcard-without-like',
    severity: 'warning',
    description: 'a * or ? in a value of an exact string operator (StringEquals …), where it is compared literally',
    docs: 'docs/rules/wildcard-without-like.md',
    group: 'P',
    message: {
      en: (d) =>
        `${d.operator} compares exactly, so \`${d.value}\` on \`${d.key}\` matches only that literal text, wildcard included; use ${d.operator.replace(/Equals(IgnoreCase)?/, 'Like')} for a pattern`,
      ko: (d) =>
        `${d.operator}은(는) 정확히 비교하므로 \`${d.key}\`의 \`${d.value}\`은(는) 와일드카드를 포함한 그 문자열 자체에만 일치합니다. 패턴에는 ${d.operator.replace(/Equals(IgnoreCase)?/, 'Like')}을(를) 사용하십시오`,
    },
  },
  check({ policy }, report) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        const { family, comparison } = c.operator.base;
        if (family !== 'String' || (comparison !== 'equals' && comparison !== 'ignoreCase')) continue;
        for (const v of c.values) {
          if (!hasWildcard(v.text)) continue;
          report({
            span: v.span,
            statementIndex: s.index,
            element: `Condition/${c.operator.text}/${c.key}=${v.text}`,
            data: { operator: c.operator.base.name, key: c.key, value: v.text },
          });
        }
      }
    }
  },
};
