import type { PolicyDocument } from '../model/policy.js';
import type { Rule, RuleReport } from '../model/rule.js';

type Data = { kind: 'missing' | 'variable'; value: string; version: string };

/**
 * A policy without `"Version": "2012-10-17"`. IAM User Guide, "IAM JSON policy elements: Version": "If you do
 * not include a Version element, the value defaults to 2008-10-17, but newer features, such as policy
 * variables, will not work with your policy. For example, variables such as ${aws:username} aren't recognized
 * as variables and are instead treated as literal strings in the policy."
 */
export const policyVersion: Rule<Data> = {
  meta: {
    id: 'policy-version',
    severity: 'warning',
    description: 'Version missing (2008-10-17 rules), or 2008-10-17 with ${…} policy variables (taken literally)',
    docs: 'docs/rules/policy-version.md',
    group: 'P',
    message: {
      en: ({ kind, value, version }) =>
        kind === 'missing'
          ? 'the policy has no Version, so AWS reads it by the 2008-10-17 rules (policy variables are plain text); add "Version": "2012-10-17"'
          : `\`${value}\` holds a policy variable, but under Version ${version} AWS reads it as plain text; use "Version": "2012-10-17"`,
      ko: ({ kind, value, version }) =>
        kind === 'missing'
          ? '정책에 Version이 없으므로 AWS는 2008-10-17 규칙으로 읽습니다(정책 변수는 일반 텍스트가 됩니다). "Version": "2012-10-17"을 추가하십시오'
          : `\`${value}\`에 정책 변수가 있지만 Version ${version}에서는 AWS가 일반 텍스트로 읽습니다. "Version": "2012-10-17"을 사용하십시오`,
    },
  },
  check({ policy }, report) {
    if (policy.version === '2012-10-17') return;
    const version = policy.version ?? '2008-10-17 (no Version)';
    if (!policy.version) report({ span: policy.span, element: 'Version', data: { kind: 'missing', value: '', version } });
    for (const r of variables(policy)) report({ ...r, data: { kind: 'variable', value: r.element!.slice(r.element!.indexOf('=') + 1), version } });
  },
};

/** Every Resource, NotResource and condition value with a `${…}`, where it is. */
function variables(policy: PolicyDocument): Omit<RuleReport<Data>, 'data'>[] {
  const out: Omit<RuleReport<Data>, 'data'>[] = [];
  for (const s of policy.statements) {
    for (const r of s.resource ?? s.notResource ?? []) {
      if (r.text.includes('${')) out.push({ span: r.span, statementIndex: s.index, element: `Resource=${r.text}` });
    }
    for (const c of s.conditions) {
      for (const v of c.values) {
        if (v.text.includes('${')) out.push({ span: v.span, statementIndex: s.index, element: `Condition/${c.key}=${v.text}` });
      }
    }
  }
  return out;
}
