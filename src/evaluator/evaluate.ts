import type { Policy, PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type { Request } from '../model/request.js';
import type { Decision, DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import { ContextView } from './context.js';
import { matchStatement, prepare, type PreparedRequest, type StatementOutcome } from './statement.js';

/** The decision for one request, with every layer's result and the statements that decided. */
export interface Evaluation {
  decision: Decision;
  /** One sentence that says why, naming the layer. */
  summary: string;
  deciding: DecidingEntry[];
  layers: LayerOutcome[];
  /** True when the principal and the resource are in different accounts. */
  crossAccount: boolean;
  /** Documented defaults (aws:SecureTransport…) that some condition consulted. */
  consultedDefaults: string[];
}

interface LayerEval {
  outcome: LayerOutcome;
  statements: StatementOutcome[];
}

function evaluateLayer(
  policyType: PolicyType,
  policies: Policy[],
  req: PreparedRequest,
  level?: number,
): LayerEval {
  const statements: StatementOutcome[] = [];
  policies.forEach((policy, policyIndex) => {
    for (const stmt of policy.statements) statements.push(matchStatement(stmt, policy, policyIndex, level, req));
  });
  const denies = statements.filter((s) => s.match.applies && s.match.effect === 'Deny');
  const allows = statements.filter((s) => s.match.applies && s.match.effect === 'Allow');
  const outcome: LayerOutcome = {
    policyType,
    result: denies.length ? 'ExplicitDeny' : allows.length ? 'Allowed' : 'ImplicitDeny',
    reason: denies.length
      ? `${denies.length === 1 ? 'a Deny statement applies' : `${denies.length} Deny statements apply`}`
      : allows.length
        ? `${allows.length === 1 ? 'an Allow statement applies' : `${allows.length} Allow statements apply`}`
        : policies.length
          ? `no statement allows ${req.request.action} on ${req.request.resource}`
          : 'no policy given for this layer',
    policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex, ...(level !== undefined ? { level } : {}) })),
    statements: statements.map((s) => s.match),
  };
  if (level !== undefined) outcome.level = level;
  return { outcome, statements };
}

function notApplicable(policyType: PolicyType, reason: string, policies: Policy[] = []): LayerEval {
  return {
    outcome: {
      policyType,
      result: 'NotApplicable',
      reason,
      policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex })),
      statements: [],
    },
    statements: [],
  };
}

function statementEntry(m: StatementMatch): DecidingEntry {
  return {
    policyType: m.policyType,
    source: m.source,
    policyIndex: m.policyIndex,
    ...(m.level !== undefined ? { level: m.level } : {}),
    statementIndex: m.statementIndex,
    ...(m.sid !== undefined ? { sid: m.sid } : {}),
    effect: m.effect,
    line: m.line,
    column: m.column,
  };
}

/**
 * Evaluates a request against its policies per AWS's "Policy evaluation logic" and
 * "Cross-account policy evaluation logic": an explicit Deny in any policy wins; otherwise within one
 * account an Allow in the identity-based or the resource-based policy suffices, across accounts both
 * must allow; anonymous callers and service principals can only be allowed by a resource-based policy.
 * Pure: no I/O, the same input gives the same output.
 */
