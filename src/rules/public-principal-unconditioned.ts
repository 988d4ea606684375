import type { Rule } from '../model/rule.js';
import { RESOURCE_BASED } from '../model/policy.js';
import { everyoneValue, publicWitness } from './public.js';
import { describeWitness, hostOf, statementName } from './witness.js';

/**
 * An Allow to `"*"` (or `{"AWS": "*"}`) in a resource-based policy is public when the evaluator allows a
 * request anyone can make: an anonymous one, or one from an unrelated account. A condition that narrows
 * access in the documented meaning of public (S3 User Guide, "The meaning of "public""; the same keys
 * IAM Access Analyzer reads) is left to the witness's own facts, so it keeps the statement non-public;
 * any other condition (aws:SecureTransport, dates, a broad aws:SourceIp…) is satisfied. The finding prints
 * the witness. Key policies have their own rule (`kms-wildcard-principal`).
 */
export const publicPrincipalUnconditioned: Rule<{ sid: string; witness: string }> = {
  meta: {
    id: 'public-principal-unconditioned',
    severity: 'error',
    description: 'an Allow to Principal "*" that the evaluator grants to an anonymous caller or any AWS account',
    docs: 'docs/rules/public-principal-unconditioned.md',
    group: 'S',
    usesServiceData: true,
    message: {
      en: ({ sid, witness }) =>
        `statement ${sid} is public: the request ${witness} is allowed; name the principals, or add a condition on aws:PrincipalOrgID, aws:SourceVpce, aws:SourceArn with aws:SourceAccount, or a specific aws:SourceIp range`,
      ko: ({ sid, witness }) =>
        `정책 문 ${sid}은(는) 공개되어 있습니다: ${witness} 요청이 허용됩니다. 보안 주체를 지정하거나 aws:PrincipalOrgID, aws:SourceVpce, aws:SourceArn과 aws:SourceAccount, 또는 특정 aws:SourceIp 범위 조건을 추가하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (!RESOURCE_BASED.has(policy.policyType) || policy.policyType === 'rcp' || policy.policyType === 'vpcEndpoint') return;
    const host = hostOf(policy, origin);
    if (host === 'kms-key') return;
    for (const s of policy.statements) {
      const everyone = everyoneValue(s);
      if (!everyone) continue;
      const w = await publicWitness(policy, host, s);
      if (!w) continue;
      report({ span: everyone.span, statementIndex: s.index, element: 'Principal', data: { sid: statementName(s), witness: describeWitness(w) } });
    }
  },
};
