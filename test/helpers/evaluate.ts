/**
 * Helpers for semantic tests that drive the real pipeline: a request document with inline policies,
 * through `evaluate()` (loading, grammar, matching, conditions, combination, report).
 */
import { evaluate, type ConditionTrace, type Report, type StatementMatch } from '../../src/index.js';

/** Fixed evaluation time: aws:CurrentTime = 2026-01-01T00:00:00Z, aws:EpochTime = 1767225600. */
export const NOW = new Date('2026-01-01T00:00:00Z');
export const NOW_EPOCH = '1767225600';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/session-1`;
export const OTHER_USER = `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`;
export const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
export const OBJECT = `${BUCKET}/a.txt`;

export type Json = Record<string, unknown>;

export interface RequestSpec {
  principal?: string;
  action?: string;
  resource?: string;
  resourceAccount?: string;
  context?: Json;
  /** Identity-based policies (inline documents). */
  identity?: Json[];
  /** The resource-based policy (inline document). */
  resourcePolicy?: Json;
}

/** Evaluates a request built from `spec`; defaults: alice, s3:GetObject on amzn-s3-demo-bucket/a.txt. */
export async function run(spec: RequestSpec = {}): Promise<Report> {
  const policies: Json = {};
  if (spec.identity) policies.identity = spec.identity;
  if (spec.resourcePolicy) policies.resource = spec.resourcePolicy;
  const doc: Json = {
    principal: spec.principal ?? ALICE,
    action: spec.action ?? 's3:GetObject',
    resource: spec.resource ?? OBJECT,
    policies,
  };
  // The bucket is alice's account's unless a test says otherwise: these tests are about the policy
  // language, and an unknown owner makes an identity-only Allow depend on whose bucket it is.
  doc.resourceAccount = spec.resourceAccount ?? ACCOUNT;
  if (spec.context !== undefined) doc.context = spec.context;
  return evaluate(doc, { baseDir: process.cwd(), now: NOW });
}

/** A policy document, Version 2012-10-17 unless given. */
export function policy(statements: Json[], version: string | null = '2012-10-17'): Json {
  return version === null ? { Statement: statements } : { Version: version, Statement: statements };
}

/** The identity (or resource) layer's statement matches, in order. */
export function statements(report: Report, layer: 'identity' | 'resource' = 'identity'): StatementMatch[] {
  const l = report.layers.find((x) => x.policyType === layer);
  if (!l) throw new Error(`no ${layer} layer in report`);
  return l.statements;
}

/**
 * Evaluates one identity-policy statement with `effect`, `s3:GetObject` on `*` and the given Condition
 * block, and returns its match (applies, failClosed, condition traces) plus the decision.
 */
export async function conditionCase(
  effect: 'Allow' | 'Deny',
  condition: Json,
  context: Json = {},
  options: { version?: string | null; principal?: string } = {},
): Promise<{ match: StatementMatch; traces: ConditionTrace[]; report: Report }> {
  const stmt = { Effect: effect, Action: 's3:GetObject', Resource: '*', Condition: condition };
  // A Deny needs an Allow beside it, so that "applies" and the decision say the same thing.
  const extra = effect === 'Deny' ? [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] : [];
  const report = await run({
    ...(options.principal !== undefined ? { principal: options.principal } : {}),
    context,
    identity: [policy([stmt, ...extra], options.version === undefined ? '2012-10-17' : options.version)],
  });
  const match = statements(report)[0]!;
  return { match, traces: match.conditions, report };
}

/** Whether an Allow (and, symmetrically, a Deny) with this condition block applies to the request. */
export async function conditionHolds(condition: Json, context: Json = {}, effect: 'Allow' | 'Deny' = 'Allow'): Promise<boolean> {
  const { match, report } = await conditionCase(effect, condition, context);
  let expectedDecision: string;
  if (effect === 'Allow') expectedDecision = match.applies ? 'Allowed' : 'ImplicitDeny';
  else expectedDecision = match.applies ? 'ExplicitDeny' : 'Allowed';
  if (report.decision !== expectedDecision) {
    throw new Error(`decision ${report.decision} disagrees with the statement's applies=${match.applies}`);
  }
  return match.applies;
}

/**
 * A request document whose S3 bucket belongs to the caller's account unless it says otherwise. Tests of
 * the policy language and the layers mean the same account; the unknown-owner reading (an identity-only
 * Allow then depends on whose bucket it is) has tests of its own.
 */
export function ownedByCaller<T extends Json>(doc: T): T {
  if (doc.resourceAccount !== undefined || typeof doc.resource !== 'string' || !doc.resource.startsWith('arn:aws:s3:::')) return doc;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(String(doc.principal));
  return m ? { ...doc, resourceAccount: m[1] } : doc;
}
