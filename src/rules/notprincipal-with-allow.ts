import type { Rule } from '../model/rule.js';

/**
 * An Allow with NotPrincipal grants every principal it does not list, anonymous callers included: "we
 * strongly recommend that you do not use NotPrincipal with Allow" (IAM User Guide, "AWS JSON policy
 * elements: NotPrincipal"). The evaluator reads such a statement as a grant to everyone else.
 */
export const notPrincipalWithAllow: Rule<{ sid: string }> = {
  meta: {
    id: 'notprincipal-with-allow',
    severity: 'error',
    description: 'Allow with NotPrincipal grants everyone else, anonymous callers included',
    docs: 'docs/rules/notprincipal-with-allow.md',
    group: 'S',
    message: {
      en: ({ sid }) =>
        `statement ${sid} allows every principal that NotPrincipal does not list, anonymous callers included; name the principals in Principal instead`,
      ko: ({ sid }) =>
        `정책 문 ${sid}은(는) NotPrincipal에 없는 모든 보안 주체(익명 호출자 포함)에게 허용합니다. 대신 Principal에 허용할 보안 주체를 지정하십시오`,
    },
  },
  check({ policy }, report) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.notPrincipal) continue;
      report({
        span: s.principalSpan ?? s.span,
        statementIndex: s.index,
        element: 'NotPrincipal',
        data: { sid: s.sid !== undefined ? `"${s.sid}"` : `#${s.index}` },
      });
    }
  },
};
