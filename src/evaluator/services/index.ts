import type { ServiceAuthorizer } from './types.js';
import { stsRule } from './sts.js';
import { s3AfterChained, s3Refusals } from './s3.js';
import { s3ChainedRequests } from './s3-chain.js';

const sts: ServiceAuthorizer = {
  prefixes: ['sts', 'iam'],
  decideFirst(request) {
    const r = stsRule(request);
    return r ? { decision: r.decision, why: { code: 'sts', rule: r.rule } } : undefined;
  },
};

const s3: ServiceAuthorizer = {
  prefixes: ['s3'],
  refusals: s3Refusals,
  chained: s3ChainedRequests,
  refuseAfter: s3AfterChained,
};

/** Every service with rules of its own; a new service is one file and one line here. */
const AUTHORIZERS: readonly ServiceAuthorizer[] = [sts, s3];

/** The authorizer for a request's service, if it has rules of its own. */
export function authorizerFor(action: string): ServiceAuthorizer | undefined {
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  return AUTHORIZERS.find((a) => a.prefixes.includes(prefix));
}
