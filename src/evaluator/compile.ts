import type { ActionPattern, PolicyDocument, PrincipalValue, ResourcePattern, Statement } from '../model/policy.js';
import { hasPlaceholder, replacePlaceholders } from '../iam/placeholder.js';
import type { PolicySet } from '../model/policyset.js';
import { compileCondition, type CompiledCondition } from './conditions/compile.js';
import { compileArnPattern, type ArnPattern } from './match/arn.js';
import { compileWildcard, type WildcardMatcher } from './match/wildcard.js';

/**
 * The compiled form of a policy: every Action, Resource and Condition value turned into a matcher once,
 * so that evaluating many requests against the same policies costs matching only. The AST stays
 * reachable (`doc`, `ast`) for explanations and fixes.
 */
export interface CompiledAction extends ActionPattern {
  matcher: WildcardMatcher;
}

export interface CompiledResource extends ResourcePattern {
  pattern: ArnPattern;
}

export interface CompiledStatement extends Omit<Statement, 'action' | 'notAction' | 'resource' | 'notResource' | 'conditions'> {
  ast: Statement;
  action?: CompiledAction[];
  notAction?: CompiledAction[];
  resource?: CompiledResource[];
  notResource?: CompiledResource[];
  conditions: CompiledCondition[];
}

export interface CompiledPolicy extends Omit<PolicyDocument, 'statements'> {
  doc: PolicyDocument;
  statements: CompiledStatement[];
}

// Statements and documents are immutable once parsed: a changed copy (a fix being tried) is a new object
// and is compiled anew, everything else is compiled once.
const statementCache = new WeakMap<Statement, Map<boolean, CompiledStatement>>();
const documentCache = new WeakMap<PolicyDocument, CompiledPolicy>();

function compileStatement(s: Statement, variables: boolean): CompiledStatement {
  let byMode = statementCache.get(s);
  const hit = byMode?.get(variables);
  if (hit) return hit;
  const { action, notAction, resource, notResource, conditions, ...rest } = s;
  // A template value known only at deployment (`{{…}}`, src/iam/placeholder.ts) is taken as any value where
  // that makes the statement apply to more requests only if it is a Deny (its Action, Resource, Principal)
  // or keeps an Allow from applying (its NotAction, NotResource, NotPrincipal); elsewhere it matches only
  // itself. An unknown value never makes a Deny vanish or an Allow appear.
  const deny = s.effect === 'Deny';
  const text = (t: string, widen: boolean) => (widen ? replacePlaceholders(t, '*') : t);
  const actions = (xs: ActionPattern[], widen: boolean) => xs.map((a) => ({ ...a, matcher: compileWildcard(text(a.text, widen), { ignoreCase: true }) }));
  const resources = (xs: ResourcePattern[], widen: boolean) =>
    xs.map((r) => ({ ...r, pattern: compileArnPattern(text(r.text, widen), { variables, resourceElement: true }) }));
  const principals = (xs: PrincipalValue[], widen: boolean) => (widen ? xs.map((p) => (hasPlaceholder(p.value) ? { ...p, value: '*' } : p)) : xs);
  const out: CompiledStatement = { ...rest, ast: s, conditions: conditions.map((c) => compileCondition(c, { variables })) };
  if (action) out.action = actions(action, deny);
  if (notAction) out.notAction = actions(notAction, !deny);
  if (resource) out.resource = resources(resource, deny);
  if (notResource) out.notResource = resources(notResource, !deny);
  if (rest.principal) out.principal = principals(rest.principal, deny);
  if (rest.notPrincipal) out.notPrincipal = principals(rest.notPrincipal, !deny);
  if (!byMode) statementCache.set(s, (byMode = new Map<boolean, CompiledStatement>()));
  byMode.set(variables, out);
  return out;
}

/** Compiles one policy document. Policy variables are read only in Version 2012-10-17 documents. */
function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  const hit = documentCache.get(doc);
  if (hit) return hit;
  const variables = doc.version === '2012-10-17';
  const { statements, ...rest } = doc;
  const out: CompiledPolicy = { ...rest, doc, statements: statements.map((s) => compileStatement(s, variables)) };
  documentCache.set(doc, out);
  return out;
}

export type CompiledPolicySet = PolicySet<CompiledPolicy>;

/** Compiles every policy of a request's policy set. */
export function compile(set: PolicySet): PolicySet<CompiledPolicy> {
  const out: PolicySet<CompiledPolicy> = {
    identity: set.identity.map(compilePolicy),
    session: set.session.map(compilePolicy),
    scp: set.scp.map((l) => l.map(compilePolicy)),
    rcp: set.rcp.map((l) => l.map(compilePolicy)),
  };
  if (set.resource) out.resource = compilePolicy(set.resource);
  if (set.boundary) out.boundary = compilePolicy(set.boundary);
  if (set.vpcEndpoint) out.vpcEndpoint = compilePolicy(set.vpcEndpoint);
  if (set.kmsKey) out.kmsKey = compilePolicy(set.kmsKey);
  if (set.accessPoint) out.accessPoint = compilePolicy(set.accessPoint);
  return out;
}
