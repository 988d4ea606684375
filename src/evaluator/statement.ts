import type { CompiledPolicy as Policy, CompiledStatement as Statement } from './compile.js';
import type { Request } from '../model/request.js';
import type { ConditionResult, ElementName, StatementReason, StatementResult } from '../model/evaluation.js';
import { evaluateCondition } from './conditions/evaluate.js';
import type { ContextView } from './context.js';
import { matchPrincipal, sparedByNotPrincipal, type PrincipalGrant } from './match/principal.js';
import { parseArn, type Arn } from '../iam/arn.js';

/** The request in the form matching needs, computed once per evaluation. */
export interface PreparedRequest {
  request: Request;
  /** True when a permissions boundary is attached to the caller (NotPrincipal Denies then always apply). */
  hasBoundary: boolean;
  /** The S3 canonical user id of the caller's account, when the request's facts give it. */
  canonicalId?: string;
  actionLower: string;
  resourceArn: Arn | null;
  /**
   * For an S3 action on no resource (`*`, e.g. s3:ListAllMyBuckets), S3's own ARN for it,
   * `arn:aws:s3:::`: AWS documents `"Resource": "arn:aws:s3:::*"` as letting users list their buckets
   * (IAM "Policy evaluation logic", Carlos's example; S3 walkthrough "Controlling access to a bucket
   * with user policies"), although the NotAction page says the action "requires the "*" resource".
   */
  s3AccountResource?: { raw: string; arn: Arn | null };
  context: ContextView;
}

/**
 * The caller's S3 canonical user id from `s3.canonicalUserIds`: its account's, or for a CloudFront
 * origin access identity its own (an OAI has an S3 canonical user id, used in bucket policies and ACLs).
 */
export function canonicalIdOf(p: Request['principal'], ids: Record<string, string> | undefined): string | undefined {
  if (!ids) return undefined;
  if (p.kind === 'oai') return ids[p.text];
  return p.account !== undefined ? ids[p.account] : undefined;
}

const S3_NO_RESOURCE = { raw: 'arn:aws:s3:::', arn: parseArn('arn:aws:s3:::') };

export function prepare(request: Request, context: ContextView, hasBoundary = false): PreparedRequest {
  const canonicalId = canonicalIdOf(request.principal, request.s3?.canonicalUserIds);
  return {
    request,
    hasBoundary,
    ...(canonicalId !== undefined ? { canonicalId } : {}),
    actionLower: request.action.toLowerCase(),
    resourceArn: parseArn(request.resource),
    ...(request.resource === '*' && request.action.toLowerCase().startsWith('s3:') ? { s3AccountResource: S3_NO_RESOURCE } : {}),
    context,
  };
}

/** A StatementResult plus what the combiner needs but the output does not show. */
export interface StatementOutcome {
  match: StatementResult;
  grant?: PrincipalGrant;
}

/**
 * Decides whether one statement applies to the request, and records why. Elements are checked in the
 * order AWS documents them (action, resource, principal, condition); conditions are all evaluated so
 * that every failing one can be shown.
 */
export function matchStatement(stmt: Statement, policy: Policy, policyIndex: number, level: number | undefined, req: PreparedRequest): StatementOutcome {
  const match: StatementResult = {
    policyType: policy.policyType,
    source: policy.source,
    policyIndex,
    ...(level !== undefined ? { level } : {}),
    statementIndex: stmt.index,
    ...(stmt.sid !== undefined ? { sid: stmt.sid } : {}),
    effect: stmt.effect,
    line: stmt.span.line,
    column: stmt.span.column,
    applies: false,
    matched: {},
    why: { code: 'matches', conditions: false },
    conditions: [],
  };
  const outcome: StatementOutcome = { match };
  const action = req.request.action;

  // Action / NotAction (action names are case-insensitive).
  if (stmt.action) {
    const hit = stmt.action.find((a) => a.matcher.test(req.actionLower));
    if (!hit) return fail(outcome, 'Action', { code: 'actionNotIncluded', action });
    match.matched.action = { code: 'value', text: hit.text };
  } else if (stmt.notAction) {
    const hit = stmt.notAction.find((a) => a.matcher.test(req.actionLower));
    if (hit) return fail(outcome, 'NotAction', { code: 'notActionExcludes', action, by: hit.text });
    match.matched.action = { code: 'notListed', element: 'NotAction', subject: action };
  }

  // Resource / NotResource (ARNs are case-sensitive). Absent in SCPs/RCPs means every resource.
  const r = matchResourceElement(stmt, req);
  if (r && 'failed' in r) return fail(outcome, r.failed, r.why);
  if (r) match.matched.resource = r.matched;

  const principalFailure = matchPrincipalElement(stmt, policy, req, outcome);
  if (principalFailure) return principalFailure;

  // Condition: every operator/key pair must hold (AND); values under one key are ORed.
  const traces: ConditionResult[] = evaluateConditions(stmt, req);
  match.conditions = traces;
  const failed = traces.filter((t) => !t.result && !t.error);
  const errors = traces.flatMap((t) => (t.error ? [t.error] : []));
  if (failed.length) return fail(outcome, 'Condition', { code: 'conditionNotMet', failed });
  if (errors.length) {
    if (stmt.effect === 'Allow') return fail(outcome, 'Condition', { code: 'conditionError', errors });
    // A Deny whose condition cannot be evaluated is applied: never report Allowed on an error.
    match.applies = true;
    match.failClosed = true;
    match.why = { code: 'failClosed', errors };
    return outcome;
  }
  match.applies = true;
  match.why = { code: 'matches', conditions: traces.length > 0 };
  return outcome;
}

