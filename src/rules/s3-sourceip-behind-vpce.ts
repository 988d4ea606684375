import type { Condition, PolicyDocument, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import type { PolicyHost } from '../model/check.js';
import { bucketAccount, callerOf } from './cross-account.js';
import { actionsFor, contextFor, decideWitness, hostOf, resourcesFor, statementName, withStatements, WITNESS_BUDGET, type Witness } from './witness.js';

/** The RFC 1918 private IPv4 ranges, as [network address, prefix length]. */
const PRIVATE: readonly [number, number][] = [
  [10 << 24, 8],
  [((172 << 24) | (16 << 16)) >>> 0, 12],
  [((192 << 24) | (168 << 16)) >>> 0, 16],
];

/** Whether an IPv4 address or CIDR lies wholly in a private range. */
function isPrivate(text: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!m) return false;
  const ip = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const len = m[5] === undefined ? 32 : Number(m[5]);
  return PRIVATE.some(([base, prefix]) => len >= prefix && ip >>> (32 - prefix) === base >>> (32 - prefix));
}

const ENDPOINT_KEYS = new Set(['aws:sourcevpce', 'aws:sourcevpc']);

/** The statement's aws:SourceIp condition that cannot hold where it is meant to: private ranges only, or beside an endpoint condition. */
function suspect(s: Statement): { condition: Condition; why: 'private' | 'endpoint' } | undefined {
  if (s.effect !== 'Allow') return undefined;
  const c = s.conditions.find((x) => x.key.toLowerCase() === 'aws:sourceip' && x.operator.base.family === 'IpAddress' && !x.operator.base.negated);
  if (!c || !c.values.length) return undefined;
  if (c.values.every((v) => isPrivate(v.text))) return { condition: c, why: 'private' };
  const endpoint = s.conditions.some((x) => ENDPOINT_KEYS.has(x.key.toLowerCase()) && !x.operator.base.negated);
  return endpoint ? { condition: c, why: 'endpoint' } : undefined;
}

/**
 * A request the statement is meant for (a private address comes only through a VPC endpoint, so the witness
 * carries aws:SourceVpce) that the evaluator denies under the statement as written and allows once its
 * aws:SourceIp condition is gone; undefined when none is found within the budget.
 */
async function witnessFor(policy: PolicyDocument, host: PolicyHost, s: Statement, c: Condition, owner: string): Promise<Witness | undefined> {
  const principal = (s.principal ?? []).map((p) => (p.type === 'Service' ? undefined : callerOf(p, owner))).find((p) => p !== undefined);
  if (!principal) return undefined;
  const context = contextFor(s, () => true);
  if (!context.some(([k]) => ENDPOINT_KEYS.has(k.toLowerCase()))) context.push(['aws:SourceVpce', ['vpce-1a2b3c4d'], false]);
  const only = withStatements(policy, (x) => x === s);
  const without = { ...policy, statements: [{ ...s, conditions: s.conditions.filter((x) => x !== c) }] };
  let budget = WITNESS_BUDGET;
  for (const action of await actionsFor(s, host)) {
    for (const resource of await resourcesFor(s, action, host, owner)) {
      if ((budget -= 2) < 0) return undefined;
      const w: Witness = { principal, action, resource, context };
      if ((await decideWitness(only, host, owner, w)) === 'Allowed') return undefined;
      if ((await decideWitness(without, host, owner, w)) === 'Allowed') return w;
    }
  }
  return undefined;
}

/**
 * An Allow whose aws:SourceIp condition never holds: private (RFC 1918) ranges, which reach AWS only through
 * a VPC endpoint, where aws:SourceIp is absent; or an aws:SourceIp beside aws:SourceVpce/aws:SourceVpc,
 * which hold only for requests through an endpoint. "The aws:SourceIp key is always present in the request
 * context, except when the requester uses a VPC endpoint to make the request. In this case, the condition
 * returns false and the request is implicitly denied by this statement." (IAM User Guide, "IAM JSON policy
 * elements: Condition operators", IP address condition operators). The evaluator decides a request through
 * an endpoint meeting every condition, with and without the aws:SourceIp condition.
 */
export const s3SourceIpBehindVpce: Rule<{ sid: string; why: string }> = {
  meta: {
    id: 's3-sourceip-behind-vpce',
    severity: 'warning',
    description: 'an aws:SourceIp condition that never holds: private ranges, or beside aws:SourceVpce (AWS sees no aws:SourceIp through a VPC endpoint)',
    docs: 'docs/rules/s3-sourceip-behind-vpce.md',
    group: 'R',
    message: {
      en: ({ sid, why }) =>
        `statement ${sid} never applies: ${why === 'private' ? 'its aws:SourceIp ranges are private, and a private address reaches AWS only through a VPC endpoint' : 'it also requires a VPC endpoint'}, where requests carry no aws:SourceIp; test aws:VpcSourceIp (with aws:SourceVpce) instead`,
      ko: ({ sid, why }) =>
        `정책 문 ${sid}은(는) 적용되지 않습니다: ${why === 'private' ? 'aws:SourceIp 범위가 사설 IP이며 사설 주소는 VPC 엔드포인트를 통해서만 AWS에 도달합니다' : 'VPC 엔드포인트도 요구합니다'}. 엔드포인트를 통한 요청에는 aws:SourceIp가 없습니다. 대신 aws:VpcSourceIp(aws:SourceVpce와 함께)를 사용하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (policy.policyType !== 'resource' && policy.policyType !== 'accessPoint') return;
    const host = hostOf(policy, origin);
    if (host === 'kms-key') return;
    const owner = bucketAccount(policy);
    for (const s of policy.statements) {
      const found = suspect(s);
      if (!found || !(await witnessFor(policy, host, s, found.condition, owner))) continue;
      report({ span: found.condition.keySpan, statementIndex: s.index, element: 'Condition/aws:SourceIp', data: { sid: statementName(s), why: found.why } });
    }
  },
};
