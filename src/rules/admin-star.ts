import type { Rule } from '../model/rule.js';
import { adminAction, grantsToIdentity, isAdminGrant } from './hygiene.js';
import { statementName } from './witness.js';

type Data = { sid: string; action: string; kind: 'all' | 'iam' };

/**
 * An identity policy's Allow of every action (`"*"`) or every IAM action (`"iam:*"`, which lets the holder
 * grant itself anything) on every resource. Only identity policies grant this way: a permissions boundary
 * of `*` on `*` sets no limit and grants nothing; an SCP of `*` on `*` is AWS's own default ("when you enable
 * SCPs, AWS Organizations attaches an AWS managed SCP policy named FullAWSAccess which allows all services
 * and actions", AWS Organizations User Guide, "SCP evaluation"); in a key policy `kms:*` on `"*"` is the
 * default key policy's root delegation; trust policies allow only assuming the role. Deny statements are
 * never findings. A condition that limits the actions reached (a service's own key, a resource or request
 * tag, `aws:CalledVia`, `aws:ViaAWSService`) makes the grant not administrator access; conditions about the
 * caller or the network (MFA, source IP, Region) do not.
 */
export const adminStar: Rule<Data> = {
  meta: {
    id: 'admin-star',
    severity: 'error',
    description: 'an identity policy allows every action, or every IAM action, on every resource (administrator access)',
    docs: 'docs/rules/admin-star.md',
    group: 'I',
    message: {
      en: ({ sid, action, kind }) =>
        kind === 'all'
          ? `statement ${sid} allows \`${action}\` on every resource: full administrator access; list the actions and resources the workload needs`
          : `statement ${sid} allows \`${action}\` on every resource: whoever holds it can grant themselves any permission; list the IAM actions and roles the workload needs`,
      ko: ({ sid, action, kind }) =>
        kind === 'all'
          ? `정책 문 ${sid}은(는) 모든 리소스에 \`${action}\`을(를) 허용합니다: 전체 관리자 권한입니다. 워크로드에 필요한 작업과 리소스만 나열하십시오`
          : `정책 문 ${sid}은(는) 모든 리소스에 \`${action}\`을(를) 허용합니다: 이 권한을 가진 주체는 자신에게 어떤 권한이든 부여할 수 있습니다. 워크로드에 필요한 IAM 작업과 역할만 나열하십시오`,
    },
  },
  check({ policy, origin }, report) {
    if (!grantsToIdentity(policy, origin)) return;
    for (const s of policy.statements) {
      if (!isAdminGrant(s)) continue;
      const a = adminAction(s)!;
      report({
        span: a.span,
        statementIndex: s.index,
        element: `Action/${a.text}`,
        data: { sid: statementName(s), action: a.text, kind: a.text === '*' ? 'all' : 'iam' },
      });
    }
  },
};
