import type { PolicyType } from '../model/policy.js';
import type { CompiledPolicy as Policy } from './compile.js';
import type { DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import { matchStatement, type PreparedRequest, type StatementOutcome } from './statement.js';

/** One layer's evaluation: its outcome (as reported) and the statement outcomes the combiner reads. */
export interface LayerEval {
  outcome: LayerOutcome;
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
  const where = level !== undefined ? ` at level ${level}` : '';
  const outcome: LayerOutcome = {
    policyType,
    ...(level !== undefined ? { level } : {}),
    result: denies ? 'ExplicitDeny' : allows ? 'Allowed' : 'ImplicitDeny',
    reason: denies
      ? `${denies === 1 ? 'a Deny statement applies' : `${denies} Deny statements apply`}${where}`
      : allows
        ? `${allows === 1 ? 'an Allow statement applies' : `${allows} Allow statements apply`}${where}`
        : policies.length
          ? `no statement${where} allows ${req.request.action} on ${req.request.resource}`
          : 'no policy given for this layer',
    policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex, ...(level !== undefined ? { level } : {}) })),
    statements: statements.map((s) => s.match),
  };
  return { outcome, statements, applicable: true };
}

export function notApplicable(policyType: PolicyType, reason: string, policies: Policy[] = [], level?: number): LayerEval {
  return {
    outcome: {
      policyType,
      ...(level !== undefined ? { level } : {}),
      result: 'NotApplicable',
      reason,
      policies: policies.map((p, policyIndex) => ({ source: p.source, policyIndex, ...(level !== undefined ? { level } : {}) })),
      statements: [],
    },
    statements: [],
    applicable: false,
  };
}

/** Says, on a layer that lacks an Allow, that its Allow was not needed for this request. */
export function notRequired(l: LayerEval, why: string): void {
  if (l.outcome.result === 'ImplicitDeny') l.outcome.reason += ` (not required: ${why})`;
}

export function statementEntry(m: StatementMatch): DecidingEntry {
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

export const applying = (l: LayerEval | undefined, effect: 'Allow' | 'Deny'): StatementOutcome[] =>
  l ? l.statements.filter((s) => s.match.applies && s.match.effect === effect) : [];
