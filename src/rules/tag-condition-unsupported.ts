import type { ActionPattern, Condition } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { actionInfo, matchingActions } from '../iam/service-reference.js';

type Data = { key: string; actions: string; effect: 'Allow' | 'Deny'; date: string };

/** The tag keys this rule reads: `aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`. */
const TAG_KEY = /^(aws:resourcetag\/.+|aws:requesttag\/.+|aws:tagkeys)$/i;

/**
 * A condition that is false when its key is absent: not negated, not `…IfExists`, not `Null`, not
 * `ForAllValues` (true for an absent key). On an action that never carries the key, it never matches.
 */
function needsKey(c: Condition): boolean {
  const op = c.operator;
  return TAG_KEY.test(c.key) && !op.base.negated && !op.ifExists && op.base.family !== 'Null' && op.set !== 'ForAllValues';
}

/** Whether the service reference lists the key for the action (its own keys or its resource types'); undefined for an unknown action. */
async function carries(action: string, key: string): Promise<boolean | undefined> {
  const info = await actionInfo(action);
  if (!info) return undefined;
  const lower = key.toLowerCase();
  return info.conditionKeys.some((k) => {
    const listed = k.toLowerCase();
    const slash = listed.indexOf('/');
    return listed === lower || (slash > 0 && lower.startsWith(listed.slice(0, slash + 1)));
  });
}

/**
 * The statement's Action values for which the key is never set: a named action whose service reference lists
 * neither the key nor its family, or a wildcard pattern none of whose actions does (a pattern some of whose
 * actions carry the key, `ec2:*` with `aws:ResourceTag`, is the usual way to grant by tag and is left alone).
 */
async function without(actions: readonly ActionPattern[], key: string): Promise<string[]> {
  const out: string[] = [];
  for (const a of actions) {
    if (a.text === '*' || hasPlaceholder(a.text)) continue;
    const names = /[*?]/.test(a.text) ? ((await matchingActions(a.text)) ?? []) : [a.text];
    const answers = await Promise.all(names.map((n) => carries(n, key)));
    if (answers.length > 0 && answers.every((x) => x === false)) out.push(a.text);
  }
  return out;
}

/**
 * `aws:ResourceTag/…`, `aws:RequestTag/…` or `aws:TagKeys` in a condition on actions whose service reference
 * lists no such key: the key is absent from those requests, so the condition is false for them and the
 * statement silently does nothing for them (an Allow never grants them, a Deny never denies them). IAM User
 * Guide, "IAM JSON policy elements: Condition operators": "If the key that you specify in a policy condition is
 * not present in the request context, the values do not match and the condition is false." Conditions that are
 * true on an absent key (negated operators, `…IfExists`, `Null`, `ForAllValues`) are left alone.
 */
export const tagConditionUnsupported: Rule<Data> = {
  meta: {
    id: 'tag-condition-unsupported',
    severity: 'warning',
    description: 'a tag condition (aws:ResourceTag, aws:RequestTag, aws:TagKeys) on actions that never carry the key, so the statement does nothing for them',
    docs: 'docs/rules/tag-condition-unsupported.md',
    group: 'I',
    usesServiceData: true,
    message: {
      en: ({ key, actions, effect, date }) =>
        `condition key \`${key}\` is not set for ${actions} (AWS service reference of ${date}): the key is absent from those requests, so the condition is false and this ${effect} ${effect === 'Allow' ? 'never grants' : 'never denies'} them`,
      ko: ({ key, actions, effect, date }) =>
        `조건 키 \`${key}\`은(는) ${actions}에 설정되지 않습니다(AWS 서비스 참조 데이터 ${date}). 이 요청에는 키가 없어 조건이 거짓이 되므로 이 ${effect} 문은 해당 작업을 ${effect === 'Allow' ? '허용하지 않습니다' : '거부하지 않습니다'}`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      if (!s.action) continue;
      for (const c of s.conditions) {
        if (!needsKey(c)) continue;
        const missing = await without(s.action, c.key);
        if (missing.length === 0) continue;
        report({
          span: c.keySpan,
          statementIndex: s.index,
          element: `Condition/${c.operator.text}/${c.key}`,
          data: { key: c.key, actions: missing.map((a) => `\`${a}\``).join(', '), effect: s.effect, date: serviceDataDate },
        });
      }
    }
  },
};