/** Principal / NotPrincipal (resource-based policies only): the failed outcome, or undefined when it matches. */
function matchPrincipalElement(stmt: Statement, policy: Policy, req: PreparedRequest, outcome: StatementOutcome): StatementOutcome | undefined {
  const match = outcome.match;
  const caller = req.request.principal.text;
  if (stmt.principal) {
    const pm = matchPrincipal(stmt.principal, req.request.principal, req.canonicalId);
    if (!pm.matched) return fail(outcome, 'Principal', { code: 'principalNotNamed', caller, notes: pm.notes });
    // "For gateway endpoints, you must use the aws:PrincipalArn condition key to grant access to a
    // principal. If you specify a principal [as an account id or :root ARN] access is granted to the
    // AWS account root user only" (Amazon VPC, "Control access to VPC endpoints using endpoint policies").
    if (policy.policyType === 'vpcEndpoint' && pm.grant === 'account' && req.request.vpcEndpointType !== 'Interface' && req.request.principal.kind !== 'root') {
      return fail(outcome, 'Principal', { code: 'gatewayAccountPrincipal', value: pm.value!, caller });
    }
    match.matched.principal = { code: 'principal', value: pm.value! };
    outcome.grant = pm.grant!;
  } else if (stmt.notPrincipal) {
    if (stmt.effect === 'Deny') {
      const spared = sparedByNotPrincipal(stmt.notPrincipal, req.request.principal, req.hasBoundary);
      if (spared.spared) return fail(outcome, 'NotPrincipal', { code: 'notPrincipalSpares', caller, spared: spared.why });
      match.matched.principal = { code: 'notPrincipalDeny', spared: spared.why };
    } else {
      // An Allow with NotPrincipal ("not supported" by AWS) grants to everyone it does not name; any
      // value that names the caller excludes it.
      const pm = matchPrincipal(stmt.notPrincipal, req.request.principal, req.canonicalId);
      if (pm.matched) return fail(outcome, 'NotPrincipal', { code: 'notPrincipalExcludes', caller, by: pm.value! });
      match.matched.principal = { code: 'notListed', element: 'NotPrincipal', subject: caller };
      outcome.grant = 'everyone';
    }
  }
  return undefined;
}

const evaluateConditions = (stmt: Statement, req: PreparedRequest): ConditionResult[] =>
  stmt.conditions.map((c) => evaluateCondition(c, req.context.get(c.keyLower), req.context.lookup, stmt.effect));

type ResourceMatch = { matched: NonNullable<StatementResult['matched']['resource']> } | { failed: ElementName; why: StatementReason } | undefined;

/** Resource / NotResource: what matched, or the failure; undefined when the statement has neither (SCPs/RCPs). */
function matchResourceElement(stmt: Statement, req: PreparedRequest): ResourceMatch {
  if (!stmt.resource && !stmt.notResource) return undefined;
  const resource = req.request.resource;
  const patterns = (stmt.resource ?? stmt.notResource)!;
  let hit: string | undefined;
  const unresolved: string[] = [];
  for (const r of patterns) {
    let t = r.pattern.test(req.resourceArn, resource, req.context.lookup);
    if (!t.matched && req.s3AccountResource) t = r.pattern.test(req.s3AccountResource.arn, req.s3AccountResource.raw, req.context.lookup);
    if (t.unresolved) unresolved.push(t.unresolved);
    if (t.matched) {
      hit = r.text;
      break;
    }
  }
  if (stmt.resource) {
    if (hit === undefined) return { failed: 'Resource', why: { code: 'resourceNotIncluded', resource, unresolved } };
    return { matched: { code: 'value', text: hit } };
  }
  if (hit !== undefined) return { failed: 'NotResource', why: { code: 'notResourceExcludes', resource, by: hit } };
  return { matched: { code: 'notListed', element: 'NotResource', subject: resource } };
}

/**
 * For an Allow that does not apply: every element after the first failing one that fails too (Resource,
 * Principal, the failing conditions), so a closest statement's trace lists them all. Explanation only: it
 * reads the statement again and changes nothing the decision reads (`applies`, `failedElement`, `why`,
 * `matched`, `conditions`).
 */
export function alsoFailing(stmt: Statement, policy: Policy, req: PreparedRequest, match: StatementResult): StatementReason[] {
  const element = match.failedElement;
  if (match.applies || match.effect !== 'Allow' || element === undefined || element === 'Condition') return [];
  const rest: StatementReason[] = [];
  if (element === 'Action' || element === 'NotAction') {
    const r = matchResourceElement(stmt, req);
    if (r && 'failed' in r) rest.push(r.why);
  }
  if (element !== 'Principal' && element !== 'NotPrincipal') {
    const p = matchPrincipalElement(stmt, policy, req, { match: { ...match, matched: {} } });
    if (p) rest.push(p.match.why);
  }
  const traces = evaluateConditions(stmt, req);
  const failed = traces.filter((t) => !t.result && !t.error);
  const errors = traces.flatMap((t) => (t.error ? [t.error] : []));
  if (failed.length) rest.push({ code: 'conditionNotMet', failed });
  if (errors.length) rest.push({ code: 'conditionError', errors });
  return rest;
}

function fail(o: StatementOutcome, element: ElementName, why: StatementReason): StatementOutcome {
  o.match.applies = false;
  o.match.failedElement = element;
  o.match.why = why;
  return o;
}
