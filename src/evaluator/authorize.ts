import type { AclGrantText, Evaluation } from '../model/evaluation.js';
import type { Request } from '../model/request.js';
import { applicableLayers, situationOf } from './applicable.js';
import { combine } from './combine.js';
import type { CompiledPolicySet as PolicySet } from './compile.js';
import { authorizerFor } from './services/index.js';

/** The decision for one request, and the public ACL grants Block Public Access ignored while making it. */
function authorizeOnce(request: Request, policies: PolicySet): { evaluation: Evaluation; ignoredPublicAcl: AclGrantText[] } {
  const sit = situationOf(request, policies);
  const layers = applicableLayers(sit);
  // The service's own rules come before any policy (STS); the layers are still reported.
  const first = authorizerFor(request.action)?.decideFirst?.(request);
  const decided = first ? { ...first, deciding: [] } : combine(sit, layers);
  const evaluation: Evaluation = {
    decision: decided.decision,
    why: decided.why,
    deciding: decided.deciding,
    layers: layers.all.map((l) => l.outcome),
    crossAccount: sit.crossAccount,
    ...(sit.resourceAccount !== undefined ? { resourceOwner: sit.resourceAccount } : {}),
    consultedDefaults: [...sit.view.consultedDefaults].sort(),
  };
  return { evaluation, ignoredPublicAcl: layers.acl?.ignoredPublic.map((g) => g.text) ?? [] };
}

/**
 * Decides one request against every layer (see `combine.ts` for the order AWS documents). Pure: no I/O,
 * the same input gives the same output.
 */
export function authorize(request: Request, policies: PolicySet): Evaluation {
  const { evaluation, ignoredPublicAcl } = authorizeOnce(request, policies);
  // "If your request's permission is granted only by a public ACL, then the IgnorePublicAcls setting
  // rejects the request" (Amazon S3 User Guide, "Blocking public access"): a refusal that acts like an
  // explicit deny, but only when the ignored public grant was the one that would have allowed.
  const bpa = request.s3?.blockPublicAccess;
  if (evaluation.decision !== 'Allowed' && ignoredPublicAcl.length && bpa?.ignorePublicAcls) {
    const honoured = authorizeOnce({ ...request, s3: { ...request.s3, blockPublicAccess: { ...bpa, ignorePublicAcls: false } } }, policies).evaluation;
    if (honoured.decision === 'Allowed') {
      const refusal = { code: 'ignorePublicAcls', grants: ignoredPublicAcl } as const;
      return {
        ...evaluation,
        decision: 'ExplicitDeny',
        why: { code: 'explicitDeny', first: { code: 'refusal', policyType: 'blockPublicAccess', refusal }, more: 0 },
        deciding: [{ policyType: 'blockPublicAccess' }],
        layers: [
          { policyType: 'blockPublicAccess', result: 'ExplicitDeny', why: { code: 'refused', refusal }, policies: [], statements: [] },
          ...evaluation.layers,
        ],
      };
    }
  }
  return evaluation;
}
