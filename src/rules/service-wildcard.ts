import type { Rule } from '../model/rule.js';
import { everyResource, grantsToIdentity, narrowedGrant } from './hygiene.js';
import { statementName } from './witness.js';

type Data = { sid: string; action: string; service: string };

/** `s3:*`: every action of one service (a service prefix is letters, digits and hyphens). */
const SERVICE_STAR = /^([A-Za-z0-9-]+):\*$/;

/**
 * `service:*` (`s3:*`, `ec2:*`) in an Allow of an identity-based policy: every action of the service, its
 * permission-management and destructive actions included, and every action it adds later. AWS Config,
 * iam-policy-no-statements-with-full-access: "The rule is NON_COMPLIANT if any customer managed IAM policy
 * allows full access to at least 1 AWS service." and "This rule will only return NON_COMPLIANT if you use
 * unrestricted wildcards (for example, `ec2:*`)." Prefixed wildcards (`ec2:Describe*`) are not findings. Left
 * alone: Deny statements, SCPs and RCPs (`service:*` is how they name services), boundaries and session
 * policies (they grant nothing), key policies (`kms:*` is the default key policy's root delegation), VPC
 * endpoint policies (`s3:*` on named buckets is AWS's documented pattern), trust policies and other
 * resource-based policies, which are about one resource. A statement that also allows `*`, or `iam:*` on every
 * resource, is `admin-star`'s finding. A statement narrowed the way `admin-star` reads it (a resource or request
 * tag such as `aws:ResourceTag/team` = `${aws:PrincipalTag/team}`, the IAM User Guide's ABAC tutorial; a
 * service's own key; `aws:CalledVia`) is left alone too: it does not reach every action of the service.
 */
export const serviceWildcard: Rule<Data> = {
  meta: {
    id: 'service-wildcard',
    severity: 'warning',
    description: 'an identity policy allows every action of a service (`s3:*`)',
    docs: 'docs/rules/service-wildcard.md',
    group: 'I',
    message: {
      en: ({ sid, action, service }) =>
        `statement ${sid} allows \`${action}\`: every ${service} action, deleting and permission changes included, and every action ${service} adds later; list the actions the workload needs (a prefix such as \`${service}:Get*\` is fine)`,
      ko: ({ sid, action, service }) =>
        `정책 문 ${sid}은(는) \`${action}\`을(를) 허용합니다: 삭제와 권한 변경을 포함한 모든 ${service} 작업과 ${service}에 나중에 추가되는 작업까지 허용됩니다. 워크로드에 필요한 작업만 나열하십시오(\`${service}:Get*\` 같은 접두사는 괜찮습니다)`,
    },
  },
  check({ policy, origin }, report) {
    if (!grantsToIdentity(policy, origin)) return;
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.action || s.action.some((a) => a.text === '*') || narrowedGrant(s)) continue;
      for (const a of s.action) {
        const service = SERVICE_STAR.exec(a.text)?.[1];
        if (!service || (service.toLowerCase() === 'iam' && everyResource(s))) continue;
        report({ span: a.span, statementIndex: s.index, element: `Action/${a.text}`, data: { sid: statementName(s), action: a.text, service } });
      }
    }
  },
};
