import type { Rule } from '../model/rule.js';
import { matchingActions } from '../iam/service-reference.js';

type Data = { action: string; date: string };

/**
 * A wildcard action pattern that matches no action of its service (`s3:Get*Acls`): the statement grants or
 * denies nothing through it. An unknown service prefix is `unknown-action`'s.
 */
export const actionPatternMatchesNothing: Rule<Data> = {
  meta: {
    id: 'action-pattern-matches-nothing',
    severity: 'error',
    description: 'a wildcard action pattern that matches no action of its service',
    docs: 'docs/rules/action-pattern-matches-nothing.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: ({ action, date }) => `\`${action}\` matches no action in the AWS service reference of ${date}, so the statement does nothing through it`,
      ko: ({ action, date }) =>
        `\`${action}\`과(와) 일치하는 작업이 AWS 서비스 참조 데이터(${date})에 없으므로, 이 값으로는 정책 문이 아무것도 허용하거나 거부하지 않습니다`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      const element = s.action ? 'Action' : 'NotAction';
      for (const a of s.action ?? s.notAction ?? []) {
        if (a.text === '*' || !/[*?]/.test(a.text)) continue;
        const matched = await matchingActions(a.text);
        if (matched && matched.length === 0) {
          report({ span: a.span, statementIndex: s.index, element: `${element}=${a.text}`, data: { action: a.text, date: serviceDataDate } });
        }
      }
    }
  },
};
