import type { Rule } from '../model/rule.js';

type Data = { operator: string };

/**
 * A Deny with `Bool` (not BoolIfExists) on `aws:MultiFactorAuthPresent` = `false`. IAM User Guide, "AWS global
 * condition context keys", aws:MultiFactorAuthPresent: "The aws:MultiFactorAuthPresent key is not present when
 * an API or CLI command is called with long-term credentials, such as user access key pairs. Therefore we
 * recommend that when you check for this key that you use the ...IfExists versions of the condition operators."
 * and "This statement does not deny access to requests that are made using long-term credentials". So access
 * keys without MFA pass the Deny; `BoolIfExists` … `false` is the pattern that denies them too.
 */
export const mfaConditionAntipattern: Rule<Data> = {
  meta: {
    id: 'mfa-condition-antipattern',
    severity: 'warning',
    description: 'a Deny on Bool aws:MultiFactorAuthPresent false, which long-term access keys (no key at all) slip past',
    docs: 'docs/rules/mfa-condition-antipattern.md',
    group: 'P',
    message: {
      en: (d) =>
        `${d.operator} aws:MultiFactorAuthPresent "false" in a Deny does not deny requests signed with long-term access keys (the key is absent, so the condition is false); use BoolIfExists`,
      ko: (d) =>
        `Deny의 ${d.operator} aws:MultiFactorAuthPresent "false"는 장기 액세스 키로 서명한 요청을 거부하지 않습니다(키가 없어 조건이 거짓이 됨). BoolIfExists를 사용하십시오`,
    },
  },
  check({ policy }, report) {
    for (const s of policy.statements) {
      if (s.effect !== 'Deny') continue;
      for (const c of s.conditions) {
        const op = c.operator;
        if (op.base.family !== 'Bool' || op.ifExists || op.set || c.key.toLowerCase() !== 'aws:multifactorauthpresent') continue;
        if (!c.values.some((v) => v.text.toLowerCase() === 'false')) continue;
        report({ span: c.operatorSpan, statementIndex: s.index, element: `Condition/${op.text}/${c.key}`, data: { operator: op.text } });
      }
    }
  },
};
