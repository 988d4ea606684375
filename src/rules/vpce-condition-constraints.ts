import type { SourceSpan } from '../model/source.js';
import type { Condition, Statement } from '../model/policy.js';
import type { Rule, RuleReport } from '../model/rule.js';

/** `sensitive`: a wildcard on a system-generated id key; `numeric`: a numeric operator on one; `short`: fewer than six characters beside a wildcard; `account`: an ARN account field mixing digits and a wildcard. */
type Data = { kind: 'sensitive' | 'numeric' | 'short' | 'account'; key: string; value: string };

/**
 * The global keys whose values are system-generated identifiers: IAM User Guide, "AWS global condition context
 * keys", "Sensitive condition keys" (the list on that page, lowercase).
 */
const SENSITIVE_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
  ].map((k) => k.toLowerCase()),
);

const WILDCARD = /[*?]/;

/** Whether some wildcard has fewer than six consecutive non-wildcard characters both before and after it. */
function shortAroundWildcard(value: string): boolean {
  const runs = value.split(/[*?]/).map((r) => r.length);
  // runs[i] is before wildcard i, runs[i + 1] after it.
  return runs.slice(0, -1).some((before, i) => before < 6 && runs[i + 1]! < 6);
}

/** An ARN whose account field has both digits and a wildcard (`11112222333?`, `1111*`). */
function mixedAccount(value: string): boolean {
  if (!value.startsWith('arn:')) return false;
  const account = value.split(':')[4] ?? '';
  return WILDCARD.test(account) && /\d/.test(account);
}

const EN: Record<Data['kind'], (d: Data) => string> = {
  sensitive: (d) => `\`${d.key}\` holds a system-generated identifier: an endpoint policy may not use a wildcard (* or ?) with it (\`${d.value}\`)`,
  numeric: (d) => `\`${d.key}\` holds a system-generated identifier: an endpoint policy may not compare it with a numeric operator (${d.value})`,
  short: (d) =>
    `in an endpoint policy, each wildcard in a string condition needs at least six consecutive characters before or after it (\`${d.value}\` on \`${d.key}\`)`,
  account: (d) => `in an endpoint policy, the account field of an ARN may be an account id or a wildcard, not both (\`${d.value}\`)`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  sensitive: (d) => `\`${d.key}\`은(는) 시스템이 생성한 식별자이므로 엔드포인트 정책에서 와일드카드(* 또는 ?)와 함께 쓸 수 없습니다(\`${d.value}\`)`,
  numeric: (d) => `\`${d.key}\`은(는) 시스템이 생성한 식별자이므로 엔드포인트 정책에서 숫자 조건 연산자로 비교할 수 없습니다(${d.value})`,
  short: (d) => `엔드포인트 정책의 문자열 조건에서는 와일드카드마다 앞이나 뒤에 연속된 문자가 6개 이상 있어야 합니다(\`${d.key}\`의 \`${d.value}\`)`,
  account: (d) => `엔드포인트 정책에서 ARN의 계정 부분에는 계정 ID나 와일드카드 중 하나만 쓸 수 있습니다(\`${d.value}\`)`,
};

type Report = (found: RuleReport<Data>) => void;

function checkCondition(s: Statement, c: Condition, report: Report): void {
  const at = (span: SourceSpan, kind: Data['kind'], value: string) =>
    report({ span, statementIndex: s.index, element: `Condition/${c.operator.text}/${c.key}=${value}`, data: { kind, key: c.key, value } });
  const sensitive = SENSITIVE_KEYS.has(c.key.toLowerCase());
  if (sensitive && c.operator.base.family === 'Numeric') at(c.operatorSpan, 'numeric', c.operator.text);
  for (const v of c.values) {
    if (sensitive && WILDCARD.test(v.text)) at(v.span, 'sensitive', v.text);
    else if (mixedAccount(v.text)) at(v.span, 'account', v.text);
    else if (c.operator.base.family === 'String' && WILDCARD.test(v.text) && shortAroundWildcard(v.text)) at(v.span, 'short', v.text);
  }
}

/**
 * The constraints AWS puts on conditions and ARNs in VPC endpoint policies. AWS PrivateLink Guide, "Control
 * access to VPC endpoints using endpoint policies", "Considerations": "You can't use wildcard characters (* or ?)
 * or numeric condition operators with global context keys that reference system-generated identifiers (for
 * example, aws:PrincipalAccount or aws:SourceVpc).", "When you use a string condition operator, you must use at
 * least six consecutive characters before or after each wildcard character." and "When you specify an ARN in a
 * resource or condition element, the account portion of the ARN can include an account ID or a wildcard
 * character, but not both."
 */
export const vpceConditionConstraints: Rule<Data> = {
  meta: {
    id: 'vpce-condition-constraints',
    severity: 'error',
    description:
      'an endpoint policy condition AWS does not accept: a wildcard or numeric operator on a system-generated id, a short wildcard, an ARN account with digits and a wildcard',
    docs: 'docs/rules/vpce-condition-constraints.md',
    group: 'T',
    message: { en: (d) => EN[d.kind](d), ko: (d) => KO[d.kind](d) },
  },
  check({ policy }, report) {
    if (policy.policyType !== 'vpcEndpoint') return;
    for (const s of policy.statements) {
      for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) {
        if (mixedAccount(r.text))
          report({ span: r.span, statementIndex: s.index, element: `Resource=${r.text}`, data: { kind: 'account', key: 'Resource', value: r.text } });
      }
      for (const c of s.conditions) checkCondition(s, c, report);
    }
  },
};
