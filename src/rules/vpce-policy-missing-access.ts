import type { FileResource } from '../model/check.js';
import type { PolicyDocument } from '../model/policy.js';
import type { FileSet, Rule } from '../model/rule.js';
import { bucketIn, fileWorld, policiesOf, type FileWorld } from './policy-set.js';
import { contextFor, evaluateInSet, resourcesFor, restsOnUnknown, sessionOf, type Witness } from './witness.js';

type Data = { principal: string; action: string; bucket: string; endpoint: string };

/** At most this many witness requests per endpoint policy. */
const BUDGET = 48;

/** A request a role of the file is granted on a bucket of the file (or a bucket it names literally): its witness and the bucket's name in messages. */
interface Grant {
  principal: FileResource;
  bucket: string;
  w: Witness;
}

/** The S3 requests a role's identity statements grant on concrete buckets: the bucket named literally or linked to a bucket of the file. */
async function grantsOf(p: FileResource, set: FileSet, world: FileWorld): Promise<Grant[]> {
  const arn = world.arnOf(p);
  const principal = p.kind === 'role' ? (sessionOf(arn, []) ?? arn) : arn;
  const out: Grant[] = [];
  for (const { policy } of policiesOf(set, p.id, 'identity')) {
    for (const s of world.concrete(policy).statements) {
      if (s.effect !== 'Allow' || !s.action || !s.resource) continue;
      // Only actions written out: a wildcard grant says nothing about which actions the workload uses.
      const actions = s.action.map((a) => a.text).filter((a) => /^s3:[A-Za-z]+$/.test(a));
      for (const r of s.resource) {
        const linked = bucketIn(r.text, set.buckets);
        const literal = /^arn:aws:s3:::([^/*?${}]+)(?:\/.*)?$/.exec(r.text)?.[1];
        if (!linked && literal === undefined) continue;
        const one = { ...s, resource: [r] };
        for (const action of actions) {
          for (const resource of await resourcesFor(one, action, 's3-bucket', world.account)) {
            out.push({ principal: p, bucket: linked?.bucket ?? literal!, w: { principal, action, resource, context: contextFor(s, () => true) } });
          }
        }
      }
    }
  }
  return out;
}

/**
 * True when the principal's identity policies of the file allow the witness and the endpoint policy then
 * denies it, on facts the witness has: an endpoint statement that could allow it but for a key the file does
 * not give (aws:ResourceOrgID, aws:PrincipalOrgID …) makes the denial unknown, not definite.
 */
async function endpointDenies(endpoint: PolicyDocument, g: Grant, set: FileSet, world: FileWorld): Promise<string | undefined> {
  const identity = policiesOf(set, g.principal.id, 'identity').map((x) => world.concrete(x.policy));
  const base = { identity, session: [], scp: [], rcp: [] };
  const region = { region: world.region };
  if ((await evaluateInSet(base, world.account, g.w, region)).decision !== 'Allowed') return undefined;
  const e = await evaluateInSet({ ...base, vpcEndpoint: endpoint }, world.account, g.w, region);
  if (e.decision === 'Allowed') return undefined;
  // The endpoint's answer may rest on what the file does not say (the bucket's organization …): no finding then.
  if (
    await restsOnUnknown(
      e.layers.filter((l) => l.policyType === 'vpcEndpoint'),
      g.w.action,
    )
  )
    return undefined;
  // The action the endpoint denies: the request's, or a further one S3 authorizes for it (s3:PutObjectAcl for an upload with an ACL).
  const own = e.deciding.some((d) => d.policyType === 'vpcEndpoint' && d.action === undefined);
  const chained = e.additionalRequests.find((c) => c.decision !== 'Allowed' && c.deciding.some((d) => d.policyType === 'vpcEndpoint'));
  return own || !chained ? g.w.action : chained.action;
}

/**
 * An S3 VPC endpoint policy of a file that denies a request a role (or user) of the same file is granted:
 * the role's identity policies allow the witness (its granted action on its granted bucket, the statement's
 * conditions met), and the evaluator denies it once the endpoint policy is applied. "A VPC endpoint policy
 * is an IAM resource policy that you attach to an endpoint when you create or modify the endpoint. ... The
 * policy does not override or replace identity-based policies or resource-based policies" and the endpoint
 * allows only what its policy allows (AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint
 * policies"). Only an endpoint whose service name ends in `.s3`, and only grants on concrete buckets.
 */
export const vpcePolicyMissingAccess: Rule<Data> = {
  meta: {
    id: 'vpce-policy-missing-access',
    severity: 'warning',
    description: 'the S3 VPC endpoint policy does not allow a (bucket, action) a role of the same file is granted',
    docs: 'docs/rules/vpce-policy-missing-access.md',
    group: 'S',
    message: {
      en: ({ principal, action, bucket, endpoint }) =>
        `the policy of VPC endpoint ${endpoint} does not allow ${action} on bucket ${bucket}, which ${principal} is granted: its requests through this endpoint fail with 403 AccessDenied; allow the action and the bucket in the endpoint policy`,
      ko: ({ principal, action, bucket, endpoint }) =>
        `VPC 엔드포인트 ${endpoint}의 정책은 ${principal}에게 허용된 버킷 ${bucket}에 대한 ${action}을(를) 허용하지 않습니다: 이 엔드포인트를 통한 요청은 403 AccessDenied로 실패합니다. 엔드포인트 정책에서 그 작업과 버킷을 허용하십시오`,
    },
  },
  async check({ policy, file }, report) {
    if (policy.policyType !== 'vpcEndpoint' || !file) return;
    const holders = file.policies.find((p) => p.policy === policy)?.holders ?? [];
    const endpoint = file.resources.find((r) => r.kind === 'vpc-endpoint' && holders.includes(r.id));
    if (!endpoint?.service || !/\.s3$/.test(endpoint.service)) return;
    const world = fileWorld(file);
    const concrete = world.concrete(policy);
    const done = new Set<string>();
    let budget = BUDGET;
    for (const p of file.resources.filter((r) => r.kind === 'role' || r.kind === 'user')) {
      for (const g of await grantsOf(p, file, world)) {
        const seen = `${p.id}\u0000${g.bucket}`;
        if (done.has(seen) || budget-- <= 0) continue;
        const denied = await endpointDenies(concrete, g, file, world);
        if (denied === undefined) continue;
        done.add(seen);
        report({
          span: policy.statementKeySpan ?? policy.span,
          element: `Statement/${p.id}/${g.bucket}`,
          data: { principal: p.id, action: denied, bucket: g.bucket, endpoint: endpoint.id },
        });
      }
    }
  },
};
