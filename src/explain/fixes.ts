import type { ContextEntry, ContextInput, Request } from '../model/request.js';
import type { Policy, PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type { ConditionTrace, StatementMatch } from '../model/evaluation.js';
import { evaluateRequest, type Evaluation } from '../evaluator/evaluate.js';
import { parseOperator } from '../evaluator/conditions/operators.js';
import { parseCidrStrict } from '../evaluator/match/ip.js';
import { readJson } from '../json/read.js';
import { parsePolicy } from '../parse/policy.js';
import { hintFor, isCallerControlled } from './hints.js';

/** One concrete change to the request or to a policy. */
export type FixChange =
  | { type: 'setContext'; key: string; value: ContextInput; hint?: string }
  | { type: 'removeContext'; key: string; hint?: string }
  | { type: 'addStatement'; policyType: PolicyType; level?: number; target: string; statement: Record<string, unknown> }
  | { type: 'removeStatement'; policyType: PolicyType; source: string; statementIndex: number; sid?: string; line: number; column: number };

/** A change that was applied to a copy of the request and re-evaluated: it turns the decision to Allowed. */
export interface Fix {
  summary: string;
  changes: FixChange[];
  verifiedDecision: 'Allowed';
}

const MAX_FIXES = 4;

/**
 * Proposes the smallest changes that make the request succeed and keeps only those that, applied and
 * re-evaluated, give Allowed. Request changes (a header, HTTPS, a source address) come before policy
 * changes, and among policy changes an added least-privilege statement before removing a Deny.
 */
export function findFixes(request: Request, policies: PolicySet, evaluation: Evaluation): Fix[] {
  if (evaluation.decision === 'Allowed') return [];
  const candidates: { summary: string; changes: FixChange[] }[] = [];
  const statements = evaluation.layers.flatMap((l) => l.statements);

  if (evaluation.decision === 'ExplicitDeny') {
    const denies = statements.filter((s) => s.applies && s.effect === 'Deny');
    // Request changes that make every applying Deny stop applying, one condition each.
    const perDeny = denies.map((d) => escapeDenyChanges(d, request));
    if (perDeny.every((c) => c.length > 0)) {
      const combined = perDeny.map((c) => c[0]!).flat();
      candidates.push({ summary: describeChanges(combined), changes: combined });
      for (const c of perDeny.length === 1 ? perDeny[0]!.slice(1) : []) candidates.push({ summary: describeChanges(c), changes: c });
    }
    // Remove or narrow the Deny statement(s); then the allows may still be missing, so add them too.
    const removals: FixChange[] = denies.map((d) => ({
      type: 'removeStatement',
      policyType: d.policyType,
      source: d.source,
      statementIndex: d.statementIndex,
      ...(d.sid !== undefined ? { sid: d.sid } : {}),
      line: d.line,
      column: d.column,
    }));
    const after = evaluateRequest(request, applyChanges(request, policies, removals).policies);
    const extra = after.decision === 'ImplicitDeny' ? grantChanges(request, policies, after) : [];
    candidates.push({ summary: describeChanges([...removals, ...extra]), changes: [...removals, ...extra] });
  } else {
    // Allow statements that matched all but their conditions, in the layers whose Allow is missing.
    const missing = new Set(evaluation.deciding.map((d) => d.policyType));
    for (const s of statements) {
      if (s.effect !== 'Allow' || s.failedElement !== 'Condition' || !missing.has(s.policyType)) continue;
      const changes = meetAllowChanges(s, request);
      if (changes.length) candidates.push({ summary: describeChanges(changes), changes });
    }
    const grants = grantChanges(request, policies, evaluation);
    if (grants.length) candidates.push({ summary: describeChanges(grants), changes: grants });
  }

  const fixes: Fix[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const key = JSON.stringify(c.changes);
    if (seen.has(key) || fixes.length >= MAX_FIXES) continue;
    seen.add(key);
    const applied = applyChanges(request, policies, c.changes);
    if (evaluateRequest(applied.request, applied.policies).decision === 'Allowed') {
      fixes.push({ summary: c.summary, changes: c.changes, verifiedDecision: 'Allowed' });
    }
  }
  return fixes;
}

/** Changes to the request that make one of a Deny's conditions false (one list per alternative). */
function escapeDenyChanges(d: StatementMatch, request: Request): FixChange[][] {
  const out: FixChange[][] = [];
  for (const t of d.conditions) {
    if (!t.result || !isCallerControlled(t.key)) continue;
    const change = flipCondition(t, request, false);
    if (change) out.push([change]);
  }
  return out;
}

/** Changes to the request that make every failed condition of an Allow true. */
function meetAllowChanges(s: StatementMatch, request: Request): FixChange[] {
  const changes: FixChange[] = [];
  for (const t of s.conditions) {
    if (t.result) continue;
    if (!isCallerControlled(t.key)) return [];
    const change = flipCondition(t, request, true);
    if (!change) return [];
    changes.push(change);
  }
  return changes;
}

/** A value for the key that makes the condition `want` (true/false), when one can be read off the policy. */
function flipCondition(t: ConditionTrace, request: Request, want: boolean): FixChange | undefined {
  const op = parseOperator(t.operator);
  if ('error' in op) return undefined;
  const first = t.policyValues.find((v) => !v.includes('${'));
  const present = t.requestValue !== null;
  const setTo = (value: string): FixChange => {
    const hint = hintFor(t.key, value);
    return hint ? { type: 'setContext', key: t.key, value, hint } : { type: 'setContext', key: t.key, value };
  };
  const remove = (): FixChange | undefined => {
    const entry = request.context.get(t.key.toLowerCase());
    if (!entry || entry.origin !== 'request') return undefined;
    const hint = hintFor(t.key, undefined);
    return hint ? { type: 'removeContext', key: t.key, hint } : { type: 'removeContext', key: t.key };
  };
  const base = op.base;
  // The condition is true when the key takes a policy value (positive) or avoids them (negated).
  const takePolicyValue = want !== base.negated;
  if (base.family === 'Null') {
    const wantsNull = t.policyValues.some((v) => v.toLowerCase() === 'true');
    // Null true holds when absent; to make it hold remove the key, to make it fail we would need a value.
    return wantsNull === want ? remove() : undefined;
  }
  if (base.family === 'Bool') {
    if (!first) return undefined;
    const v = first.toLowerCase() === 'true';
    return setTo(String(takePolicyValue ? v : !v));
  }
  if (takePolicyValue) {
    if (!first) return undefined;
    if (base.family === 'IpAddress') {
      const range = parseCidrStrict(first);
      return range ? setTo(range.addr.toString()) : undefined;
    }
    if (base.comparison === 'like' && /[*?]/.test(first)) return undefined;
    return setTo(first);
  }
  // Make a positive condition fail (or a negated one hold) by not sending the key at all.
  if (present) return remove();
  return undefined;
}

/** Least-privilege statements for each layer whose Allow is missing. */
function grantChanges(request: Request, policies: PolicySet, evaluation: Evaluation): FixChange[] {
  const changes: FixChange[] = [];
  const plain = { Effect: 'Allow', Action: request.action, Resource: request.resource };
  for (const d of evaluation.deciding) {
    switch (d.policyType) {
      case 'identity':
        changes.push({
          type: 'addStatement',
          policyType: 'identity',
          target: policies.identity[0]?.source ?? `an identity-based policy attached to ${principalName(request)}`,
          statement: plain,
        });
        break;
      case 'boundary':
        changes.push({ type: 'addStatement', policyType: 'boundary', target: policies.boundary!.source, statement: plain });
        break;
      case 'session':
        changes.push({ type: 'addStatement', policyType: 'session', target: policies.session[0]!.source, statement: plain });
        break;
      case 'scp':
      case 'rcp': {
        const level = d.level ?? 0;
        const first = policies[d.policyType][level]?.[0];
        const statement = d.policyType === 'rcp' ? { Effect: 'Allow', Principal: '*', Action: request.action, Resource: request.resource } : plain;
        changes.push({
          type: 'addStatement',
          policyType: d.policyType,
          level,
          target: first ? `${first.source} (or another ${d.policyType.toUpperCase()} attached at level ${level})` : `an ${d.policyType.toUpperCase()} at level ${level}`,
          statement,
        });
        break;
      }
      case 'vpcEndpoint':
        changes.push({
          type: 'addStatement',
          policyType: 'vpcEndpoint',
          target: policies.vpcEndpoint!.source,
          statement: { Effect: 'Allow', Principal: '*', Action: request.action, Resource: request.resource },
        });
        break;
      case 'resource': {
        const statement: Record<string, unknown> = {
          Effect: 'Allow',
          Principal: principalElement(request),
          Action: request.action,
          Resource: request.resource,
        };
        const sourceArn = request.context.get('aws:sourcearn');
        if (request.principal.kind === 'service' && sourceArn && sourceArn.values.length === 1) {
          statement.Condition = { StringEquals: { 'AWS:SourceArn': sourceArn.values[0] } };
        }
        changes.push({
          type: 'addStatement',
          policyType: 'resource',
          target: policies.resource?.source ?? 'the resource-based policy (e.g. the bucket policy)',
          statement,
        });
        break;
      }
      default:
        break;
    }
  }
  return changes;
}

function principalName(request: Request): string {
  const p = request.principal;
  return p.kind === 'assumedRole' ? `role ${p.name}` : p.text;
}

function principalElement(request: Request): unknown {
  const p = request.principal;
  if (p.kind === 'anonymous') return '*';
  if (p.kind === 'service') return { Service: p.service };
  return { AWS: p.kind === 'assumedRole' ? p.principalArn : p.text };
}

function describeChanges(changes: FixChange[]): string {
  return changes
    .map((c) => {
      switch (c.type) {
        case 'setContext':
          return c.hint ? `${c.hint} (${c.key} = ${JSON.stringify(c.value)})` : `set ${c.key} to ${JSON.stringify(c.value)}`;
        case 'removeContext':
          return c.hint ?? `do not send ${c.key}`;
        case 'addStatement':
          return `add to ${c.target} (${c.policyType} layer): ${JSON.stringify(c.statement)}`;
        case 'removeStatement':
          return `remove or narrow the Deny statement${c.sid !== undefined ? ` "${c.sid}"` : ''} (#${c.statementIndex}) at ${c.source}:${c.line}:${c.column}`;
      }
    })
    .join('; and ');
}

/** A copy of the request and policies with the changes applied (the originals are not touched). */
export function applyChanges(request: Request, policies: PolicySet, changes: FixChange[]): { request: Request; policies: PolicySet } {
  const context = new Map<string, ContextEntry>(request.context);
  let next: PolicySet = { ...policies, identity: [...policies.identity] };
  for (const c of changes) {
    if (c.type === 'setContext') {
      const values = Array.isArray(c.value) ? c.value.map(String) : [String(c.value)];
      context.set(c.key.toLowerCase(), { key: c.key, values, multi: Array.isArray(c.value), origin: 'request', display: c.value });
    } else if (c.type === 'removeContext') {
      context.delete(c.key.toLowerCase());
    } else if (c.type === 'removeStatement') {
      const strip = (p: Policy): Policy =>
        p.source === c.source && p.policyType === c.policyType ? { ...p, statements: p.statements.filter((s) => s.index !== c.statementIndex) } : p;
      next = {
        ...next,
        identity: next.identity.map(strip),
        session: next.session.map(strip),
        scp: next.scp.map((l) => l.map(strip)),
        rcp: next.rcp.map((l) => l.map(strip)),
        ...(next.resource ? { resource: strip(next.resource) } : {}),
        ...(next.boundary ? { boundary: strip(next.boundary) } : {}),
        ...(next.vpcEndpoint ? { vpcEndpoint: strip(next.vpcEndpoint) } : {}),
        ...(next.kmsKey ? { kmsKey: strip(next.kmsKey) } : {}),
      };
    } else {
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [c.statement] }, null, 2);
      const added = parsePolicy(readJson(text, '(suggested)').root, { file: '(suggested)', label: '(suggested)', policyType: c.policyType });
      const extend = (p: Policy | undefined): Policy =>
        p ? { ...p, statements: [...p.statements, ...added.statements.map((s, i) => ({ ...s, index: p.statements.length + i }))] } : added;
      switch (c.policyType) {
        case 'identity':
          next = { ...next, identity: [...next.identity, added] };
          break;
        case 'session':
          next = { ...next, session: [...next.session, added] };
          break;
        case 'scp':
        case 'rcp': {
          const levels = next[c.policyType].map((l, i) => (i === (c.level ?? 0) ? [...l, added] : l));
          next = { ...next, [c.policyType]: levels };
          break;
        }
        case 'resource':
          next = { ...next, resource: extend(next.resource) };
          break;
        case 'boundary':
          next = { ...next, boundary: extend(next.boundary) };
          break;
        case 'vpcEndpoint':
          next = { ...next, vpcEndpoint: extend(next.vpcEndpoint) };
          break;
        default:
          break;
      }
    }
  }
  return { request: { ...request, context }, policies: next };
}
