import type { ActionPattern } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { OPERATION_ACTIONS } from '../iam/operations.js';
import { actionInfo, closestAction, serviceActions } from '../iam/service-reference.js';

/** `kind`: the service prefix is unknown, an API operation's name (`target` = its action), a near spelling, or nothing close. */
type Data = { action: string; kind: 'service' | 'operation' | 'near' | 'none'; target: string; date: string };

const EN: Record<Data['kind'], (d: Data) => string> = {
  service: (d) => `its service prefix is not in the AWS service reference of ${d.date}`,
  operation: (d) => `it is the name of an API operation, which AWS authorizes with \`${d.target}\``,
  near: (d) => `did you mean \`${d.target}\`? (AWS service reference of ${d.date})`,
  none: (d) => `no action of that name is in the AWS service reference of ${d.date}`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  service: (d) => `서비스 접두사가 AWS 서비스 참조 데이터(${d.date})에 없습니다`,
  operation: (d) => `API 작업 이름이며, AWS는 이 작업을 \`${d.target}\` 권한으로 승인합니다`,
  near: (d) => `\`${d.target}\`을(를) 뜻하셨습니까? (AWS 서비스 참조 데이터 ${d.date})`,
  none: (d) => `그런 이름의 작업이 AWS 서비스 참조 데이터(${d.date})에 없습니다`,
};

/**
 * An action AWS's service reference does not list. A statement that names it grants or denies nothing for
 * it (Access Analyzer reports INVALID_ACTION), so an Allow is narrower than its author thinks and a Deny
 * does not deny. API operation names written as actions (`s3:HeadBucket`) get the action AWS checks for them
 * (`src/iam/operations.ts`, each with its documentation sentence).
 */
export const unknownAction: Rule<Data> = {
  meta: {
    id: 'unknown-action',
    severity: 'error',
    description: 'an action that is not in the AWS service reference (a typo or an API operation name)',
    docs: 'docs/rules/unknown-action.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: (d) => `\`${d.action}\` is not an IAM action: ${EN[d.kind](d)}`,
      ko: (d) => `\`${d.action}\`은(는) IAM 작업이 아닙니다. ${KO[d.kind](d)}`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      const element = s.action ? 'Action' : 'NotAction';
      for (const a of s.action ?? s.notAction ?? []) {
        const found = await problem(a);
        if (found)
          report({ span: a.span, statementIndex: s.index, element: `${element}=${a.text}`, data: { action: a.text, date: serviceDataDate, ...found } });
      }
    }
  },
};

async function problem(a: ActionPattern): Promise<Pick<Data, 'kind' | 'target'> | undefined> {
  if (a.text === '*') return undefined;
  const [service, name] = a.text.split(':') as [string, string];
  if (!(await serviceActions(service))) return { kind: 'service', target: '' };
  if (/[*?]/.test(name)) return undefined; // a pattern: action-pattern-matches-nothing's
  if (await actionInfo(a.text)) return undefined;
  const op = OPERATION_ACTIONS.get(a.text.toLowerCase());
  if (op) return { kind: 'operation', target: op.actions.join('`, `') };
  const near = await closestAction(a.text);
  return near ? { kind: 'near', target: near } : { kind: 'none', target: '' };
}
