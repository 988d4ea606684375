import type { ChainedResult, DecidingEntry, FullEvaluation } from '../model/evaluation.js';
import type { Request } from '../model/request.js';
import { statementKey } from '../model/keys.js';
import { authorize } from './authorize.js';
import type { CompiledPolicySet as PolicySet } from './compile.js';
import { authorizerFor } from './services/index.js';

/**
 * The whole decision: the request itself and every authorization its service chains to it (S3 →
 * s3:PutObjectAcl, kms:GenerateDataKey…). A denial of any of them denies the request; `deciding` then
 * names the chained action.
 */
export function decide(request: Request, policies: PolicySet): FullEvaluation {
  const primary = authorize(request, policies);
  const service = authorizerFor(request.action);
  const evaluated = (service?.chained?.(request, policies) ?? []).map((d) => ({ d, e: authorize(d.request, d.policies) }));
  const chained: ChainedResult[] = evaluated.map(({ d, e }) => ({
    action: d.request.action,
    resource: d.request.resource,
    because: d.because,
    decision: e.decision,
    why: e.why,
    deciding: e.deciding,
    layers: e.layers,
    ...(d.key ? { kmsKey: { arn: d.key.arn, awsManaged: d.key.awsManaged, ...(d.key.alias ? { alias: d.key.alias } : {}) } } : {}),
  }));
  const consulted = new Set(primary.consultedDefaults);
  for (const { e } of evaluated) for (const k of e.consultedDefaults) consulted.add(k);
  // An explicit denial is named once: a Deny statement that also matches a chained request (a bucket
  // policy denying s3:*), or a refusal that applies to both (Block Public Access), keeps its first entry.
  const seen = new Set<string>();
  const fresh = (d: DecidingEntry) => {
    const k = statementKey(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const withAction = (c: ChainedResult) => c.deciding.map((d) => ({ ...d, action: c.action }));
  const explicit = chained.filter((c) => c.decision === 'ExplicitDeny');
  const implicit = chained.filter((c) => c.decision === 'ImplicitDeny');
  const full: FullEvaluation = { ...primary, consultedDefaults: [...consulted].sort(), additionalRequests: chained };
  const denied = (cs: ChainedResult[], explicitly: boolean) =>
    ({
      code: 'chainedDenied',
      explicit: explicitly,
      action: request.action,
      chained: cs.map((c) => ({ action: c.action, decision: c.decision, why: c.why })),
    }) as const;
  if (primary.decision === 'ExplicitDeny' || explicit.length) {
    full.decision = 'ExplicitDeny';
    const own = primary.decision === 'ExplicitDeny' ? primary.deciding.filter(fresh) : [];
    full.deciding = [...own, ...explicit.flatMap(withAction).filter(fresh)];
    if (primary.decision !== 'ExplicitDeny') full.why = denied(explicit, true);
  } else if (primary.decision === 'ImplicitDeny' || implicit.length) {
    full.decision = 'ImplicitDeny';
    full.deciding = [...(primary.decision === 'ImplicitDeny' ? primary.deciding : []), ...implicit.flatMap(withAction)];
    if (primary.decision === 'Allowed') full.why = denied(implicit, false);
  }
  // The service's own rules, whatever the policies say. No policy decides them, so `deciding` is empty.
  const refusal = service?.refuseAfter?.(request, chained);
  // A bucket-policy call from another account is refused (405) only when the policies allow it; without
  // the permission S3 answers 403 AccessDenied, which the policies already explain.
  const applies = refusal === 'bucketPolicyOtherAccount' ? full.decision === 'Allowed' : full.decision !== 'ExplicitDeny';
  if (refusal && applies) {
    full.decision = 'ImplicitDeny';
    full.deciding = [];
    full.why = { code: 's3Refusal', rule: refusal };
  }
  return full;
}
