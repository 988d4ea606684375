import type { Rule } from '../model/rule.js';
import { everyoneValue, publicWitness } from './public.js';
import { describeWitness, hostOf, statementName } from './witness.js';

/**
 * An Allow to `"*"` in a key policy that the evaluator grants to an anonymous caller or a role of an
 * unrelated account: the key is usable by anyone. `kms:CallerAccount`, `kms:ViaService` and
 * `aws:PrincipalOrgID` with fixed values narrow it; Deny statements are not flagged, and `"Resource": "*"`
 * means this key (AWS KMS Developer Guide, "Key policies in AWS KMS"), so it is never the finding.
 */
export const kmsWildcardPrincipal: Rule<{ sid: string; witness: string }> = {
  meta: {
    id: 'kms-wildcard-principal',
    severity: 'error',
    description: 'a key policy Allow to Principal "*" that the evaluator grants to any AWS account',
    docs: 'docs/rules/kms-wildcard-principal.md',
    group: 'K',
    usesServiceData: true,
    message: {
      en: ({ sid, witness }) =>
        `statement ${sid} lets any AWS account use this key: the request ${witness} is allowed; add a condition on kms:CallerAccount or aws:PrincipalOrgID, or name the principals`,
      ko: ({ sid, witness }) =>
        `정책 문 ${sid}은(는) 모든 AWS 계정이 이 키를 사용하게 합니다: ${witness} 요청이 허용됩니다. kms:CallerAccount 또는 aws:PrincipalOrgID 조건을 추가하거나 보안 주체를 지정하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (policy.policyType !== 'kmsKey' && hostOf(policy, origin) !== 'kms-key') return;
    for (const s of policy.statements) {
      const everyone = everyoneValue(s);
      if (!everyone) continue;
      const w = await publicWitness(policy, 'kms-key', s);
      if (!w) continue;
      report({ span: everyone.span, statementIndex: s.index, element: 'Principal', data: { sid: statementName(s), witness: describeWitness(w) } });
    }
  },
};
