import type { Rule } from '../model/rule.js';
import type { Statement } from '../model/policy.js';
import type { SourceSpan } from '../model/source.js';
import { adminAction, coveringPattern, everyResource, grantsToIdentity } from './hygiene.js';
import { statementName } from './witness.js';

/** `resource`: the Resource value that reaches every role, or `NotResource`. */
type Data = { sid: string; via: string; resource: string };

/** A role ARN that names every role of an account (`arn:aws:iam::111122223333:role/*`), which for PassRole is `*`. */
const EVERY_ROLE = /^arn:[^:]+:iam::[^:]*:role\/\*$/i;

/** Where PassRole reaches every role: a `*` Resource value, an every-role ARN, or the NotResource element. */
function unscopedResource(s: Statement): { span: SourceSpan; text: string } | undefined {
  if (s.notResource) return { span: s.resourceSpan!, text: 'NotResource' };
  const r = (s.resource ?? []).find((x) => x.text === '*' || EVERY_ROLE.test(x.text));
  return r ? { span: r.span, text: r.text } : undefined;
}

/** A present, positive condition on `iam:PassedToService` that names services (not only `*`). */
function scopedToService(s: Statement): boolean {
  return s.conditions.some(
    (c) =>
      c.key.toLowerCase() === 'iam:passedtoservice' && !c.operator.base.negated && c.operator.base.family === 'String' && c.values.some((v) => v.text !== '*'),
  );
}

/**
 * `iam:PassRole` allowed (by name, through a wildcard such as `iam:Pass*`, or through a NotAction that leaves
 * it in) on every role (`"*"`, `role/*`, a NotResource) without an `iam:PassedToService` condition: the
 * holder can hand any role, an administrator's included, to any service that runs code. IAM User Guide,
 * "Grant a user permissions to pass a role to an AWS service": "To pass a role (and its permissions) to an
 * AWS service, a user must have permissions to pass the role to the service." The statements `admin-star`
 * reports (`*` or `iam:*` on every resource) are left to it: one finding per defect.
 */
export const passroleUnscoped: Rule<Data> = {
  meta: {
    id: 'passrole-unscoped',
    severity: 'warning',
    description: 'iam:PassRole allowed on every role without an iam:PassedToService condition',
    docs: 'docs/rules/passrole-unscoped.md',
    group: 'I',
    usesServiceData: true,
    message: {
      en: ({ sid, via, resource }) =>
        `statement ${sid} allows iam:PassRole${via ? ` (through \`${via}\`)` : ''} on ${resource === 'NotResource' ? 'every role its NotResource does not list' : `\`${resource}\``} without an iam:PassedToService condition: the holder can pass any role, an administrator role included, to any service; name the roles, or add iam:PassedToService`,
      ko: ({ sid, via, resource }) =>
        `정책 문 ${sid}은(는) iam:PassedToService 조건 없이 ${resource === 'NotResource' ? 'NotResource에 나열되지 않은 모든 역할' : `\`${resource}\``}에 iam:PassRole${via ? `(\`${via}\`을(를) 통해)` : ''}을(를) 허용합니다: 관리자 역할을 포함해 어떤 역할이든 어떤 서비스에나 전달할 수 있습니다. 역할을 지정하거나 iam:PassedToService 조건을 추가하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (!grantsToIdentity(policy, origin)) return;
    for (const s of policy.statements) {
      // `*` or `iam:*` on every resource is admin-star's finding (or narrowed by a condition admin-star reads).
      if (s.effect !== 'Allow' || (adminAction(s) && everyResource(s)) || scopedToService(s)) continue;
      const where = unscopedResource(s);
      if (!where) continue;
      if (s.notAction) {
        if (await coveringPattern(s.notAction, 'iam:PassRole')) continue;
        report({ span: s.actionSpan, statementIndex: s.index, element: 'NotAction', data: { sid: statementName(s), via: 'NotAction', resource: where.text } });
        continue;
      }
      const p = await coveringPattern(s.action ?? [], 'iam:PassRole');
      if (!p) continue;
      const wildcard = /[*?]/.test(p.text);
      report({
        span: wildcard ? p.span : where.span,
        statementIndex: s.index,
        element: wildcard ? `Action/${p.text}` : `Resource/${where.text}`,
        data: { sid: statementName(s), via: wildcard ? p.text : '', resource: where.text },
      });
    }
  },
};
