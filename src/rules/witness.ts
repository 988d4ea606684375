import type { PolicyHost, PolicyOrigin } from '../model/check.js';
import type { ConditionResult, Decision, FullEvaluation, LayerResultData } from '../model/evaluation.js';
import type { Condition, PolicyDocument, Statement } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type { ContextEntry, RequestDraft } from '../model/request.js';
import type { S3Facts } from '../model/s3.js';
import { parsePrincipal } from '../iam/principal.js';
import { keyKnown, keyVocabulary } from '../iam/condition-keys.js';
import { actionResourceTypes, representativeActions } from '../iam/actions.js';
import { readJson } from '../json/index.js';
import { parsePolicy } from '../parse/index.js';
import { completeRequest } from '../request/index.js';
import { compile, decide } from '../evaluator/index.js';

/**
 * The evaluator-backed rules' common part: a witness is one concrete request (principal, action, resource,
 * context) built from a policy, which the evaluator decides exactly as `policy-why --request` would. The
 * rules never pattern-match what a statement grants; they ask.
 */
export interface Witness {
  principal: string;
  action: string;
  resource: string;
  /** Condition keys the witness sets, as AWS spells them, in the order they were chosen. */
  context: [key: string, values: string[], multi: boolean][];
}

/** The fixed time of every witness (deterministic output): aws:CurrentTime unless a condition needs another. */
const NOW = new Date('2026-01-01T00:00:00Z');
/** The account a witness's resource belongs to when the policy names none. */
const DEFAULT_OWNER = '111122223333';
/** At most this many witness requests per statement and rule: each rule runs on thousands of files. */
export const WITNESS_BUDGET = 24;

/** What a policy is attached to: its container's word, else what its type and its actions say. */
export function hostOf(policy: PolicyDocument, origin: PolicyOrigin): PolicyHost {
  if (origin.host) return origin.host;
  if (policy.policyType === 'kmsKey') return 'kms-key';
  if (policy.policyType === 'accessPoint') return 's3-access-point';
  if (policy.policyType !== 'resource') return 'other';
  const actions = policy.statements.flatMap((s) => (s.action ?? []).map((a) => a.text.toLowerCase()));
  const all = (p: string) => actions.length > 0 && actions.every((a) => a.startsWith(p));
  if (all('sts:assumerole')) return 'iam-trust';
  if (all('s3:')) return 's3-bucket';
  if (all('sqs:')) return 'sqs-queue';
  if (all('sns:')) return 'sns-topic';
  return 'other';
}

/** The service prefix a host's `*` actions stand for. */
function serviceOf(host: PolicyHost): string {
  const byHost: Partial<Record<PolicyHost, string>> = {
    's3-bucket': 's3',
    's3-access-point': 's3',
    'kms-key': 'kms',
    'sqs-queue': 'sqs',
    'sns-topic': 'sns',
    'iam-trust': 'sts',
  };
  return byHost[host] ?? 's3';
}

/** The account that owns the policy's resource: the first account in a Resource ARN or an AWS principal, else a placeholder. */
export function ownerOf(policy: PolicyDocument): string {
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(r.text);
      if (m) return m[1]!;
    }
  }
  for (const s of policy.statements) {
    for (const p of s.principal ?? []) {
      const m = /^(?:arn:[^:]*:iam::)?(\d{12})(?::|$)/.exec(p.value);
      if (p.type === 'AWS' && m) return m[1]!;
    }
  }
  return DEFAULT_OWNER;
}

/** An account unrelated to the owner: the witness for "any AWS account". */
export function foreignAccount(owner: string): string {
  return owner === '999999999999' ? '999999999998' : '999999999999';
}

/** A wildcard value made concrete: `*` and `?` become `x`, a policy variable `x`. */
export function concrete(value: string): string {
  return value
    .replace(/\$\{[^}]*\}/g, 'x')
    .replace(/\*/g, 'x')
    .replace(/\?/g, 'x');
}

