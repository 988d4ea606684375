import type { PolicyDocument } from './policy.js';

/**
 * Every policy AWS consults for one request, by layer. Generic so that the evaluator's compiled form
 * (`evaluator/compile.ts`) has the same shape as the documents.
 */
export interface PolicySet<P = PolicyDocument> {
  identity: P[];
  resource?: P;
  boundary?: P;
  session: P[];
  /** One list of policies per organization level, root first, account last. */
  scp: P[][];
  rcp: P[][];
  vpcEndpoint?: P;
  kmsKey?: P;
  /** The policy of the S3 access point the request went through. */
  accessPoint?: P;
}

/** True when the set holds no policy at all (no layer given). */
export function noPolicies(set: PolicySet<unknown>): boolean {
  const one = [set.resource, set.boundary, set.vpcEndpoint, set.kmsKey, set.accessPoint].some((p) => p !== undefined);
  return !one && !set.identity.length && !set.session.length && !set.scp.flat().length && !set.rcp.flat().length;
}

/** Every document of the set, layer by layer. */
export function allDocuments<P>(set: PolicySet<P>): P[] {
  const docs = [...set.identity, ...set.session, ...set.scp.flat(), ...set.rcp.flat()];
  for (const d of [set.resource, set.boundary, set.vpcEndpoint, set.kmsKey, set.accessPoint]) if (d) docs.push(d);
  return docs;
}
