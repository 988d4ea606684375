import { InputError } from '../../model/errors.js';
import type { EvidenceFact, EvidenceLog, EvidencePolicy } from '../../model/evidence.js';
import type { PolicyType } from '../../model/policy.js';
import type { DocBuilder } from '../doc-builder.js';
import { cloudTrailReader } from './cloudtrail.js';
import { isRoleTrustRequest } from '../../iam/sts.js';
import { cliOutputReader } from './cli-output/index.js';
import { errorMessageReader } from './error-message.js';
import { presignedUrlReader } from './presigned-url.js';
import { cliCommandReader } from './cli-command.js';
import type { EvidenceFound, EvidenceGap, EvidenceItem, EvidenceOptions, EvidenceReader } from './types.js';

export type { EvidenceItem, EvidenceOptions } from './types.js';

/** Every kind of evidence, in the order their tests are tried on a file whose kind is not said. */
const EVIDENCE_READERS: readonly EvidenceReader[] = [
  // AWS CLI outputs first: recognised only as JSON with an output's own top-level keys, never as a message or a record.
  cliOutputReader,
  // Before the error message: a record's `errorCode: AccessDenied` is text the error-message reader recognises.
  cloudTrailReader,
  errorMessageReader,
  presignedUrlReader,
  cliCommandReader,
];

const KINDS_SAID =
  'an AccessDenied error message, a CloudTrail record, AWS CLI output (get-account-authorization-details, get-bucket-policy …), a presigned URL, an AWS CLI command';

/** Reads one piece of evidence with the reader of its kind (said by its flag, or recognised from its content). */
async function readItem(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound & { kind: EvidenceReader['kind'] }> {
  const reader = item.kind !== undefined ? EVIDENCE_READERS.find((r) => r.kind === item.kind) : EVIDENCE_READERS.find((r) => r.recognises(item.text));
  if (!reader) {
    if (item.kind !== undefined) throw new InputError(`${item.kind} evidence is not read yet`, { source: item.label });
    throw new InputError(`not recognised as evidence: expected ${KINDS_SAID}`, { source: item.label, line: 1, column: 1 });
  }
  return { ...(await reader.read(item, options)), kind: reader.kind };
}

/**
 * Reads every piece of evidence and adds its facts to the request document being built, where the document
 * (a flag, the request file) does not already say otherwise. Two pieces of evidence that disagree on a fact
 * are an error naming both: policy-why never silently prefers one.
 */
export async function addEvidence(items: readonly EvidenceItem[], b: DocBuilder, options: EvidenceOptions): Promise<EvidenceLog> {
  const log: EvidenceLog = { inputs: [], facts: [], policies: [], covers: [] };
  const given = new Map<string, EvidenceFact>();
  const gaps: EvidenceGap[] = [];
  const dumps: { label: string; accounts: string[]; truncated: boolean }[] = [];
  for (const item of items) {
    const found = await readItem(item, { ...options, given: (pointer) => b.get(pointer) !== undefined });
    gaps.push(...(found.gaps ?? []));
    if (found.lists) dumps.push({ label: item.label, ...found.lists });
    log.inputs.push({ kind: found.kind, label: item.label });
    for (const f of found.facts) {
      const before = given.get(f.pointer);
      if (before && JSON.stringify(before.value) !== JSON.stringify(f.value)) {
        throw new InputError(`${show(f.value)} disagrees with ${show(before.value)} from ${before.from} (${f.pointer.slice(1)}): which one is right?`, {
          ...where(f.from),
        });
      }
      if (before) continue;
      given.set(f.pointer, f);
      log.facts.push(place(f, b));
    }
    log.policies.push(...found.policies);
    log.covers.push(...(found.covers ?? []));
    if (found.hints?.length) (log.hints ??= []).push(...found.hints);
    if (found.verdict && !log.verdict) log.verdict = found.verdict;
  }
  checkCallerListed(b, gaps, dumps, log.covers);
  log.policies = placePolicies(log.policies, b);
  return log;
}

/**
 * An account dump must list the caller when the caller is of its account, with every policy the caller's entry
 * names: a caller left out, or a group or managed policy of the caller the dump does not contain, is an error
 * (a missing Deny could make a wrong Allowed), unless a flag gives that layer.
 */
function checkCallerListed(
  b: DocBuilder,
  gaps: readonly EvidenceGap[],
  dumps: readonly { label: string; accounts: string[]; truncated: boolean }[],
  covers: readonly string[],
): void {
  const caller = callerIdentity(b);
  const given = (layer: string) => b.origins.some((o) => o.pointer === `/policies/${layer}` || o.pointer.startsWith(`/policies/${layer}/`));
  for (const g of gaps) {
    if (!ownedByCaller(g.owner, caller) || given(g.layer)) continue;
    throw new InputError(`${g.what} applies to the caller, but ${g.fix}`, where(g.from));
  }
  const account = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):(?:user|role|assumed-role)\//.exec(caller.principal ?? '')?.[1];
  if (account === undefined || given('identity') || covers.some((c) => ownedByCaller(c, caller))) return;
  const dump = dumps.find((d) => d.accounts.includes(account));
  if (!dump) return;
  const why = dump.truncated
    ? 'the dump is truncated (IsTruncated: true, or a NextToken from --max-items): run it again without --max-items'
    : 'check the principal, or give its policies with --identity';
  throw new InputError(`the caller ${caller.principal!} is not in this dump of account ${account}'s users and roles: ${why}`, { source: dump.label });
}

