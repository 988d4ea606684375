import type { ServiceAuthorizer } from './types.js';
import { stsChainedRequests, stsRule } from './sts.js';
import { s3AfterChained, s3Refusals, s3SetsAside } from './s3.js';
import { s3ChainedRequests } from './s3-chain.js';
import { usesKey } from './kms.js';
import { isRoleTrustRequest } from '../../iam/sts.js';

const sts: ServiceAuthorizer = {
  prefixes: ['sts', 'iam'],
  resourceSide(request) {
    if (!isRoleTrustRequest(request.action, request.resource)) return undefined;
    const roleChain = request.action.toLowerCase() === 'sts:setsourceidentity' && request.principal.kind === 'assumedRole';
    return { policyType: 'resource', mustAllow: true, kind: 'role', ...(roleChain ? { bothSides: 'roleChain' as const } : {}) };
  },
  decideFirst(request) {
    const r = stsRule(request);
    if (!r) return undefined;
    return { decision: r.decision, why: { code: 'sts', rule: r.rule, ...(r.sourceIdentity ? { sourceIdentity: r.sourceIdentity } : {}) } };
  },
  chained: stsChainedRequests,
};

const s3: ServiceAuthorizer = {
  prefixes: ['s3'],
  setsAside: s3SetsAside,
  refusals: s3Refusals,
  chained: s3ChainedRequests,
  refuseAfter: s3AfterChained,
};

const kms: ServiceAuthorizer = {
  prefixes: ['kms'],
  resourceSide: (request) => (usesKey(request) ? { policyType: 'kmsKey', mustAllow: true, kind: 'key' } : undefined),
};

/** Every service with rules of its own; a new service is one file and one line here. */
const AUTHORIZERS: readonly ServiceAuthorizer[] = [sts, s3, kms];

/** The authorizer for a request's service, if it has rules of its own. */
export function authorizerFor(action: string): ServiceAuthorizer | undefined {
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  return AUTHORIZERS.find((a) => a.prefixes.includes(prefix));
}
