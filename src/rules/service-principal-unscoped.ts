import type { Rule } from '../model/rule.js';
import { deputyWitness, sourceArnFor, witnessSourceArn } from './deputy.js';
import { foreignAccount, hostOf, ownerOf, statementName } from './witness.js';

/**
 * A resource-based policy that allows a service principal without scoping it to this account's resources:
 * the evaluator allows the service's request made for a resource of an unrelated account (aws:SourceArn and
 * aws:SourceAccount of that account), the confused deputy. Trust policies are left out (a service assumes
 * a role for its own account's resources), and so is CloudFront on a bucket (`cloudfront-oac-source-arn`).
 */
export const servicePrincipalUnscoped: Rule<{ sid: string; service: string; sourceArn: string; action: string }> = {
  meta: {
    id: 'service-principal-unscoped',
    severity: 'warning',
    description: 'a service principal is allowed without aws:SourceArn or aws:SourceAccount (confused deputy)',
    docs: 'docs/rules/service-principal-unscoped.md',
    group: 'S',
    usesServiceData: true,
    message: {
      en: ({ sid, service, sourceArn, action }) =>
        `statement ${sid} lets ${service} act for any account: its ${action} request for ${sourceArn} is allowed; add aws:SourceArn or aws:SourceAccount conditions naming your own resources`,
      ko: ({ sid, service, sourceArn, action }) =>
        `정책 문 ${sid}은(는) ${service}이(가) 모든 계정을 대신해 동작하게 합니다: ${sourceArn}을(를) 위한 ${action} 요청이 허용됩니다. 자신의 리소스를 지정하는 aws:SourceArn 또는 aws:SourceAccount 조건을 추가하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    const host = hostOf(policy, origin);
    if (host === 'iam-trust' || host === 'iam-identity' || !['resource', 'kmsKey', 'accessPoint'].includes(policy.policyType)) return;
    const owner = ownerOf(policy);
    const foreign = foreignAccount(owner);
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      for (const p of s.principal ?? []) {
        if (p.type !== 'Service') continue;
        if (p.value === 'cloudfront.amazonaws.com' && (host === 's3-bucket' || host === 's3-access-point')) continue;
        const fallback = witnessSourceArn(p.value, foreign);
        const sourceArn = sourceArnFor(s, foreign, () => fallback);
        const account = sourceArn === fallback ? foreign : /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(sourceArn)?.[1];
        // A SourceArn pattern that fixes this account's resources scopes the service, whatever else.
        if (account !== foreign) continue;
        const w = await deputyWitness(policy, host, owner, s, p.value, sourceArn, foreign);
        if (w)
          report({
            span: p.span,
            statementIndex: s.index,
            element: `Principal/Service=${p.value}`,
            data: { sid: statementName(s), service: p.value, sourceArn, action: w.action },
          });
      }
    }
  },
};
