import type { Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { keyKnown, suggestKey } from '../iam/condition-keys.js';
import { actionInfo, conditionKeyType, GLOBAL_KEY_NAMES, isGlobalKey, matchingActions } from '../iam/service-reference.js';

/** `kind`: no service defines the key, or it exists but none of the statement's actions carries it. */
type Data = { key: string; kind: 'undefined' | 'notForActions'; actions: string; hint: string; date: string };

/**
 * A condition key that is neither global nor set for any action of its statement. AWS compares key names
 * case-insensitively ("Condition key names are not case-sensitive", IAM User Guide, "IAM JSON policy
 * elements: Condition"), and a key missing from the request context never matches: an Allow never applies, a
 * Deny never denies. Keys with a variable part (`aws:RequestTag/${TagKey}`, `iam:ResourceTag/…`) stand for
 * every key after their slash; keys of identity providers (`token.actions.githubusercontent.com:sub`) are
 * given the benefit of the doubt.
 */
export const conditionKeyUnknown: Rule<Data> = {
  meta: {
    id: 'condition-key-unknown',
    severity: 'warning',
    description: 'a condition key that is neither global nor defined for any action in the statement',
    docs: 'docs/rules/condition-key-unknown.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: (d) =>
        `${d.kind === 'undefined' ? `condition key \`${d.key}\` is defined by no service and is not a global key` : `condition key \`${d.key}\` is not set for ${d.actions}`} (AWS service reference of ${d.date}), so it is absent from the request and the condition never matches${d.hint ? `; did you mean \`${d.hint}\`?` : ''}`,
      ko: (d) =>
        `${d.kind === 'undefined' ? `조건 키 \`${d.key}\`은(는) 어떤 서비스도 정의하지 않으며 전역 키도 아닙니다` : `조건 키 \`${d.key}\`은(는) ${d.actions}에 설정되지 않습니다`}(AWS 서비스 참조 데이터 ${d.date}). 따라서 요청에 이 키가 없어 조건이 일치하지 않습니다${d.hint ? `. \`${d.hint}\`을(를) 뜻하셨습니까?` : ''}`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      if (!s.conditions.length) continue;
      const keys = await statementKeys(s);
      for (const c of s.conditions) {
        if (isGlobalKey(c.key)) continue;
        const defined = (await conditionKeyType(c.key)) !== undefined;
        // With every action (`*`, NotAction) or none known, only a key no service defines is wrong.
        if (keyKnown({ action: '', keys: keys ?? [] }, c.key) || (keys === undefined && defined)) continue;
        const vocabulary = { action: '', keys: [...(keys ?? []), ...GLOBAL_KEY_NAMES] };
        report({
          span: c.keySpan,
          statementIndex: s.index,
          element: `Condition/${c.operator.text}/${c.key}`,
          data: {
            key: c.key,
            kind: defined ? 'notForActions' : 'undefined',
            actions: (s.action ?? []).map((a) => `\`${a.text}\``).join(', '),
            hint: defined ? '' : (suggestKey(vocabulary, c.key) ?? ''),
            date: serviceDataDate,
          },
        });
      }
    }
  },
};

/**
 * The condition keys the statement's actions carry (their own and their resource types'); undefined when the
 * statement covers every action (`*`, a NotAction) or names no action the service reference knows.
 */
function statementKeys(s: Statement): Promise<readonly string[] | undefined> {
  if (!s.action || s.action.some((a) => a.text === '*')) return Promise.resolve(undefined);
  // Thousands of statements share a few action lists (`s3:*` in every DenyInsecureTransport): one answer each.
  const list = s.action.map((a) => a.text.toLowerCase()).join(' ');
  let found = keysOfActions.get(list);
  if (!found) {
    found = readStatementKeys(s.action.map((a) => a.text));
    keysOfActions.set(list, found);
  }
  return found;
}

const keysOfActions = new Map<string, Promise<readonly string[] | undefined>>();

async function readStatementKeys(actions: readonly string[]): Promise<string[] | undefined> {
  const keys = new Set<string>();
  let known = false;
  for (const action of actions) {
    const names = /[*?]/.test(action) ? ((await matchingActions(action)) ?? []) : [action];
    for (const name of names) {
      const info = await actionInfo(name);
      if (!info) continue;
      known = true;
      for (const k of info.conditionKeys) keys.add(k);
    }
  }
  return known ? [...keys] : undefined;
}
