import type { Condition, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { conditionKeyType } from '../iam/service-reference.js';

/** `single`: a set qualifier on a single-valued key; `absent`: ForAllValues in an Allow without a Null check; `missing`: a multivalued key without a qualifier. */
type Data = { kind: 'single' | 'absent' | 'missing'; operator: string; key: string; type: string };

const EN: Record<Data['kind'], (d: Data) => string> = {
  single: (d) =>
    `\`${d.key}\` is single-valued (${d.type}); ${d.operator.slice(0, d.operator.indexOf(':'))} is for multivalued keys, and on a single value it can match more than intended`,
  absent: (d) => `${d.operator} on \`${d.key}\` in an Allow is also true when the request has no \`${d.key}\` at all; add "Null": {"${d.key}": "false"}`,
  missing: (d) => `\`${d.key}\` is multivalued (${d.type}): compare it with ForAnyValue: or ForAllValues:${d.operator}, not ${d.operator} alone`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  single: (d) =>
    `\`${d.key}\`은(는) 단일 값 키(${d.type})입니다. ${d.operator.slice(0, d.operator.indexOf(':'))}은(는) 다중 값 키용이며 단일 값에 쓰면 의도보다 넓게 일치할 수 있습니다`,
  absent: (d) =>
    `Allow의 \`${d.key}\`에 대한 ${d.operator}은(는) 요청에 \`${d.key}\`이(가) 아예 없을 때도 참입니다. "Null": {"${d.key}": "false"}를 추가하십시오`,
  missing: (d) => `\`${d.key}\`은(는) 다중 값 키(${d.type})입니다. ${d.operator}만 쓰지 말고 ForAnyValue: 또는 ForAllValues:${d.operator}로 비교하십시오`,
};

/**
 * Keys whose values are the names of other keys the request carries: a request with one of the member keys
 * (`aws:RequestTag/cost-center`) has the set key (`aws:TagKeys` holding `cost-center`). KMS Developer Guide,
 * "AWS KMS condition keys", kms:EncryptionContext:context-key: "If the kms:EncryptionContextKeys condition
 * with the ForAllValues set operator was used alone in a policy statement, this set operator would allow
 * requests with no encryption context. However, if the request had no encryption context, the
 * kms:EncryptionContext:AppName condition would fail."
 */
const MEMBERS: ReadonlyMap<string, string> = new Map([
  ['aws:tagkeys', 'aws:requesttag/'],
  ['kms:encryptioncontextkeys', 'kms:encryptioncontext:'],
  ['s3:requestobjecttagkeys', 's3:requestobjecttag/'],
]);

/** Whether the condition is false when its key is absent: `Null` false, or a positive operator without IfExists or ForAllValues. */
function needsKey(c: Condition): boolean {
  const op = c.operator;
  if (op.base.family === 'Null') return c.values.every((v) => v.text.toLowerCase() === 'false');
  return !op.base.negated && !op.ifExists && op.set !== 'ForAllValues';
}

/** Whether the statement also requires the key to be present: a condition on it, or on one of its members, that an absent key fails. */
function requiresPresence(s: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  const member = MEMBERS.get(lower);
  return s.conditions.some((c) => {
    const k = c.key.toLowerCase();
    return needsKey(c) && (k === lower || (member !== undefined && k.startsWith(member) && k.length > member.length));
  });
}

/**
 * Keys AWS's own fine-grained access control pattern compares with ForAllValues and no Null check: DynamoDB
 * Developer Guide, "Using IAM policy conditions for fine-grained access control": "you must use the
 * ForAllValues modifier when using LeadingKeys in a condition", and its example statement pairs
 * `ForAllValues:StringEquals` on `dynamodb:LeadingKeys` and `dynamodb:Attributes` with nothing else. The
 * guide does not say whether the keys are present for every action, so the `absent` finding is not made.
 */
const DOCUMENTED_FOR_ALL_VALUES: ReadonlySet<string> = new Set(['dynamodb:leadingkeys', 'dynamodb:attributes']);

async function problem(s: Statement, c: Condition): Promise<Pick<Data, 'kind' | 'type'> | undefined> {
  if (c.operator.base.family === 'Null') return undefined; // null-operator-misuse's
  const type = await conditionKeyType(c.key);
  if (!type) return undefined; // unknown key: condition-key-unknown's
  const multi = type.startsWith('ArrayOf');
  if (c.operator.set && !multi) return { kind: 'single', type };
  const documented = DOCUMENTED_FOR_ALL_VALUES.has(c.key.toLowerCase());
  if (c.operator.set === 'ForAllValues' && s.effect === 'Allow' && !c.operator.base.negated && !documented && !requiresPresence(s, c.key))
    return { kind: 'absent', type };
  if (!c.operator.set && multi) return { kind: 'missing', type };
  return undefined;
}

/**
 * Set operators used against the key's kind. IAM User Guide, "Set operators for multivalued context keys": "To
 * compare your condition context key against a request context key with multiple values, you must use the
 * ForAllValues or ForAnyValue set operators"; of ForAllValues, "It also returns true if there are no context keys
 * in the request", so "You should always include the Null condition operator in your policy with a false value
 * to check if the context key exists". "AWS global condition context keys": "Use set operators only with
 * multivalued condition keys. Do not use set operators with single-valued condition keys." Whether a key is
 * multivalued comes from the service reference (`ArrayOf…` types); keys it does not know are left alone.
 */
export const setOperatorMisuse: Rule<Data> = {
  meta: {
    id: 'set-operator-misuse',
    severity: 'warning',
    description: 'ForAllValues/ForAnyValue on a single-valued key, ForAllValues in an Allow without a Null check, or a multivalued key without one',
    docs: 'docs/rules/set-operator-misuse.md',
    group: 'P',
    usesServiceData: true,
    message: { en: (d) => EN[d.kind](d), ko: (d) => KO[d.kind](d) },
  },
  async check({ policy }, report) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        const found = await problem(s, c);
        if (!found) continue;
        const operator = found.kind === 'missing' ? c.operator.base.name : c.operator.text;
        report({ span: c.operatorSpan, statementIndex: s.index, element: `Condition/${c.operator.text}/${c.key}`, data: { ...found, operator, key: c.key } });
      }
    }
  },
};
