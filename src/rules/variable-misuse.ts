import type { SourceSpan } from '../model/source.js';
import type { Statement } from '../model/policy.js';
import type { Rule, RuleReport } from '../model/rule.js';

/** `brace`: `${` without its `}`; `operator`: a variable under an operator that is not String or Arn; `element`: a variable in Principal. */
type Data = { kind: 'brace' | 'operator' | 'element'; value: string; where: string };

const EN: Record<Data['kind'], (d: Data) => string> = {
  brace: (d) => `\`${d.value}\` opens a policy variable with \`\${\` but never closes it with \`}\`, so AWS reads it as literal text`,
  operator: (d) => `\`${d.value}\` holds a policy variable under ${d.where}: variables work only in string (and ARN) comparisons, so it is taken literally`,
  element: (d) => `\`${d.value}\` holds a policy variable in ${d.where}: variables work only in Resource and in string comparisons in Condition`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  brace: (d) => `\`${d.value}\`은(는) \`\${\`로 정책 변수를 열고 \`}\`로 닫지 않아 AWS가 문자 그대로 읽습니다`,
  operator: (d) => `\`${d.value}\`의 정책 변수가 ${d.where} 아래에 있습니다. 변수는 문자열(및 ARN) 비교에서만 동작하므로 문자 그대로 취급됩니다`,
  element: (d) => `\`${d.value}\`의 정책 변수가 ${d.where}에 있습니다. 변수는 Resource와 Condition의 문자열 비교에서만 동작합니다`,
};

/** A `${` with no `}` after it. */
function unclosed(text: string): boolean {
  return /\$\{[^}]*$/.test(text);
}

function checkStatement(s: Statement, report: (found: RuleReport<Data>) => void): void {
  const at = (span: SourceSpan, kind: Data['kind'], value: string, where: string) =>
    report({ span, statementIndex: s.index, element: `${where}=${value}`, data: { kind, value, where } });
  for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) if (unclosed(r.text)) at(r.span, 'brace', r.text, 'Resource');
  for (const p of [...(s.principal ?? []), ...(s.notPrincipal ?? [])]) if (p.value.includes('${')) at(p.span, 'element', p.value, 'Principal');
  for (const c of s.conditions) {
    for (const v of c.values) {
      if (!v.text.includes('${')) continue;
      if (unclosed(v.text)) at(v.span, 'brace', v.text, c.operator.text);
      else if (c.operator.base.family !== 'String' && c.operator.base.family !== 'Arn') at(v.span, 'operator', v.text, c.operator.text);
    }
  }
}

/**
 * Policy variables where AWS does not substitute them. IAM User Guide, "IAM policy elements: Variables and tags":
 * "You can use policy variables in the Resource element and in string comparisons in the Condition element."
 * A variable elsewhere, under a Numeric/Date/Bool/IpAddress operator, or without its closing brace is literal
 * text. Variables under Version 2008-10-17 are `policy-version`'s.
 */
export const variableMisuse: Rule<Data> = {
  meta: {
    id: 'variable-misuse',
    severity: 'error',
    description: 'a policy variable without its closing brace, under a non-string operator, or in Principal',
    docs: 'docs/rules/variable-misuse.md',
    group: 'P',
    message: { en: (d) => EN[d.kind](d), ko: (d) => KO[d.kind](d) },
  },
  check({ policy }, report) {
    if (policy.version !== '2012-10-17') return;
    for (const s of policy.statements) checkStatement(s, report);
  },
};