export function hasWildcard(value: string): boolean {
  return /[*?]|\$\{/.test(value);
}

/** A Resource pattern made concrete: a wildcard Region or account field becomes a real one, the rest `x`. */
function concreteArn(pattern: string, owner: string): string {
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return concrete(pattern);
  if (hasWildcard(parts[3]!)) parts[3] = 'us-east-1';
  if (hasWildcard(parts[4]!)) parts[4] = owner;
  return concrete(parts.join(':'));
}

/** The resource a host's `"Resource": "*"` (or a NotResource) stands for, for an action. */
function defaultResource(host: PolicyHost, owner: string, object: boolean): string {
  switch (host) {
    case 'kms-key':
      return `arn:aws:kms:us-east-1:${owner}:key/witness`;
    case 'sqs-queue':
      return `arn:aws:sqs:us-east-1:${owner}:witness`;
    case 'sns-topic':
      return `arn:aws:sns:us-east-1:${owner}:witness`;
    case 'iam-trust':
      return `arn:aws:iam::${owner}:role/witness`;
    case 's3-access-point':
      return `arn:aws:s3:us-east-1:${owner}:accesspoint/witness${object ? '/object/witness' : ''}`;
    default:
      return object ? 'arn:aws:s3:::witness-bucket/witness' : 'arn:aws:s3:::witness-bucket';
  }
}

/** Whether an S3 action acts on objects (its resource types say `object`) or on a bucket; undefined for other services. */
async function s3ObjectAction(action: string): Promise<boolean | undefined> {
  if (!action.toLowerCase().startsWith('s3:')) return undefined;
  const types = await actionResourceTypes(action);
  if (types.includes('object')) return true;
  return types.includes('bucket') ? false : undefined;
}

/** The concrete resources a statement's witness for `action` may name (at most two), the right kind for S3. */
export async function resourcesFor(s: Statement, action: string, host: PolicyHost, owner: string): Promise<string[]> {
  const object = await s3ObjectAction(action);
  const patterns = (s.resource ?? []).map((r) => r.text);
  const out: string[] = [];
  for (const p of patterns) {
    const r = p === '*' ? defaultResource(host, owner, object === true) : concreteArn(p, owner);
    // An S3 object action on a bucket ARN (or the reverse) is a request S3 never makes.
    if (object !== undefined && /^arn:[^:]+:s3:::/.test(r) && r.includes('/') !== object) continue;
    if (!out.includes(r)) out.push(r);
    if (out.length === 2) break;
  }
  if (!patterns.length) out.push(defaultResource(host, owner, object === true));
  return out;
}

/** The concrete actions a statement's witness tries (at most three per Action value, four values). */
export async function actionsFor(s: Statement, host: PolicyHost): Promise<string[]> {
  const service = serviceOf(host);
  const patterns = s.action ? s.action.map((a) => a.text) : [`${service}:*`];
  const out: string[] = [];
  for (const p of patterns.slice(0, 4)) {
    for (const a of await representativeActions(p, service, 3)) if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** Date arithmetic on a condition's value: ISO dates and epoch seconds, moved by one second. */
function shiftDate(text: string, by: number): string {
  if (/^\d+$/.test(text)) return String(Number(text) + by);
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t + by * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A value that makes a (non-negated) condition true, from its first value; undefined when none is chosen. */
export function satisfying(c: Condition): string | undefined {
  const v = c.values[0]?.text;
  if (v === undefined) return undefined;
  const { family, comparison } = c.operator.base;
  if (family === 'Null') return v.toLowerCase() === 'false' ? 'x' : undefined;
  if (family === 'IpAddress') return v.split('/')[0];
  if (family === 'Numeric' && Number.isFinite(Number(v))) {
    if (comparison === 'lt') return String(Number(v) - 1);
    return comparison === 'gt' ? String(Number(v) + 1) : v;
  }
  if (family === 'Date') {
    if (comparison === 'lt') return shiftDate(v, -1);
    return comparison === 'gt' ? shiftDate(v, 1) : v;
  }
  return family === 'String' || family === 'Arn' ? concrete(v) : v;
}

/**
 * The context of a witness: a satisfying value for every condition of the statement that `keep` says to
 * satisfy (the others are left to the witness's own facts, which the request stage derives). Negated
 * operators and `Null: true` are satisfied by an absent key, so they set nothing. `value` chooses the value
 * (default {@link satisfying}).
 */
export function contextFor(s: Statement, keep: (c: Condition) => boolean, value: (c: Condition) => string | undefined = satisfying): Witness['context'] {
  const out: Witness['context'] = [];
  for (const c of s.conditions) {
    if (c.operator.base.negated || !keep(c)) continue;
    const v = value(c);
    if (v === undefined) continue;
    const i = out.findIndex(([k]) => k.toLowerCase() === c.key.toLowerCase());
    const entry: Witness['context'][number] = [c.key, [v], c.operator.set !== undefined];
    if (i >= 0) out[i] = entry;
    else out.push(entry);
  }
  return out;
}

let allowAll: PolicyDocument | undefined;

/** An identity policy that allows everything: what the administrator of the witness's own account can give it. */
function allowAllIdentity(): PolicyDocument {
  if (allowAll) return allowAll;
  const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  const root = readJson(text, '(witness identity policy)').root;
  allowAll = parsePolicy(root, { file: '(witness)', label: '(witness identity policy)', ref: { file: '(witness)', pointer: '' }, policyType: 'identity' });
  return allowAll;
}

/** The policy set a witness is decided against: the policy in its host's layer, and an allow-all identity policy for an IAM caller. */
function policySetFor(policy: PolicyDocument, host: PolicyHost, iamCaller: boolean): PolicySet {
  const set: PolicySet = { identity: iamCaller ? [allowAllIdentity()] : [], session: [], scp: [], rcp: [] };
  if (host === 'kms-key') set.kmsKey = policy;
  else if (host === 's3-access-point') set.accessPoint = policy;
  else set.resource = policy;
  return set;
}

/** A witness's decision by the evaluator (the request completed as the request stage completes every request). */
export async function decideWitness(policy: PolicyDocument, host: PolicyHost, owner: string, w: Witness): Promise<Decision> {
  return (await evaluateWitness(policy, host, owner, w)).decision;
}

/** A witness's whole evaluation: its decision, why, and the authorizations the service chains to it. */
export async function evaluateWitness(policy: PolicyDocument, host: PolicyHost, owner: string, w: Witness): Promise<FullEvaluation> {
  const kind = parsePrincipal(w.principal, {}).kind;
  return evaluateInSet(policySetFor(policy, host, kind !== 'anonymous' && kind !== 'service'), owner, w);
}

/** A witness decided against a whole policy set (the policies of one file together), with the S3 facts it needs. */
export async function evaluateInSet(policies: PolicySet, owner: string, w: Witness, extra: { s3?: S3Facts; region?: string } = {}): Promise<FullEvaluation> {
  const principal = parsePrincipal(w.principal, {});
  const context = new Map<string, ContextEntry>();
  for (const [key, values, multi] of w.context) {
    context.set(key.toLowerCase(), { key, values, multi, origin: 'request', display: multi ? values : values[0]! });
  }
  const draft: RequestDraft = {
    principal,
    action: w.action,
    resource: w.resource,
    resourceAccount: owner,
    context,
    policies,
    now: NOW,
    wallClock: false,
    ...extra,
  };
  const loaded = await completeRequest(draft);
  return decide(loaded.request, compile(loaded.policies));
}

/** The policy with only some of its statements (the others cannot grant or deny the witness). */
export function withStatements(policy: PolicyDocument, keep: (s: Statement) => boolean): PolicyDocument {
  return { ...policy, statements: policy.statements.filter(keep) };
}

/** A witness as one line: `anonymous s3:GetObject on arn:aws:s3:::b/x with aws:SecureTransport=true`. */
export function describeWitness(w: Witness): string {
  const ctx = w.context.map(([k, v, multi]) => `${k}=${multi ? `[${v.join(',')}]` : v[0]}`).join(', ');
  return `${w.principal} ${w.action} on ${w.resource}${ctx ? ` with ${ctx}` : ''}`;
}

/** A statement's name in messages: its Sid in quotes, else its position. */
export function statementName(s: Statement): string {
  return s.sid !== undefined ? `"${s.sid}"` : `#${s.index}`;
}

/**
 * The session a role acts through (requests are made by sessions): `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`,
 * with a session name the policy lists for the role when it lists one, else `witness-session`. Undefined for
 * what is not a role ARN.
 */
export function sessionOf(roleArn: string, listed: readonly string[]): string | undefined {
  const m = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return undefined;
  const prefix = `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/`;
  return listed.find((v) => v.startsWith(prefix) && !hasWildcard(v)) ?? `${prefix}witness-session`;
}

/**
 * Whether a denial rests on a fact the witness does not know. The file says nothing of the bucket's or the
 * caller's organization, and the witness sets only the keys it chose; AWS may well set the others
 * (aws:ResourceOrgID, aws:PrincipalOrgID, aws:ResourceOrgPaths …). So, in the given layers: an Allow whose
 * Action, Resource and Principal match and whose every failing condition is on a key absent from the
 * witness's request that AWS can set for the action (a global key or one of the action's), or holds a value
 * known only at deployment; or a Deny that applies only through a condition on such a key. A rule then says
 * nothing rather than report a definite 403 on a fact it does not have.
 */
export async function restsOnUnknown(layers: readonly LayerResultData[], action: string): Promise<boolean> {
  const vocabulary = await keyVocabulary(action);
  const unknown = (c: ConditionResult) => (c.requestValue === null && keyKnown(vocabulary, c.key)) || c.error?.code === 'templateValue';
  for (const s of layers.flatMap((l) => l.statements)) {
    if (s.effect === 'Allow' && !s.applies && s.why.code === 'conditionNotMet' && s.why.failed.every(unknown)) return true;
    if (s.effect === 'Allow' && !s.applies && s.why.code === 'conditionError' && s.why.errors.some((e) => e.code === 'templateValue')) return true;
    if (s.effect === 'Deny' && s.applies && (s.failClosed === true || s.conditions.some((c) => c.result && unknown(c)))) return true;
  }
  return false;
}
