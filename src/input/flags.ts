import { UsageError } from '../model/errors.js';

/** The quick flags (`--principal`, `--action`, `--resource`, `--context k=v` …) as a request document. */
export interface QuickArgs {
  principal: string;
  action: string;
  resource: string;
  'resource-account'?: string;
  context?: string[];
  identity?: string[];
  'resource-policy'?: string;
}

/** Builds a request document from the quick flags. `--context k=v` twice makes k multivalued. */
export function requestFromFlags(a: QuickArgs): Record<string, unknown> {
  const context: Record<string, string | string[]> = {};
  for (const pair of a.context ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--context \`${pair}\` must be key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const prev = context[key];
    if (prev === undefined) context[key] = value;
    else context[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const doc: Record<string, unknown> = { principal: a.principal, action: a.action, resource: a.resource };
  if (a['resource-account'] !== undefined) doc.resourceAccount = a['resource-account'];
  if (Object.keys(context).length) doc.context = context;
  const policies: Record<string, unknown> = {};
  if (a.identity?.length) policies.identity = a.identity;
  if (a['resource-policy'] !== undefined) policies.resource = a['resource-policy'];
  if (Object.keys(policies).length) doc.policies = policies;
  return doc;
}
