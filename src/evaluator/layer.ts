import type { PolicyType } from '../model/policy.js';
import { locationOf } from '../model/keys.js';
import type { DecidingEntry, LayerReason, LayerResultData, NotRequiredWhy, SetAsideRule, StatementResult } from '../model/evaluation.js';
import type { CompiledPolicy as Policy, CompiledStatement as Statement } from './compile.js';
import { alsoFailing, matchStatement, type PreparedRequest, type StatementOutcome } from './statement.js';

/** One layer's evaluation: its outcome (as reported) and the statement outcomes the combiner reads. */
export interface LayerEval {
  outcome: LayerResultData;
  statements: StatementOutcome[];
  applicable: boolean;
}

export function evaluateLayer(policyType: PolicyType, policies: Policy[], req: PreparedRequest, level?: number): LayerEval {
  const statements: StatementOutcome[] = [];
  const sources: [Statement, Policy][] = [];
  policies.forEach((policy, policyIndex) => {
    for (const stmt of policy.statements) {
      statements.push(matchStatement(stmt, policy, policyIndex, level, req));
      sources.push([stmt, policy]);
    }
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
  if (result === 'ImplicitDeny') addAlsoFails(statements, sources, req);
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

/** How many Allow statements that fail on their Action get `alsoFails` when no Allow of the layer got further. */
const MAX_ALSO_FAILS = 5;

/**
 * `alsoFails` for the Allow statements a layer without an Allow can show as closest: those that got past their
 * Action (or name a Principal, which may name the caller), and the first few others. Only these, so the cost
 * stays a few statement matches per denied layer, and nothing on an allowed layer.
 */
function addAlsoFails(statements: StatementOutcome[], sources: [Statement, Policy][], req: PreparedRequest): void {
  const failed = statements.map((s, i) => [s.match, i] as const).filter(([m]) => m.effect === 'Allow' && !m.applies && m.failedElement !== 'Condition');
  const pastAction = (m: StatementResult, i: number) =>
    (m.failedElement !== 'Action' && m.failedElement !== 'NotAction') || sources[i]![0].principal !== undefined;
  const near = failed.filter(([m, i]) => pastAction(m, i));
  const others = failed.filter(([m, i]) => !pastAction(m, i)).slice(0, MAX_ALSO_FAILS);
  for (const [m, i] of [...near, ...others]) {
    const [stmt, policy] = sources[i]!;
    const rest = alsoFailing(stmt, policy, req, m);
    if (rest.length) m.alsoFails = rest;
  }
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