/** The request document's place of each layer. */
const SINGLE: ReadonlySet<PolicyType> = new Set(['resource', 'boundary', 'vpcEndpoint', 'kmsKey', 'accessPoint']);
const LISTS: ReadonlySet<PolicyType> = new Set(['identity', 'session']);

/**
 * Puts the evidence's policies into the document: the caller's own identity policies and boundary (an account
 * dump lists everyone's), the resource's policies, SCP and RCP levels. A layer the flags or the request file give
 * is theirs: the evidence's policies for it are listed as not used. Two different policies for one single layer
 * (two bucket policies) are an error naming both.
 */
function placePolicies(policies: EvidencePolicy[], b: DocBuilder): EvidencePolicy[] {
  const caller = callerIdentity(b);
  const marked = policies.map((p) => {
    if (p.owner !== undefined && !ownedByCaller(p.owner, caller)) return { ...p, notUsed: 'other principal' };
    return p.appliesTo && !appliesToRequest(p.appliesTo, b) ? { ...p, notUsed: 'other request' } : p;
  });
  const given = (layer: string) => b.origins.find((o) => o.pointer === `/policies/${layer}` || o.pointer.startsWith(`/policies/${layer}/`));
  const out: EvidencePolicy[] = [];
  const byLayer = new Map<PolicyType, EvidencePolicy[]>();
  for (const p of marked) {
    if (p.notUsed !== undefined) {
      out.push(p);
      continue;
    }
    const flag = given(p.layer);
    if (flag) {
      out.push({ ...p, notUsed: flag.label });
      continue;
    }
    byLayer.set(p.layer, [...(byLayer.get(p.layer) ?? []), p]);
    out.push(p);
  }
  for (const [layer, list] of byLayer) putLayer(layer, list, b);
  return out;
}

function putLayer(layer: PolicyType, list: EvidencePolicy[], b: DocBuilder): void {
  const distinct = [...new Map(list.map((p) => [p.ref, p])).values()];
  const [first, second] = distinct;
  if (SINGLE.has(layer)) {
    if (second) {
      throw new InputError(`two ${layer} policies: ${second.label} and ${first!.label} (${first!.from}); give the one that applies with its flag`, {
        ...where(second.from),
      });
    }
    putPolicy(b, `/policies/${layer}`, first!);
  } else if (LISTS.has(layer)) {
    b.put(
      `/policies/${layer}`,
      distinct.map((p) => p.ref),
      originOf(first!)[0],
      originOf(first!)[1],
    );
    distinct.forEach((p, i) => b.note(`/policies/${layer}/${i}`, ...originOf(p)));
  } else if (layer === 'scp' || layer === 'rcp') {
    const levels: string[][] = [];
    for (const p of distinct) (levels[p.level ?? 0] ??= []).push(p.ref);
    if (levels.some((l) => l === undefined))
      throw new InputError(
        `the ${layer.toUpperCase()} levels from the root to the account are not all given (level ${levels.findIndex((l) => l === undefined)} is missing)`,
        {},
      );
    b.put(`/policies/${layer}`, levels, ...originOf(first!));
  }
}

function putPolicy(b: DocBuilder, pointer: string, p: EvidencePolicy): void {
  b.put(pointer, p.ref, ...originOf(p));
}