export function evaluateRequest(request: Request, policies: PolicySet): Evaluation {
  const view = new ContextView(request.context);
  const req = prepare(request, view);
  const p = request.principal;
  const isIam = p.kind !== 'anonymous' && p.kind !== 'service';
  const crossAccount = isIam && request.resourceAccount !== undefined && request.resourceAccount !== p.account;

  const identity = isIam
    ? evaluateLayer('identity', policies.identity, req)
    : notApplicable('identity', p.kind === 'anonymous' ? 'an anonymous caller has no identity-based policies' : 'a service principal has no identity-based policies', policies.identity);
  const resource = policies.resource
    ? evaluateLayer('resource', [policies.resource], req)
    : notApplicable('resource', 'no resource-based policy given');

  const layers = [identity, resource];
  const consulted = () => [...view.consultedDefaults].sort();

  // 1. An explicit Deny anywhere wins; every applying Deny is reported, in layer order.
  const denies = layers.flatMap((l) => l.statements.filter((s) => s.match.applies && s.match.effect === 'Deny'));
  if (denies.length) {
    const first = denies[0]!.match;
    return {
      decision: 'ExplicitDeny',
      summary: `explicitly denied by ${describeStatement(first)}${denies.length > 1 ? ` and ${denies.length - 1} more Deny statement(s)` : ''}`,
      deciding: denies.map((d) => statementEntry(d.match)),
      layers: layers.map((l) => l.outcome),
      crossAccount,
      consultedDefaults: consulted(),
    };
  }

  // 2. Which Allows count. Within one account, a resource-based grant to the account only delegates
  // to IAM; a grant naming the user, role or session (or everyone) allows by itself.
  const identityAllows = identity.statements.filter((s) => s.match.applies && s.match.effect === 'Allow');
  const resourceAllows = resource.statements.filter((s) => s.match.applies && s.match.effect === 'Allow');
  const directResourceAllows = resourceAllows.filter((s) => s.grant !== 'account');

  let allowed: boolean;
  let granting: StatementOutcome[] = [];
  let missing: PolicyType[] = [];
  let summary: string;
  if (!isIam) {
    allowed = resourceAllows.length > 0;
    granting = resourceAllows;
    missing = allowed ? [] : ['resource'];
    summary = allowed
      ? `allowed by the resource-based policy`
      : `implicitly denied: ${p.kind === 'anonymous' ? 'an anonymous caller' : 'a service principal'} can only be allowed by a resource-based policy, and none allows ${request.action}`;
  } else if (crossAccount) {
    const idOk = identityAllows.length > 0;
    const resOk = resourceAllows.length > 0;
    allowed = idOk && resOk;
    granting = [...identityAllows, ...resourceAllows];
    if (!idOk) missing.push('identity');
    if (!resOk) missing.push('resource');
    summary = allowed
      ? `allowed: across accounts both the identity-based policy and the resource-based policy allow`
      : `implicitly denied: across accounts (principal in ${p.account}, resource in ${request.resourceAccount}) both the identity-based and the resource-based policy must allow; ${missing.map((m) => `no ${m === 'identity' ? 'identity-based' : 'resource-based'} policy allows`).join(' and ')}`;
  } else {
    allowed = identityAllows.length > 0 || directResourceAllows.length > 0;
    granting = [...identityAllows, ...directResourceAllows];
    missing = allowed ? [] : ['identity'];
    const delegated = resourceAllows.length > 0 && directResourceAllows.length === 0;
    summary = allowed
      ? `allowed by the ${identityAllows.length ? 'identity-based' : 'resource-based'} policy${identityAllows.length && directResourceAllows.length ? ' (and the resource-based policy)' : ''}`
      : `implicitly denied: no identity-based policy allows ${request.action}` +
        (delegated ? ' (the resource-based policy grants to the account, which delegates the decision to IAM policies)' : policies.resource ? ' and no resource-based policy grants it to this principal' : '');
  }

  const outcome: Evaluation = {
    decision: allowed ? 'Allowed' : 'ImplicitDeny',
    summary,
    deciding: allowed ? granting.map((g) => statementEntry(g.match)) : missing.map((policyType) => ({ policyType })),
    layers: layers.map((l) => l.outcome),
    crossAccount,
    consultedDefaults: consulted(),
  };
  return outcome;
}

export function describeStatement(m: StatementMatch | DecidingEntry): string {
  const sid = m.sid !== undefined ? ` "${m.sid}"` : '';
  return `statement${sid} (#${m.statementIndex}) in ${m.source}:${m.line}:${m.column}`;
}
