import { POLICY_TYPE_NAMES, type Policy, type PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type { Request, RequestPrincipal } from '../model/request.js';
import type { Decision, DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import { ContextView } from './context.js';
import { matchStatement, prepare, type PreparedRequest, type StatementOutcome } from './statement.js';

/** The decision for one request, with every layer's result and the statements that decided. */
export interface Evaluation {
  decision: Decision;
  /** One sentence that says why, naming the layer. */
  summary: string;
  deciding: DecidingEntry[];
  /** Layers in AWS's evaluation order: RCPs, SCPs, VPC endpoint, resource, identity, boundary, session. */
  layers: LayerOutcome[];
  /** True when the principal and the resource are in different accounts. */
  crossAccount: boolean;
  /** Documented defaults (aws:SecureTransport…) that some condition consulted. */
  consultedDefaults: string[];
}

interface LayerEval {
  outcome: LayerOutcome;
  statements: StatementOutcome[];
  applicable: boolean;
}

const WORDS = POLICY_TYPE_NAMES;

function evaluateLayer(policyType: PolicyType, policies: Policy[], req: PreparedRequest, level?: number): LayerEval {
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

function notApplicable(policyType: PolicyType, reason: string, policies: Policy[] = [], level?: number): LayerEval {
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
function notRequired(l: LayerEval, why: string): void {
  if (l.outcome.result === 'ImplicitDeny') l.outcome.reason += ` (not required: ${why})`;
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

const applying = (l: LayerEval | undefined, effect: 'Allow' | 'Deny'): StatementOutcome[] =>
  l ? l.statements.filter((s) => s.match.applies && s.match.effect === effect) : [];

/** Service-linked roles are exempt from SCPs and RCPs; their names start with AWSServiceRoleFor. */
function isServiceLinkedRole(p: RequestPrincipal): boolean {
  return (p.kind === 'role' || p.kind === 'assumedRole') && (/\/aws-service-role\//.test(p.text) || (p.name ?? '').startsWith('AWSServiceRoleFor'));
}

/**
 * Evaluates a request against every layer, per AWS's "Policy evaluation logic" and
 * "Cross-account policy evaluation logic":
 * 1. an explicit Deny in any applicable policy wins;
 * 2. every applicable RCP and SCP level, and the VPC endpoint policy, must allow (guardrails grant nothing);
 * 3. within one account an Allow in the identity-based or the resource-based policy suffices, subject to
 *    the permissions boundary and session policy unless the resource policy names the user or the
 *    session itself; a grant to the account only delegates to IAM;
 * 4. across accounts both the principal's side and the resource-based policy must allow;
 * 5. anonymous callers and service principals can only be allowed by a resource-based policy.
 * Pure: no I/O, the same input gives the same output.
 */
export function evaluateRequest(request: Request, policies: PolicySet): Evaluation {
  const view = new ContextView(request.context);
  const req = prepare(request, view, policies.boundary !== undefined);
  const p = request.principal;
  const isIam = p.kind !== 'anonymous' && p.kind !== 'service';
  const crossAccount = isIam && request.resourceAccount !== undefined && request.resourceAccount !== p.account;
  const slr = isServiceLinkedRole(p);

  // Guardrails, in AWS's order: RCPs, then SCPs, then the VPC endpoint policy.
  const rcpLevels: LayerEval[] = policies.rcp.map((level, i) => {
    if (request.managementAccount !== undefined && request.resourceAccount === request.managementAccount)
      return notApplicable('rcp', 'RCPs do not affect resources in the management account', level, i);
    if (request.serviceSupportsRcp === false)
      return notApplicable('rcp', `RCPs do not apply to ${request.action.split(':')[0]} actions`, level, i);
    if (slr) return notApplicable('rcp', 'RCPs do not restrict service-linked roles', level, i);
    return evaluateLayer('rcp', level, req, i);
  });
  const scpLevels: LayerEval[] = policies.scp.map((level, i) => {
    if (!isIam) return notApplicable('scp', 'SCPs restrict IAM users and roles only, not anonymous callers or service principals', level, i);
    if (request.managementAccount !== undefined && p.account === request.managementAccount)
      return notApplicable('scp', 'SCPs do not affect principals in the management account', level, i);
    if (slr) return notApplicable('scp', 'SCPs do not affect service-linked roles', level, i);
    return evaluateLayer('scp', level, req, i);
  });
  const vpce = policies.vpcEndpoint ? evaluateLayer('vpcEndpoint', [policies.vpcEndpoint], req) : undefined;

  const resource = policies.resource
    ? evaluateLayer('resource', [policies.resource], req)
    : notApplicable('resource', 'no resource-based policy given');
  const nonIamWhy = p.kind === 'anonymous' ? 'an anonymous caller has no' : 'a service principal has no';
  const identity = isIam
    ? evaluateLayer('identity', policies.identity, req)
    : notApplicable('identity', `${nonIamWhy} identity-based policies`, policies.identity);
  const boundary = policies.boundary
    ? isIam
      ? evaluateLayer('boundary', [policies.boundary], req)
      : notApplicable('boundary', `${nonIamWhy} permissions boundary`, [policies.boundary])
    : undefined;
  const session = policies.session.length
    ? isIam
      ? evaluateLayer('session', policies.session, req)
      : notApplicable('session', `${nonIamWhy} session`, policies.session)
    : undefined;

  const all: LayerEval[] = [...rcpLevels, ...scpLevels, ...(vpce ? [vpce] : []), resource, identity, ...(boundary ? [boundary] : []), ...(session ? [session] : [])];
  const layers = all.map((l) => l.outcome);
  const result = (decision: Decision, summary: string, deciding: DecidingEntry[]): Evaluation => ({
    decision,
    summary,
    deciding,
    layers,
    crossAccount,
    consultedDefaults: [...view.consultedDefaults].sort(),
  });

  // 1. An explicit Deny anywhere wins; every applying Deny is reported, in layer order.
  const denies = all.flatMap((l) => applying(l, 'Deny'));
  if (denies.length) {
    const first = denies[0]!.match;
    return result(
      'ExplicitDeny',
      `explicitly denied by ${describeStatement(first)} (${WORDS[first.policyType]})${denies.length > 1 ? ` and ${denies.length - 1} more Deny statement(s)` : ''}`,
      denies.map((d) => statementEntry(d.match)),
    );
  }

  // 2. Guardrails grant nothing but every applicable level must allow.
  const missing: DecidingEntry[] = [];
  const why: string[] = [];
  for (const g of [...rcpLevels, ...scpLevels, ...(vpce ? [vpce] : [])]) {
    if (g.applicable && applying(g, 'Allow').length === 0) {
      const lvl = g.outcome.level;
      missing.push({ policyType: g.outcome.policyType, ...(lvl !== undefined ? { level: lvl } : {}) });
      why.push(`no ${WORDS[g.outcome.policyType]}${lvl !== undefined ? ` at level ${lvl}` : ''} allows it`);
    }
  }

  // 3–5. The principal's side and the resource's side.
  // "all requests are implicitly denied with the exception of the AWS account root user, which has full
  // access" (IAM User Guide, "Policy evaluation logic"): the root user needs no identity-based Allow.
  const rootFullAccess = p.kind === 'root';
  if (rootFullAccess && identity.outcome.result === 'ImplicitDeny') {
    identity.outcome.result = 'Allowed';
    identity.outcome.reason = 'the account root user has full access within its own account';
  }
  const idAllows = applying(identity, 'Allow');
  const identityOk = idAllows.length > 0 || rootFullAccess;
  const bAllows = applying(boundary, 'Allow');
  const sAllows = applying(session, 'Allow');
  const rAllows = applying(resource, 'Allow');
  const boundaryOk = !boundary || bAllows.length > 0;
  const sessionOk = !session || sAllows.length > 0;
  const granting: StatementOutcome[] = [];

  if (!isIam) {
    if (rAllows.length) granting.push(...rAllows);
    else {
      missing.push({ policyType: 'resource' });
      why.push(`${p.kind === 'anonymous' ? 'an anonymous caller' : 'a service principal'} can only be allowed by a resource-based policy, and none allows ${request.action}`);
    }
  } else if (crossAccount) {
    if (!identityOk) missing.push({ policyType: 'identity' });
    if (!boundaryOk) missing.push({ policyType: 'boundary' });
    if (!sessionOk) missing.push({ policyType: 'session' });
    if (!rAllows.length) missing.push({ policyType: 'resource' });
    const lacking = missing.filter((m) => m.policyType !== 'rcp' && m.policyType !== 'scp' && m.policyType !== 'vpcEndpoint');
    if (lacking.length) {
      why.push(
        `across accounts (principal in ${p.account}, resource in ${request.resourceAccount}) the principal's policies and the resource-based policy must all allow; ` +
          lacking.map((m) => `no ${WORDS[m.policyType]} allows`).join(' and '),
      );
    } else granting.push(...idAllows, ...bAllows, ...sAllows, ...rAllows);
  } else {
    // Same account. A resource-policy grant naming the user, the session, or everyone is not limited by
    // implicit denies elsewhere; one naming the role is limited by the boundary and session policy;
    // one naming the account only delegates to IAM.
    const unlimited = rAllows.filter((g) => g.grant === 'principal' || g.grant === 'everyone');
    const viaRole = rAllows.filter((g) => g.grant === 'role');
    const delegated = rAllows.length > 0 && unlimited.length === 0 && viaRole.length === 0;
    if (unlimited.length) {
      granting.push(...unlimited);
      notRequired(identity, 'the resource-based policy grants to this principal directly');
    } else if ((identityOk || viaRole.length) && boundaryOk && sessionOk) {
      granting.push(...idAllows, ...viaRole, ...bAllows, ...sAllows);
      if (identityOk) notRequired(resource, 'within one account the identity-based Allow suffices');
      else notRequired(identity, 'the resource-based policy grants to the role');
    }
    else {
      if (!identityOk && !viaRole.length) {
        missing.push({ policyType: 'identity' });
        why.push(
          `no identity-based policy allows ${request.action}` +
            (delegated
              ? ' (the resource-based policy grants to the account, which delegates the decision to IAM policies)'
              : policies.resource
                ? ' and no resource-based policy grants it to this principal'
                : ''),
        );
      }
      if (!boundaryOk) {
        missing.push({ policyType: 'boundary' });
        why.push(`the permissions boundary does not allow ${request.action}, and the effective permissions are the intersection`);
      }
      if (!sessionOk) {
        missing.push({ policyType: 'session' });
        why.push(`the session policy does not allow ${request.action}, and the session's permissions are the intersection`);
      }
    }
  }

  if (missing.length) {
    // Report layers in evaluation order.
    const order = (e: DecidingEntry) => all.findIndex((l) => l.outcome.policyType === e.policyType && l.outcome.level === e.level);
    missing.sort((a, b) => order(a) - order(b));
    return result('ImplicitDeny', `implicitly denied: ${why.join('; ')}`, missing);
  }
  const guards = [...rcpLevels, ...scpLevels, ...(vpce ? [vpce] : [])].filter((g) => g.applicable);
  const layersAllowing = [...new Set(granting.map((g) => WORDS[g.match.policyType]))];
  if (!layersAllowing.length) layersAllowing.push('account root user\'s full access to its own account');
  return result(
    'Allowed',
    `allowed by the ${layersAllowing.join(' and the ')}${guards.length ? `, within every ${[...new Set(guards.map((g) => WORDS[g.outcome.policyType]))].join(', ')} layer` : ''}`,
    granting.map((g) => statementEntry(g.match)),
  );
}

export function describeStatement(m: StatementMatch | DecidingEntry): string {
  const sid = m.sid !== undefined ? ` "${m.sid}"` : '';
  return `statement${sid} (#${m.statementIndex}) in ${m.source}:${m.line}:${m.column}`;
}