function originOf(p: { from: string }): [string, { line: number; column: number } | undefined] {
  const { source, ...at } = where(p.from);
  return [source, 'line' in at ? at : undefined];
}

/** The caller as the document names it: the principal, and for a role session the role's ARN when known. */
function callerIdentity(b: DocBuilder): { principal?: string; principalArn?: string } {
  const principal = b.get('/principal');
  const principalArn = contextValue(b, 'aws:PrincipalArn');
  return { ...(typeof principal === 'string' ? { principal } : {}), ...(typeof principalArn === 'string' ? { principalArn } : {}) };
}

/**
 * Whether a policy the input ties to a request applies to this one: a role's trust policy to `sts:AssumeRole*`
 * on that role (role names are unique in an account, so the path need not be written), an endpoint's policy to
 * a request whose `aws:SourceVpce` is that endpoint.
 */
function appliesToRequest(to: NonNullable<EvidencePolicy['appliesTo']>, b: DocBuilder): boolean {
  if (to.trustOf !== undefined) {
    const action = b.get('/action');
    const resource = b.get('/resource');
    if (typeof action !== 'string' || typeof resource !== 'string' || !isRoleTrustRequest(action, resource)) return false;
    const role = (arn: string) => /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn)?.slice(1).join(':');
    if (role(resource) === undefined || role(resource) !== role(to.trustOf)) return false;
  }
  const vpce = contextValue(b, 'aws:SourceVpce');
  if (to.sourceVpce !== undefined && vpce !== to.sourceVpce && !(vpce === undefined && to.orUnsaid)) return false;
  return true;
}

function contextValue(b: DocBuilder, name: string): unknown {
  const context = b.get('/context');
  if (!context || typeof context !== 'object') return undefined;
  const key = Object.keys(context).find((k) => k.toLowerCase() === name.toLowerCase());
  return key !== undefined ? (context as Record<string, unknown>)[key] : undefined;
}

/**
 * Whether an IAM user or role ARN (with its path) is the caller: the same ARN, or for a role session
 * (`arn:aws:sts::ACCT:assumed-role/NAME/SESSION`) the role of that name in that account, whatever its path.
 */
export function ownedByCaller(owner: string, caller: { principal?: string; principalArn?: string }): boolean {
  const byName = /^(role|user)\/([^/]+)$/.exec(owner);
  if (byName) return callerName(caller) === owner;
  if (caller.principalArn !== undefined) return owner === caller.principalArn;
  const p = caller.principal;
  if (p === undefined) return false;
  if (owner === p) return true;
  const o = /^arn:([\w-]+):iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(owner);
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(p);
  if (o && session) return o[3] === 'role' && o[1] === session[1] && o[2] === session[2] && o[4] === session[3];
  const user = /^arn:([\w-]+):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(p);
  return !!o && !!user && o[3] === 'user' && o[1] === user[1] && o[2] === user[2] && o[4] === user[3];
}

/**
 * The caller as `role/NAME` or `user/NAME`, for a policy whose owner an output names only so (`get-role-policy`
 * prints `RoleName`, not the ARN): the account is not known, so the name decides.
 */
function callerName(caller: { principal?: string; principalArn?: string }): string | undefined {
  for (const arn of [caller.principalArn, caller.principal]) {
    const m = /^arn:[\w-]+:(?:iam::\d{12}:(role|user)\/(?:.*\/)?|sts::\d{12}:(assumed-role)\/)([^/]+)/.exec(arn ?? '');
    if (m) return `${m[1] ?? 'role'}/${m[3]!}`;
  }
  return undefined;
}

/** Puts a fact into the document unless another source already gave that field (then the fact says so). */
function place(f: EvidenceFact, b: DocBuilder): EvidenceFact {
  const existing = b.origins.find((o) => o.pointer === f.pointer);
  if (existing) return { ...f, overriddenBy: existing.label };
  b.put(f.pointer, f.value, ...originOf(f));
  return f;
}

/** `file:3:7` → where an error or a document value names it (the file name may contain colons). */
function where(from: string): { source: string } | { source: string; line: number; column: number } {
  const m = /^(.*):(\d+):(\d+)$/.exec(from);
  return m ? { source: m[1]!, line: Number(m[2]), column: Number(m[3]) } : { source: from };
}

const show = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
