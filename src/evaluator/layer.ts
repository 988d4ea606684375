import type { PolicyType } from '../model/policy.js';
import { locationOf } from '../model/keys.js';
import type { DecidingEntry, LayerReason, LayerResultData, NotRequiredWhy, SetAsideRule, StatementResult } from '../model/evaluation.js';
import type { CompiledPolicy as Policy } from './compile.js';
import { matchStatement, type PreparedRequest, type StatementOutcome } from './statement.js';

/** One layer's evaluation: its outcome (as reported) and the statement outcomes the combiner reads. */
export interface LayerEval {
  outcome: LayerResultData;
  statements: StatementOutcome[];
  applicable: boolean;
}

export function evaluateLayer(policyType: PolicyType, policies: Policy[], req: PreparedRequest, level?: number): LayerEval {
  const statements: StatementOutcome[] = [];
  policies.forEach((policy, policyIndex) => {
    for (const stmt of policy.statements) statements.push(matchStatement(stmt, policy, policyIndex, level, req));
  });
  const denies = statements.filter((s) => s.match.applies && s.match.effect === 'Deny').length;
  const allows = statements.filter((s) => s.match.applies && s.match.effect === 'Allow').length;
  const lvl = level !== undefined ? { level } : {};
  let why: LayerReason;
  let result: LayerResultData['result'] = 'ImplicitDeny';
  if (denies) [why, result] = [{ code: 'denies', count: denies, ...lvl }, 'ExplicitDeny'];
  else if (allows) [why, result] = [{ code: 'allows', count: allows, ...lvl }, 'Allowed'];
  else if (policies.length) why = { code: 'noAllow', action: req.request.action, resource: req.request.resource, ...lvl };
  else why = { code: 'noPolicy' };
  const outcome: LayerResultData = {
    policyType,
    ...lvl,
    result,
    why,
    policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex, ...lvl })),
    statements: statements.map((s) => s.match),
  };
  return { outcome, statements, applicable: true };
}

export function notApplicable(policyType: PolicyType, why: LayerReason, policies: Policy[] = [], level?: number): LayerEval {
  const lvl = level !== undefined ? { level } : {};
  return {
    outcome: {
      policyType,
      ...lvl,
      result: 'NotApplicable',
      why,
      policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex, ...lvl })),
      statements: [],
    },
    statements: [],
    applicable: false,
  };
}

/** A layer with a fixed result and no statements (S3's refusals, the ACL, a session without a policy). */
export function fixedLayer(policyType: PolicyType, result: LayerResultData['result'], why: LayerReason, policies: LayerResultData['policies'] = []): LayerEval {
  return { outcome: { policyType, result, why, policies, statements: [] }, statements: [], applicable: true };
}

/**
 * Sets aside the layer's matching Deny statements, which the service does not enforce for this request
 * (services/types.ts, `setsAside`): each is reported as matching but set aside, and the layer keeps its
 * Allow statements.
 */
export function setAsideDenies(l: LayerEval, rule: SetAsideRule, action: string): void {
  const denies = l.statements.filter((s) => s.match.applies && s.match.effect === 'Deny');
  if (!denies.length) return;
  for (const s of denies) {
    s.match.applies = false;
    s.match.why = { code: 'setAside', rule, action };
  }
  const allows = applying(l, 'Allow').length;
  l.outcome.result = allows ? 'Allowed' : 'ImplicitDeny';
  l.outcome.why = { code: 'denySetAside', rule, count: denies.length, allows, action };
}

/** Says, on a layer that lacks an Allow, that its Allow was not needed for this request. */
export function notRequired(l: LayerEval, why: NotRequiredWhy): void {
  if (l.outcome.result === 'ImplicitDeny') l.outcome.notRequired = why;
}

export function statementEntry(m: StatementResult): DecidingEntry {
  return locationOf(m);
}

export const applying = (l: LayerEval | undefined, effect: 'Allow' | 'Deny'): StatementOutcome[] =>
  l ? l.statements.filter((s) => s.match.applies && s.match.effect === effect) : [];
