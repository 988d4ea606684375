import type { Policy } from './policy.js';

/** Every policy AWS consults for one request, by layer. */
export interface PolicySet {
  identity: Policy[];
  resource?: Policy;
  boundary?: Policy;
  session: Policy[];
  /** One list of policies per organization level, root first, account last. */
  scp: Policy[][];
  rcp: Policy[][];
  vpcEndpoint?: Policy;
  kmsKey?: Policy;
}
