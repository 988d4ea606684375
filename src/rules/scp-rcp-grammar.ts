import type { Statement } from '../model/policy.js';
import type { Rule, RuleReport } from '../model/rule.js';
import { rcpServices } from '../iam/service-reference.js';

/** What is wrong: an Allow (other than RCPFullAWSAccess), a Principal other than "*", NotPrincipal, NotAction, or a service RCPs do not cover. */
type Data = { kind: 'allow' | 'principal' | 'notPrincipal' | 'notAction' | 'service'; value: string };

const EN: Record<Data['kind'], (v: string) => string> = {
  allow: () =>
    'an RCP statement may only Deny: the effect of Allow is supported only for the AWS-managed RCPFullAWSAccess policy (Allow * on * to Principal *)',
  principal: (v) => `in an RCP, Principal must be "*" (\`${v}\` is not); narrow whom it applies to with conditions such as aws:PrincipalOrgID`,
  notPrincipal: () => 'NotPrincipal is not an element of RCPs; use "Principal": "*" with a condition such as aws:PrincipalArn',
  notAction: () => 'NotAction is not an element of RCPs; list the actions to deny in Action',
  service: (v) => `\`${v}\` belongs to a service that resource control policies do not apply to, so AWS rejects the RCP`,
};

const KO: Record<Data['kind'], (v: string) => string> = {
  allow: () => 'RCP 문은 Deny만 쓸 수 있습니다. Allow 효과는 AWS 관리형 RCPFullAWSAccess 정책(Principal *에게 * 작업을 * 리소스에 Allow)에서만 지원됩니다',
  principal: (v) => `RCP에서는 Principal이 "*"이어야 합니다(\`${v}\`은(는) 아닙니다). 적용 대상은 aws:PrincipalOrgID 같은 조건으로 좁히십시오`,
  notPrincipal: () => 'NotPrincipal은 RCP의 요소가 아닙니다. "Principal": "*"과 aws:PrincipalArn 같은 조건을 사용하십시오',
  notAction: () => 'NotAction은 RCP의 요소가 아닙니다. 거부할 작업을 Action에 나열하십시오',
  service: (v) => `\`${v}\`은(는) 리소스 제어 정책이 적용되지 않는 서비스의 작업이므로 AWS가 이 RCP를 거부합니다`,
};

/** The statement of the AWS-managed RCPFullAWSAccess: Allow, Principal "*", Action "*", Resource "*", no condition. */
function fullAccess(s: Statement): boolean {
  const only = (list: { text?: string; value?: string }[] | undefined) => list?.length === 1 && (list[0]!.text ?? list[0]!.value) === '*';
  return only(s.principal) && only(s.action) && only(s.resource) && s.conditions.length === 0;
}

type Report = (found: RuleReport<Data>) => void;

function checkStatement(s: Statement, services: ReadonlySet<string>, report: Report): void {
  const at = (span: Statement['span'], element: string, kind: Data['kind'], value: string) =>
    report({ span, statementIndex: s.index, element, data: { kind, value } });
  if (s.effect === 'Allow' && !fullAccess(s)) at(s.span, 'Effect=Allow', 'allow', 'Allow');
  for (const p of s.principal ?? []) if (p.value !== '*') at(p.span, `Principal=${p.value}`, 'principal', p.value);
  if (s.notPrincipal) at(s.principalSpan!, 'NotPrincipal', 'notPrincipal', '');
  if (s.notAction) at(s.actionSpan, 'NotAction', 'notAction', '');
  for (const a of s.action ?? []) {
    const colon = a.text.indexOf(':');
    if (colon > 0 && !services.has(a.text.slice(0, colon).toLowerCase())) at(a.span, `Action=${a.text}`, 'service', a.text);
  }
}

/**
 * The grammar of resource control policies that the general policy grammar does not enforce (AWS
 * Organizations User Guide, "RCP syntax"): Deny only except RCPFullAWSAccess, `"Principal": "*"`, no
 * NotAction or NotPrincipal, and only the services RCPs support (the service reference's list). SCPs have
 * no extra grammar to check here: the current "SCP syntax" page allows Condition, NotResource and
 * wildcards in both effects (see docs/rules/scp-rcp-grammar.md).
 */
export const scpRcpGrammar: Rule<Data> = {
  meta: {
    id: 'scp-rcp-grammar',
    severity: 'error',
    description: 'an RCP with an Allow, a Principal other than "*", NotAction/NotPrincipal, or a service RCPs do not support',
    docs: 'docs/rules/scp-rcp-grammar.md',
    group: 'T',
    usesServiceData: true,
    message: { en: (d) => EN[d.kind](d.value), ko: (d) => KO[d.kind](d.value) },
  },
  async check({ policy }, report) {
    if (policy.policyType !== 'rcp') return;
    const services = await rcpServices();
    for (const s of policy.statements) checkStatement(s, services, report);
  },
};
