import type { Rule } from '../model/rule.js';
import { actionsFor, sessionOf, contextFor, decideWitness, hostOf, resourcesFor, statementName, WITNESS_BUDGET, withStatements } from './witness.js';

/**
 * A Deny with NotPrincipal that names a role (and not the role's sessions) denies the role itself: a
 * request is made by a session (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`), which NotPrincipal must
 * list too. The evaluator decides a request by a session of each role listed, with every condition of the
 * statement met; when it is denied by the statement, the role is locked out.
 */
export const notPrincipalDenyLockout: Rule<{ sid: string; role: string; session: string; action: string }> = {
  meta: {
    id: 'notprincipal-deny-lockout',
    severity: 'warning',
    description: 'a Deny with NotPrincipal that names a role but not its sessions denies the role itself',
    docs: 'docs/rules/notprincipal-deny-lockout.md',
    group: 'S',
    usesServiceData: true,
    message: {
      en: ({ sid, role, session, action }) =>
        `statement ${sid} means to exempt ${role}, but the role's own request is denied: ${session} is denied ${action} (NotPrincipal must also list the session ARN and the account); use a Deny with Principal "*" and ArnNotLike aws:PrincipalArn instead`,
      ko: ({ sid, role, session, action }) =>
        `정책 문 ${sid}은(는) ${role}을(를) 제외하려 하지만 역할 자신의 요청이 거부됩니다: ${session}의 ${action} 요청이 거부됩니다(NotPrincipal에는 세션 ARN과 계정도 함께 지정해야 합니다). 대신 Principal "*"와 ArnNotLike aws:PrincipalArn 조건을 쓰는 Deny를 사용하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    const host = hostOf(policy, origin);
    for (const s of policy.statements) {
      if (s.effect !== 'Deny' || !s.notPrincipal) continue;
      const only = withStatements(policy, (x) => x === s);
      const listed = s.notPrincipal.map((p) => p.value);
      for (const p of s.notPrincipal) {
        const session = p.type === 'AWS' ? sessionOf(p.value, listed) : undefined;
        if (!session) continue;
        const account = session.split(':')[4]!;
        const denied = await firstDenied(only, host, account, s, session);
        if (denied)
          report({
            span: p.span,
            statementIndex: s.index,
            element: `NotPrincipal=${p.value}`,
            data: { sid: statementName(s), role: p.value, session, action: denied },
          });
      }
    }
  },
};

/** The first action of the statement that the evaluator denies the session (conditions met), if any. */
async function firstDenied(
  only: Parameters<typeof decideWitness>[0],
  host: Parameters<typeof decideWitness>[1],
  account: string,
  s: Parameters<typeof actionsFor>[0],
  session: string,
): Promise<string | undefined> {
  const context = contextFor(s, () => true);
  let budget = WITNESS_BUDGET;
  for (const action of await actionsFor(s, host)) {
    for (const resource of await resourcesFor(s, action, host, account)) {
      if (budget-- <= 0) return undefined;
      if ((await decideWitness(only, host, account, { principal: session, action, resource, context })) === 'ExplicitDeny') return action;
    }
  }
  return undefined;
}
