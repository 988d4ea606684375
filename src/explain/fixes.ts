import type { ContextEntry, ContextInput, Request } from '../model/request.js';
import type { PolicyDocument as Policy, PolicyType, PrincipalValue } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type {
  ConditionResult as ConditionTrace,
  DecidingEntry,
  FullEvaluation,
  LayerResultData,
  StatementResult as StatementMatch,
} from '../model/evaluation.js';
import type { Fix, FixChange, FixParty, Weakening } from '../model/report.js';
import { statementKey } from '../model/keys.js';
import type { Words } from './words/index.js';
import { compile, decide } from '../evaluator/index.js';
import type { BlockPublicAccess, S3Facts } from '../model/s3.js';
import { parseOperator } from '../iam/operators.js';
import { parseCidrStrict, parseIpStrict, type CidrRange } from '../iam/ip.js';
import { fromPlain } from '../json/index.js';
import { parsePolicy } from '../parse/index.js';
import { hintFor, isCallerControlled } from './hints.js';
import { synthesizeAwsManagedKeyPolicy } from '../request/index.js';
import { aclHeaders, dataAccessPoint, s3TargetOf, underlyingArn } from '../iam/s3.js';
import { isRoleTrustRequest } from '../iam/sts.js';
import { aclNotSupported } from './notes.js';

const MAX_FIXES = 4;

/**
 * Proposes the smallest changes that make the request succeed and keeps only those that, applied and
 * re-evaluated, give Allowed. Request changes (a header, HTTPS, a source address) come before policy
 * changes, and among policy changes an added least-privilege statement before removing a Deny.
 */
export function findFixes(request: Request, policies: PolicySet, evaluation: FullEvaluation, w: Words): Fix[] {
  if (evaluation.decision === 'Allowed') return [];
  const statements = evaluation.layers.flatMap((l) => l.statements);
  const known = knownValues(statements);
  // Behind a VPC endpoint AWS sets no aws:SourceIp, so no source address is a change the caller can make.
  const endpoint = request.context.has('aws:sourcevpce') || policies.vpcEndpoint !== undefined;
  if (endpoint) known.delete('aws:sourceip');
  const ctx: FixContext = { request, policies, evaluation, w, statements, known, endpoint };
  const candidates = evaluation.decision === 'ExplicitDeny' ? explicitDenyCandidates(ctx) : missingAllowCandidates(ctx);
  return verified(ctx, [...withoutAcl(request, w), ...candidates]);
}

/** What every step of the fix search reads. */
interface FixContext {
  request: Request;
  policies: PolicySet;
  evaluation: FullEvaluation;
  w: Words;
  statements: StatementMatch[];
  known: Map<string, KnownValue[]>;
  /** The request went through a VPC endpoint. */
  endpoint: boolean;
}

/** For an explicit deny: escape each Deny's condition, lift S3's refusals, or remove the Deny (and add what is then missing). */
function explicitDenyCandidates({ request, policies, evaluation, w, statements, known }: FixContext): FixChange[][] {
  const candidates: FixChange[][] = [];
  // Deny statements of the chained requests too (an SCP denying kms:* outside a perimeter…), once each.
  const chained = evaluation.additionalRequests.flatMap((c) => c.layers.flatMap((l) => l.statements));
  const seenDeny = new Set<string>();
  const denies = [...statements, ...chained].filter((s) => {
    if (!s.applies || s.effect !== 'Deny') return false;
    const id = statementKey(s);
    if (seenDeny.has(id)) return false;
    seenDeny.add(id);
    return true;
  });
  // Request changes: one key at a time, then one change per key combined.
  const perKey = new Map<string, FixChange[]>();
  for (const d of denies) {
    for (const t of d.conditions) {
      if (!t.result || !isCallerControlled(t.key) || perKey.has(t.key.toLowerCase())) continue;
      perKey.set(t.key.toLowerCase(), valueChanges(t.key, known, request, w));
    }
  }
  for (const changes of perKey.values()) for (const c of changes) candidates.push([c]);
  const lists = [...perKey.values()].filter((l) => l.length);
  if (lists.length > 1) candidates.push(lists.map((l) => l[0]!));
  candidates.push(...hardDenyChanges(request, evaluation, w));
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
  const after = decide(request, compile(applyChanges(request, policies, removals).policies));
  const extra = after.decision === 'ImplicitDeny' ? grantChanges(request, policies, after, w) : [];
  candidates.push([...removals, ...extra]);
  return candidates;
}

/** For a missing allow: meet the conditions of Allows that almost apply, or add the missing grants. */
function missingAllowCandidates({ request, policies, evaluation, w, statements, known, endpoint }: FixContext): FixChange[][] {
  const candidates: FixChange[][] = [];
  // Allow statements (in any layer) that matched all but their conditions: meet every failed one.
  for (const s of statements) {
    if (s.effect !== 'Allow' || s.failedElement !== 'Condition') continue;
    const failed = s.conditions.filter((t) => !t.result);
    if (!failed.every((t) => isCallerControlled(t.key))) continue;
    const options = failed.map((t) => valueChanges(t.key, known, request, w, t));
    if (options.every((o) => o.length)) candidates.push(options.map((o) => o[0]!));
    if (options.length === 1) for (const o of options[0]!.slice(1)) candidates.push([o]);
  }
  if (endpoint) candidates.push(...vpcSourceIpChanges(statements, request));
  // Not for a request that sets an ACL: with ACLs disabled S3 rejects it (AccessControlListNotSupported).
  const sent = aclHeaders(request);
  const setsAcl = /acl$/i.test(request.action) || sent.grants.length > 0 || (sent.canned !== undefined && sent.canned !== 'bucket-owner-full-control');
  if (evaluation.deciding.some((d) => d.policyType === 'acl') && request.s3 && !setsAcl) {
    candidates.push([{ type: 'setS3', fact: 'objectOwnership', value: 'BucketOwnerEnforced', hint: w.fixes.hint.objectOwnershipEnforced }]);
    candidates.push(...existingObjectChanges(request, w));
  }
  const grants = grantChanges(request, policies, evaluation, w);
  if (grants.length) candidates.push(grants);
  // S3 refuses SSE-KMS requests over plain HTTP whatever the policies say.
  if (request.context.get('aws:securetransport')?.values[0]?.toLowerCase() === 'false') {
    candidates.push([{ type: 'setContext', key: 'aws:SecureTransport', value: true, hint: w.fixes.hint.https }]);
  }
  return candidates;
}

/**
 * An existing object another account owns, on a bucket with ACLs enabled: the remedies its owner can apply.
 * "For objects written to your bucket by another account, the object owner must update the object's ACL to
 * grant full control to the bucket owner. To update the object's ACL, the object writer can perform a
 * PutObjectAcl API operation or reupload the object with a bucket-owner-full-control canned ACL" (AWS
 * Knowledge Center, "How do I add the bucket-owner-full-control ACL to my objects in Amazon S3?"). That changes
 * the ACL, not the owner; only on BucketOwnerPreferred does a new write with that ACL change the owner: "new
 * objects that are written with the `bucket-owner-full-control` canned ACL are automatically owned by the bucket
 * owner rather than the object writer" (S3 User Guide, "Controlling ownership of objects and disabling ACLs for
 * your bucket"), while under ObjectWriter "Object writer owns the object" (same page, Object Ownership settings).
 */
function existingObjectChanges(request: Request, w: Words): FixChange[][] {
  const s3 = request.s3;
  const target = s3TargetOf(request);
  const bucketOwner = s3?.bucketOwner ?? request.resourceAccount;
  const ownership = s3?.objectOwnership ?? 'ObjectWriter';
  const objectOwner = s3?.objectOwner;
  if (!s3 || target?.key === undefined || s3.objectExists === false || ownership === 'BucketOwnerEnforced') return [];
  if (objectOwner === undefined || bucketOwner === undefined || objectOwner === bucketOwner) return [];
  const o = { objectOwner, bucket: target.bucket, key: target.key };
  const out: FixChange[][] = [
    [{ type: 'setS3', fact: 'objectAcl', value: 'bucket-owner-full-control', hint: w.fixes.hint.objectAclBucketOwnerFullControl(o) }],
  ];
  if (ownership === 'BucketOwnerPreferred')
    out.push([{ type: 'setS3', fact: 'objectOwner', value: bucketOwner, hint: w.fixes.hint.copyInPlaceBucketOwner(o) }]);
  return out;
}

/**
 * An ACL sent to a bucket whose Object Ownership is BucketOwnerEnforced fails with 400 whatever the
 * policies say: not sending it is the first change to offer (the safer one: ACLs are disabled on purpose).
 */
function withoutAcl(request: Request, w: Words): FixChange[][] {
  if (!aclNotSupported(request, w) || /acl$/i.test(request.action)) return [];
  const { canned, grants } = aclHeaders(request);
  const keys = [...(canned !== undefined ? ['s3:x-amz-acl'] : []), ...grants];
  const flags = keys.map((k) => (k === 's3:x-amz-acl' ? '--acl' : `--${k.slice('s3:x-amz-'.length)}`));
  return [keys.map((key, i) => ({ type: 'removeContext', key, ...(i === 0 ? { hint: w.fixes.hint.noAclEnforced(flags) } : {}) }))];
}

/** A change the caller cannot make: a service's network path, an S3 request's Region. */
function impossible(request: Request, changes: FixChange[]): boolean {
  // A service principal (CloudFront…) does not choose its network path or source address.
  const serviceCaller = request.principal.kind === 'service' || request.principal.kind === 'oai';
  const networkChange = (c: FixChange) => (c.type === 'setContext' || c.type === 'removeContext') && NETWORK_KEYS.has(c.key.toLowerCase());
  if (serviceCaller && changes.some(networkChange)) return true;
  // An S3 request goes to its bucket's Region: only CreateBucket chooses one.
  const regionChange = changes.some((c) => c.type === 'setContext' && c.key.toLowerCase() === 'aws:requestedregion');
  return regionChange && /^s3:/i.test(request.action) && !/^s3:createbucket$/i.test(request.action);
}

/** The candidates that, applied and re-evaluated, give Allowed, within the budget (MAX_FIXES, MAX_TRIES). */
function verified({ request, policies, evaluation, w }: FixContext, candidates: FixChange[][]): Fix[] {
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  const keep = (changes: FixChange[], after: FullEvaluation) => {
    if (fixes.length < MAX_FIXES) fixes.push(describeFix(changes, evaluation, after, w, partiesOf(changes, request, evaluation)));
  };
  for (const changes of candidates) {
    if (impossible(request, changes)) continue;
    const key = JSON.stringify(changes);
    if (seen.has(key) || fixes.length >= MAX_FIXES || seen.size >= MAX_TRIES) continue;
    seen.add(key);
    const applied = applyChanges(request, policies, changes);
    // A fix may not contradict a note: an ACL a BucketOwnerEnforced bucket refuses with 400 still fails.
    if (aclNotSupported(applied.request, w)) continue;
    const after = decide(applied.request, compile(applied.policies));
    if (after.decision === 'Allowed') {
      keep(changes, after);
    } else if (after.decision === 'ImplicitDeny' && isRequestOnly(changes)) {
      // A header that meets the condition may bring its own requirement (SSE-KMS needs the key): the
      // request change plus the grants it then lacks, verified together.
      const combined = [...changes, ...grantChanges(applied.request, applied.policies, after, w)];
      if (combined.length === changes.length) continue;
      const again = applyChanges(request, policies, combined);
      if (aclNotSupported(again.request, w)) continue;
      const final = decide(again.request, compile(again.policies));
      if (final.decision === 'Allowed') keep(combined, final);
    }
  }
  return fixes;
}

const isRequestOnly = (changes: FixChange[]) => changes.every((c) => c.type === 'setContext' || c.type === 'removeContext');

/** A verified fix in words, flagged safer (request only) or with what it lets the request through without. */
function describeFix(changes: FixChange[], before: FullEvaluation, after: FullEvaluation, w: Words, who: FixParty[]): Fix {
  const fix: Fix = { summary: changes.map((c) => w.fixes.describe(c)).join(w.fixes.joiner), changes, verifiedDecision: 'Allowed', who };
  const weakens = weakenings(changes, before, after);
  if (isRequestOnly(changes)) fix.safer = true;
  if (weakens.length) fix.weakens = weakens;
  const flags = [...(fix.safer ? [w.fixes.safer] : []), ...weakens.map((x) => w.fixes.weakens(x))];
  if (flags.length) fix.summary += ` (${flags.join('; ')})`;
  return fix;
}

/**
 * Who can make each change, once per party in the order of the changes: the caller for a request change;
 * for a policy or setting, the account that owns it ("Only the bucket owner can associate a policy with a
 * bucket", Bucket policies for Amazon S3; SCPs and RCPs are attached from the organization's management
 * account or by a delegated administrator, DetachPolicy in the AWS Organizations API Reference).
 */
function partiesOf(changes: FixChange[], request: Request, evaluation: FullEvaluation): FixParty[] {
  const out: FixParty[] = [];
  for (const c of changes) {
    const party = partyOf(c, request, evaluation);
    if (!out.some((p) => p.code === party.code && p.account === party.account)) out.push(party);
  }
  return out;
}

function partyOf(c: FixChange, request: Request, evaluation: FullEvaluation): FixParty {
  if (c.type === 'setContext' || c.type === 'removeContext') return { code: 'caller' };
  const bucketOwner = request.s3?.accessPoint?.bucketAccount ?? request.s3?.bucketOwner ?? request.resourceAccount;
  const withAccount = (code: FixParty['code'], account: string | undefined): FixParty => (account !== undefined ? { code, account } : { code });
  if (c.type === 'setS3' && (c.fact === 'objectAcl' || c.fact === 'objectOwner')) return withAccount('objectOwner', request.s3?.objectOwner);
  if (c.type === 'setS3') return withAccount(c.fact === 'objectOwnership' ? 'bucketOwner' : 'blockPublicAccess', bucketOwner);
  switch (c.policyType) {
    case 'identity':
    case 'boundary':
      return withAccount('principalOwner', request.principal.account);
    case 'session':
      return { code: 'sessionCreator' };
    case 'scp':
    case 'rcp':
      return withAccount('organization', request.managementAccount);
    case 'kmsKey': {
      const key = evaluation.additionalRequests.find((a) => a.kmsKey)?.kmsKey?.arn ?? request.resource;
      return withAccount('keyOwner', arnAccount(key));
    }
    case 'accessPoint':
      return withAccount('accessPointOwner', arnAccount(request.resource));
    case 'vpcEndpoint':
      return { code: 'vpcEndpointOwner' };
    default:
      break;
  }
  if (isRoleTrustRequest(request.action, request.resource)) return withAccount('roleOwner', arnAccount(request.resource));
  if (/^s3:/i.test(request.action)) return withAccount('bucketOwner', bucketOwner);
  return withAccount('resourceOwner', evaluation.resourceOwner ?? request.resourceAccount ?? arnAccount(request.resource));
}

/** The account of an ARN that names one (`arn:aws:kms:us-east-1:111122223333:key/…`). */
function arnAccount(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * What a fix lets the request through without: every Deny it removes, an ACL or Block Public Access
 * setting it turns off, and each failed condition of an Allow that named the request (action, resource,
 * caller) and still fails once the fix is applied, while the request is now allowed another way.
 */
function weakenings(changes: FixChange[], before: FullEvaluation, after: FullEvaluation): Weakening[] {
  const out: Weakening[] = [];
  for (const c of changes) {
    if (c.type === 'removeStatement')
      out.push({ kind: 'deny', source: c.source, statementIndex: c.statementIndex, ...(c.sid !== undefined ? { sid: c.sid } : {}) });
    else if (c.type === 'setS3' && c.fact === 'objectOwnership') out.push({ kind: 'aclGrant' });
    else if (c.type === 'setS3' && c.fact === 'blockPublicAccess')
      for (const flag of Object.keys(c.value)) out.push({ kind: 'blockPublicAccess', flag: flag.charAt(0).toUpperCase() + flag.slice(1) });
  }
  if (isRequestOnly(changes)) return out;
  const statementsOf = (e: FullEvaluation) => [e.layers, ...e.additionalRequests.map((a) => a.layers)].flat().flatMap((l) => l.statements);
  const later = new Map(statementsOf(after).map((s) => [statementKey(s), s]));
  // A key some granting statement still tests is enforced, by another value (another distribution…).
  const seen = new Set(
    statementsOf(after)
      .filter((s) => s.applies && s.effect === 'Allow')
      .flatMap((s) => s.conditions.map((t) => t.key.toLowerCase())),
  );
  for (const s of statementsOf(before)) {
    if (s.effect !== 'Allow' || s.failedElement !== 'Condition') continue;
    const now = later.get(statementKey(s));
    if (!now || now.applies) continue;
    for (const t of now.conditions) {
      if (t.result || seen.has(t.key.toLowerCase())) continue;
      seen.add(t.key.toLowerCase());
      out.push({
        kind: 'condition',
        key: t.key,
        source: s.source,
        statementIndex: s.statementIndex,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        line: s.line,
        column: s.column,
      });
    }
  }
  return out;
}

/**
 * Behind a VPC endpoint, an Allow that tests aws:SourceIp never applies; the caller's private address
 * is in aws:VpcSourceIp ("Condition operators", IP address condition operators; "AWS global condition
 * context keys", aws:VpcSourceIp). Offer to test that key instead, when the request carries it.
 */
function vpcSourceIpChanges(statements: StatementMatch[], request: Request): FixChange[][] {
  if (!request.context.has('aws:vpcsourceip')) return [];
  const out: FixChange[][] = [];
  for (const s of statements) {
    if (s.effect !== 'Allow' || s.failedElement !== 'Condition') continue;
    const failed = s.conditions.filter((t) => !t.result);
    if (!failed.length || !failed.every((t) => t.key.toLowerCase() === 'aws:sourceip')) continue;
    out.push([
      {
        type: 'renameConditionKey',
        policyType: s.policyType,
        source: s.source,
        statementIndex: s.statementIndex,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        line: s.line,
        column: s.column,
        from: failed[0]!.key,
        to: 'aws:VpcSourceIp',
      },
    ]);
  }
  return out;
}

const NETWORK_KEYS = new Set(['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip']);

/** How many candidate fixes are re-evaluated at most (each costs one evaluation). */
const MAX_TRIES = 40;

/** A value some policy compares a key against, typed the way the request would carry it. */
interface KnownValue {
  value: string | boolean;
  /** For IP ranges: the CIDR the address was taken from. */
  range?: string;
}

/**
 * Values the policies compare each key against (any statement, any operator but Null), in policy
 * order: the candidates for a request change. Wildcard patterns and variables are not values.
 */
function knownValues(statements: StatementMatch[]): Map<string, KnownValue[]> {
  const out = new Map<string, KnownValue[]>();
  for (const s of statements) {
    for (const t of s.conditions) {
      const op = parseOperator(t.operator);
      if ('error' in op || op.base.family === 'Null') continue;
      const list = out.get(t.key.toLowerCase()) ?? [];
      for (const v of t.policyValues) {
        if (v.includes('${')) continue;
        let kv: KnownValue | undefined;
        if (op.base.family === 'Bool') {
          const b = v.toLowerCase();
          if (b === 'true' || b === 'false') kv = { value: b === 'true' };
        } else if (op.base.family === 'IpAddress') {
          const range = parseCidrStrict(v);
          if (range) kv = { value: hostIn(range), range: v };
        } else if (!(op.base.comparison === 'like' && /[*?]/.test(v))) kv = { value: v };
        const found = kv;
        if (found && !list.some((k) => k.value === found.value)) list.push(found);
      }
      if (op.base.family === 'Bool') {
        // The other boolean is a candidate too: a Deny on `false` is escaped by `true`.
        for (const b of [true, false]) if (!list.some((k) => k.value === b)) list.push({ value: b });
      }
      out.set(t.key.toLowerCase(), list);
    }
  }
  return out;
}

/** A usable address inside a range: the first host for IPv4 networks larger than /31. */
function hostIn(range: CidrRange): string {
  if (range.addr.kind() !== 'ipv4') return range.addr.toString();
  const b = range.addr.toByteArray();
  const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
  const host = ((n & mask) >>> 0) + (range.bits < 31 ? 1 : 0);
  return [host >>> 24, (host >>> 16) & 255, (host >>> 8) & 255, host & 255].join('.');
}

/**
 * Request changes for one key: each value a policy compares it with, and not sending the key when
 * the request sent it. For an Allow's failed Null-true condition, not sending the key comes first.
 */
function valueChanges(key: string, known: Map<string, KnownValue[]>, request: Request, w: Words, failed?: ConditionTrace): FixChange[] {
  const out: FixChange[] = [];
  const entry = request.context.get(key.toLowerCase());
  const removal: FixChange = { type: 'removeContext', key, ...hintField(hintFor(key, undefined, w, request)) };
  // AWS sets these on every request: "not sending" them is no change a caller can make.
  const removable = entry?.origin === 'request' && !ALWAYS_PRESENT.has(key.toLowerCase());
  if (failed) {
    const op = parseOperator(failed.operator);
    if (!('error' in op) && op.base.family === 'Null') {
      if (failed.policyValues.some((v) => v.toLowerCase() === 'true') && removable) out.push(removal);
    }
  }
  for (const kv of known.get(key.toLowerCase()) ?? []) {
    if (entry && entry.values.length === 1 && entry.values[0] === String(kv.value)) continue;
    // aws:SourceIp is the caller's public address: a private range is never a value it can take.
    if (kv.range && key.toLowerCase() === 'aws:sourceip' && isPrivateAddress(String(kv.value))) continue;
    const hint = kv.range ? w.fixes.hint.addressIn(kv.range) : hintFor(key, String(kv.value), w, request);
    out.push({ type: 'setContext', key, value: kv.value, ...hintField(hint && hint + ownerAfter(key, kv.value, request, w)) });
  }
  if (!failed && removable) out.push(removal);
  return out;
}

/**
 * Who owns an upload sent with bucket-owner-full-control to another account's bucket whose ACLs are enabled,
 * so that the fix never implies an ownership change ObjectWriter does not make: "ObjectWriter - The uploading
 * account will own the object if the object is uploaded with the bucket-owner-full-control canned ACL";
 * "BucketOwnerPreferred - Objects uploaded to the bucket change ownership to the bucket owner if the objects
 * are uploaded with the bucket-owner-full-control canned ACL" (Amazon S3 API Reference, OwnershipControlsRule).
 */
function ownerAfter(key: string, value: string | boolean, request: Request, w: Words): string {
  const ownership = request.s3?.objectOwnership;
  const bucketOwner = request.s3?.bucketOwner ?? request.resourceAccount;
  if (key.toLowerCase() !== 's3:x-amz-acl' || value !== 'bucket-owner-full-control' || !/^s3:(putobject|copyobject)$/i.test(request.action)) return '';
  if (ownership === undefined || ownership === 'BucketOwnerEnforced' || bucketOwner === undefined || request.principal.account === bucketOwner) return '';
  return w.fixes.hint.bucketOwnerFullControlOwner(ownership, request.principal.account);
}

// Keys every (signed) request carries: "not sending" them is no change a caller can make.
const ALWAYS_PRESENT = new Set([
  'aws:securetransport',
  'aws:sourceip',
  'aws:currenttime',
  'aws:epochtime',
  'aws:requestedregion',
  's3:x-amz-content-sha256',
  's3:authtype',
  's3:signatureversion',
  's3:signatureage',
  's3:tlsversion',
]);

const hintField = (hint: string | undefined): { hint?: string } => (hint ? { hint } : {});

/** Changes that lift S3's own refusals: the requester-pays header, a public ACL header, a BPA flag. */
function hardDenyChanges(request: Request, evaluation: FullEvaluation, w: Words): FixChange[][] {
  const out: FixChange[][] = [];
  const kinds = new Set(evaluation.deciding.filter((d) => d.statementIndex === undefined).map((d) => d.policyType));
  if (kinds.has('requesterPays')) {
    out.push([{ type: 'setContext', key: 's3:x-amz-request-payer', value: 'requester', hint: w.fixes.hint.requestPayer }]);
  }
  if (kinds.has('blockPublicAccess')) {
    if (request.context.has('s3:x-amz-acl')) out.push([{ type: 'removeContext', key: 's3:x-amz-acl', hint: w.fixes.hint.noPublicAcl }]);
    const bpa = request.s3?.blockPublicAccess;
    for (const flag of ['blockPublicAcls', 'ignorePublicAcls', 'restrictPublicBuckets'] as const) {
      if (bpa?.[flag]) {
        const name = flag.charAt(0).toUpperCase() + flag.slice(1);
        out.push([
          {
            type: 'setS3',
            fact: 'blockPublicAccess',
            value: { [flag]: false },
            hint: w.fixes.hint.blockPublicAccessOff(name),
          },
        ]);
      }
    }
  }
  return out;
}

/** Least-privilege statements for each layer whose Allow is missing. */
function grantChanges(request: Request, policies: PolicySet, evaluation: FullEvaluation, w: Words): FixChange[] {
  const changes: FixChange[] = [];
  for (const d of evaluation.deciding) {
    const chained = d.action !== undefined ? evaluation.additionalRequests.find((c) => c.action === d.action) : undefined;
    const action = chained?.action ?? request.action;
    const widened = widenClosest(request, policies, evaluation, d, action);
    if (widened) {
      changes.push(widened);
      continue;
    }
    const resource = userPattern(chained?.resource ?? request.resource, policies, d.policyType);
    const plain = { Effect: 'Allow', Action: action, Resource: resource };
    switch (d.policyType) {
      case 'kmsKey': {
        // An AWS managed key's policy cannot be changed; an OAI cannot use KMS at all.
        if (chained?.kmsKey?.awsManaged || request.principal.kind === 'oai') break;
        changes.push({
          type: 'addStatement',
          policyType: 'kmsKey',
          target: policies.kmsKey?.source ?? w.fixes.target.kmsKeyPolicy,
          statement: { Effect: 'Allow', Principal: principalElement(request), Action: action, Resource: '*', ...sourceArnCondition(request) },
        });
        break;
      }
      case 'identity':
        changes.push({
          type: 'addStatement',
          policyType: 'identity',
          target: policies.identity[0]?.source ?? w.fixes.target.identityFor(principalName(request, w)),
          statement: plain,
        });
        break;
      case 'boundary':
        changes.push({ type: 'addStatement', policyType: 'boundary', target: policies.boundary!.source, statement: plain });
        break;
      case 'session':
        changes.push({
          type: 'addStatement',
          policyType: 'session',
          target: policies.session[0]?.source ?? w.fixes.target.sessionPolicy,
          statement: plain,
        });
        break;
      case 'scp':
      case 'rcp':
        changes.push(organizationGrant(d.policyType, d.level ?? 0, action, policies, w));
        break;
      case 'vpcEndpoint':
        changes.push({
          type: 'addStatement',
          policyType: 'vpcEndpoint',
          target: policies.vpcEndpoint!.source,
          statement: { Effect: 'Allow', Principal: '*', Action: action, Resource: resource },
        });
        break;
      case 'accessPoint':
        changes.push(accessPointGrant(request, policies, action, resource, w));
        break;
      case 'resource':
        changes.push(resourceGrant(request, policies, action, resource, w));
        break;
      default:
        break;
    }
  }
  return changes;
}

/** Layers whose own statements a fix may widen (an SCP/RCP fix re-attaches the managed policy instead). */
const WIDENABLE: ReadonlySet<string> = new Set(['identity', 'boundary', 'session', 'resource', 'vpcEndpoint', 'kmsKey']);

/** How many Allow statements of one layer are tried for widening (each costs one evaluation). */
const MAX_WIDEN = 3;

/**
 * The closest existing statement, widened: an Allow of the missing layer, for the same service, that
 * failed on its Action gets the action, keeping its Resource, Principal and conditions. Kept when,
 * decided again, that layer no longer misses its Allow (so its Resource, Principal and conditions hold).
 */
function widenClosest(request: Request, policies: PolicySet, evaluation: FullEvaluation, d: DecidingEntry, action: string): FixChange | undefined {
  if (!WIDENABLE.has(d.policyType)) return undefined;
  const layers = d.action !== undefined ? (evaluation.additionalRequests.find((c) => c.action === d.action)?.layers ?? []) : evaluation.layers;
  const near = layers
    .filter((l) => l.policyType === d.policyType && l.level === d.level)
    .flatMap((l) => l.statements)
    .filter((s) => s.effect === 'Allow' && s.failedElement === 'Action');
  for (const s of near.slice(0, MAX_WIDEN)) {
    const st = policiesOf(policies, s.policyType, s.level)[s.policyIndex]?.statements.find((x) => x.index === s.statementIndex);
    // Only a statement of the same service: an `ec2:*` grant on `*` is not the place for s3:PutObject.
    const service = action.split(':')[0]!.toLowerCase();
    if (!st?.action?.some((a) => a.text.toLowerCase().startsWith(`${service}:`))) continue;
    const { policyType, source, policyIndex, statementIndex, line, column } = s;
    const paired = policyType === 'boundary' ? boundaryAsNarrow(st, policies, layers, action) : undefined;
    const change: FixChange = paired ?? {
      type: 'addAction',
      policyType,
      source,
      policyIndex,
      ...(s.level !== undefined ? { level: s.level } : {}),
      statementIndex,
      ...(s.sid !== undefined ? { sid: s.sid } : {}),
      line,
      column,
      action,
      statement: plainStatement({ ...st, action: [...st.action, { text: action, span: st.actionSpan }] }),
    };
    const applied = applyChanges(request, policies, [change]);
    const after = decide(applied.request, compile(applied.policies));
    // For a missing allow, `deciding` lists the layers still missing one (for Allowed: the granting statements).
    const missing = after.deciding.some((e) => e.policyType === d.policyType && e.level === d.level && e.action === d.action);
    if (after.decision === 'Allowed' || (after.decision === 'ImplicitDeny' && !missing)) return change;
  }
  return undefined;
}

/**
 * A boundary statement on `Resource: "*"` widened with the action would let the caller do it on every
 * resource as soon as an identity policy allows it anywhere. The boundary only needs what the identity
 * statement that grants the request allows: a new boundary statement with that statement's Resource
 * pattern (and the boundary statement's conditions) is the minimal change. Undefined when the boundary
 * statement is narrower already, or no identity statement with a narrower Resource grants the request.
 */
function boundaryAsNarrow(st: Stmt, policies: PolicySet, layers: LayerResultData[], action: string): FixChange | undefined {
  if (!st.resource?.some((r) => r.text === '*') || !policies.boundary) return undefined;
  const granting = layers
    .filter((l) => l.policyType === 'identity')
    .flatMap((l) => l.statements)
    .find((m) => m.effect === 'Allow' && m.applies);
  const identity = granting && policies.identity[granting.policyIndex]?.statements.find((x) => x.index === granting.statementIndex);
  const resources = identity?.resource?.filter((r) => r.text !== '*');
  if (!resources?.length || resources.length !== identity!.resource!.length) return undefined;
  const { sid: _sid, ...rest } = st;
  const statement = plainStatement({ ...rest, action: [{ text: action, span: st.actionSpan }], resource: resources });
  return { type: 'addStatement', policyType: 'boundary', target: policies.boundary.source, statement };
}

/** The policies of one layer (one organization level for SCPs and RCPs). */
function policiesOf(set: PolicySet, policyType: PolicyType, level: number | undefined): Policy[] {
  if (policyType === 'identity' || policyType === 'session') return set[policyType];
  if (policyType === 'scp' || policyType === 'rcp') return set[policyType][level ?? 0] ?? [];
  const one = policyType === 'resource' || policyType === 'boundary' || policyType === 'vpcEndpoint' || policyType === 'kmsKey' ? set[policyType] : undefined;
  return one ? [one] : [];
}

/** A statement as policy JSON (user text as keys goes through Object.fromEntries: never Object.prototype). */
function plainStatement(st: Stmt): Record<string, unknown> {
  const one = (xs: string[]): string | string[] => (xs.length === 1 ? xs[0]! : xs);
  const principal = (values: PrincipalValue[]): unknown => {
    if (values.length === 1 && values[0]!.type === '*') return '*';
    const byType = new Map<string, string[]>();
    for (const v of values) byType.set(v.type, [...(byType.get(v.type) ?? []), v.value]);
    return Object.fromEntries([...byType].map(([t, vs]) => [t, one(vs)]));
  };
  const out: [string, unknown][] = [];
  if (st.sid !== undefined) out.push(['Sid', st.sid]);
  out.push(['Effect', st.effect]);
  if (st.principal) out.push(['Principal', principal(st.principal)]);
  if (st.notPrincipal) out.push(['NotPrincipal', principal(st.notPrincipal)]);
  if (st.action) out.push(['Action', one(st.action.map((a) => a.text))]);
  if (st.notAction) out.push(['NotAction', one(st.notAction.map((a) => a.text))]);
  if (st.resource) out.push(['Resource', one(st.resource.map((r) => r.text))]);
  if (st.notResource) out.push(['NotResource', one(st.notResource.map((r) => r.text))]);
  if (st.conditions.length) {
    const byOperator = new Map<string, [string, unknown][]>();
    for (const c of st.conditions) byOperator.set(c.operator.text, [...(byOperator.get(c.operator.text) ?? []), [c.key, one(c.values.map((v) => v.text))]]);
    out.push(['Condition', Object.fromEntries([...byOperator].map(([op, keys]) => [op, Object.fromEntries(keys)]))]);
  }
  return Object.fromEntries(out);
}

/**
 * The Resource of a new statement for an S3 object: the pattern the user's own Allow statements use for
 * that bucket when one covers the object (`arn:aws:s3:::bucket/uploads/*`), else the same shape at the
 * object's own prefix (`bucket/reports/*` beside `bucket/uploads/*`), else the object itself. The target
 * layer's statements are read first. Only literal prefixes ending in one `*` are followed.
 */
function userPattern(resource: string, set: PolicySet, policyType: PolicyType): string {
  const m = /^(arn:aws[a-z-]*:s3:::[^/]+\/)(.+)$/.exec(resource);
  if (!m) return resource;
  const [, bucket, key] = m as unknown as [string, string, string];
  const others = (['identity', 'boundary', 'session', 'resource', 'vpcEndpoint'] as PolicyType[]).filter((t) => t !== policyType);
  for (const group of [[policyType], others]) {
    const patterns = group
      .flatMap((t) => policiesOf(set, t, undefined))
      .flatMap((p) => p.statements)
      .filter((st) => st.effect === 'Allow')
      .flatMap((st) => (st.resource ?? []).map((r) => r.text))
      .filter((t) => t.startsWith(bucket) && t.endsWith('*') && !/[*?$]/.test(t.slice(0, -1)));
    const covering = patterns.find((t) => resource.startsWith(t.slice(0, -1)));
    if (covering) return covering;
    const segments = key.split('/');
    for (const t of patterns) {
      const prefix = t.slice(bucket.length, -1);
      const depth = prefix.split('/').length - 1;
      if (depth > 0 && prefix.endsWith('/') && segments.length > depth) return `${bucket}${segments.slice(0, depth).join('/')}/*`;
    }
  }
  return resource;
}

/**
 * Organizations attach FullAWSAccess / RCPFullAWSAccess at every level by default; a missing Allow almost
 * always means it was detached, so that is the fix to show.
 */
function organizationGrant(policyType: 'scp' | 'rcp', level: number, action: string, policies: PolicySet, w: Words): FixChange {
  const first = policies[policyType][level]?.[0];
  const statement =
    policyType === 'rcp'
      ? { Sid: 'RCPFullAWSAccess', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }
      : { Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' };
  const name = policyType === 'rcp' ? 'RCPFullAWSAccess' : 'FullAWSAccess';
  const alsoIn = first && policyType === 'scp' ? { action, source: first.source } : undefined;
  return { type: 'addStatement', policyType, level, target: w.fixes.target.organization(policyType, level, name, alsoIn), statement };
}

/** A grant in the resource-based policy (a bucket policy, a role's trust policy) to the caller. */
function resourceGrant(request: Request, policies: PolicySet, action: string, resource: string, w: Words): FixChange {
  // A role trust policy has no Resource element (IAM rejects one: "Has prohibited field Resource").
  const trust = isRoleTrustRequest(action, resource);
  // Through an access point, the bucket policy names the bucket or object behind it.
  const behind = accessPointBehind(request, resource);
  const statement: Record<string, unknown> = {
    Effect: 'Allow',
    Principal: principalElement(request),
    Action: action,
    ...(trust ? {} : { Resource: behind ?? resource }),
    ...sourceArnCondition(request),
  };
  const target = policies.resource?.source ?? (trust ? w.fixes.target.trustPolicy : w.fixes.target.resourcePolicy);
  return { type: 'addStatement', policyType: 'resource', target, statement };
}

/** A service principal is scoped to the resource it acts for (CloudFront: the distribution). */
function sourceArnCondition(request: Request): { Condition?: Record<string, unknown> } {
  const sourceArn = request.context.get('aws:sourcearn');
  if (request.principal.kind !== 'service' || !sourceArn || sourceArn.values.length !== 1) return {};
  return { Condition: { StringEquals: { 'AWS:SourceArn': sourceArn.values[0] } } };
}

function principalName(request: Request, w: Words): string {
  const p = request.principal;
  if (p.kind === 'federatedUser') return w.fixes.target.federatedCreator;
  return p.kind === 'assumedRole' ? w.fixes.target.role(String(p.name)) : p.text;
}

function isPrivateAddress(text: string): boolean {
  const ip = parseIpStrict(text);
  return ip !== null && ['private', 'loopback', 'linkLocal', 'uniqueLocal'].includes(ip.range());
}

function principalElement(request: Request): unknown {
  const p = request.principal;
  if (p.kind === 'anonymous') return '*';
  if (p.kind === 'service') return { Service: p.service };
  if (p.kind === 'identityProvider') return { Federated: p.text };
  if (p.kind !== 'assumedRole') return { AWS: p.text };
  // The session ARN drops the role's path; a Principal must name the role's ARN with it, which aws:PrincipalArn gives when known.
  const given = request.context.get('aws:principalarn');
  return { AWS: given?.origin === 'request' && given.values.length === 1 ? given.values[0] : p.principalArn };
}

/** An Allow for the caller in the access point policy, on the access point ARN. */
function accessPointGrant(request: Request, policies: PolicySet, action: string, resource: string, w: Words): FixChange {
  return {
    type: 'addStatement',
    policyType: 'accessPoint',
    target: policies.accessPoint?.source ?? w.fixes.target.accessPointPolicy,
    statement: { Effect: 'Allow', Principal: principalElement(request), Action: action, Resource: resource },
  };
}

/** The bucket or object ARN behind an access point ARN, when the request went through one. */
function accessPointBehind(request: Request, resource: string): string | undefined {
  const ap = dataAccessPoint(request.action, resource);
  const bucket = request.s3?.accessPoint?.bucket;
  return ap && bucket !== undefined ? underlyingArn(ap, bucket) : undefined;
}

/** A copy of the request and policies with the changes applied (the originals are not touched). */
export function applyChanges(request: Request, policies: PolicySet, changes: FixChange[]): { request: Request; policies: PolicySet } {
  const context = new Map<string, ContextEntry>(request.context);
  let nextRequest: Request = request;
  let next: PolicySet = { ...policies, identity: [...policies.identity] };
  for (const c of changes) {
    if (c.type === 'setContext') setContext(context, c.key, c.value);
    else if (c.type === 'removeContext') context.delete(c.key.toLowerCase());
    else if (c.type === 'setS3')
      nextRequest = { ...nextRequest, s3: withS3Fact(nextRequest.s3, c, nextRequest.s3?.bucketOwner ?? nextRequest.resourceAccount) };
    else if (c.type === 'removeStatement' || c.type === 'renameConditionKey' || c.type === 'addAction') next = editStatement(next, c);
    else next = addStatement(next, c);
  }
  const result = { request: { ...nextRequest, context }, policies: next };
  // A changed header can bring S3's AWS managed key into play (SSE-KMS without a key id): its policy is
  // known, exactly as when the request is loaded.
  if (!result.policies.kmsKey) synthesizeAwsManagedKeyPolicy(result.request, result.policies, []);
  return result;
}

function setContext(context: Map<string, ContextEntry>, key: string, value: ContextInput): void {
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  context.set(key.toLowerCase(), { key, values, multi: Array.isArray(value), origin: 'request', display: value });
  // A KMS key id is only sent with SSE-KMS (the hint says --server-side-encryption aws:kms too).
  if (key.toLowerCase() === 's3:x-amz-server-side-encryption-aws-kms-key-id' && !context.has('s3:x-amz-server-side-encryption')) {
    context.set('s3:x-amz-server-side-encryption', {
      key: 's3:x-amz-server-side-encryption',
      values: ['aws:kms'],
      multi: false,
      origin: 'request',
      display: 'aws:kms',
    });
  }
}

function withS3Fact(s3: S3Facts | undefined, c: Extract<FixChange, { type: 'setS3' }>, bucketOwner: string | undefined): S3Facts {
  const facts: S3Facts = { ...(s3 ?? {}) };
  if (c.fact === 'objectOwnership') facts.objectOwnership = c.value as NonNullable<S3Facts['objectOwnership']>;
  else if (c.fact === 'objectAcl' || c.fact === 'objectOwner') grantBucketOwner(facts, bucketOwner, c.fact === 'objectOwner');
  else {
    const none = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
    facts.blockPublicAccess = { ...(facts.blockPublicAccess ?? none), ...(c.value as Partial<BlockPublicAccess>) };
  }
  return facts;
}

/**
 * The object's ACL after its owner applies bucket-owner-full-control: "Both the object owner and the bucket
 * owner get FULL_CONTROL over the object" (S3 User Guide, Canned ACL); with `owned`, the bucket owner owns it
 * too (a copy in place on BucketOwnerPreferred). An unknown canonical id gets a stand-in, on this copy only.
 */
function grantBucketOwner(facts: S3Facts, bucketOwner: string | undefined, owned: boolean): void {
  if (bucketOwner === undefined) return;
  const ids = new Map(Object.entries(facts.canonicalUserIds ?? {}));
  const id = ids.get(bucketOwner) ?? `bucket-owner-${bucketOwner}`;
  ids.set(bucketOwner, id);
  facts.canonicalUserIds = Object.fromEntries(ids);
  const acl = facts.objectAcl ?? { grants: [], source: '(suggested)' };
  facts.objectAcl = { ...acl, grants: [...acl.grants, { grantee: { type: 'CanonicalUser', id }, permission: 'FULL_CONTROL' }] };
  if (owned) facts.objectOwner = bucketOwner;
}

/** Every policy of a set, changed by `f` (the originals are not touched). */
function mapPolicies(set: PolicySet, f: (p: Policy) => Policy): PolicySet {
  return {
    ...set,
    identity: set.identity.map(f),
    session: set.session.map(f),
    scp: set.scp.map((l) => l.map(f)),
    rcp: set.rcp.map((l) => l.map(f)),
    ...(set.resource ? { resource: f(set.resource) } : {}),
    ...(set.boundary ? { boundary: f(set.boundary) } : {}),
    ...(set.vpcEndpoint ? { vpcEndpoint: f(set.vpcEndpoint) } : {}),
    ...(set.kmsKey ? { kmsKey: f(set.kmsKey) } : {}),
    ...(set.accessPoint ? { accessPoint: f(set.accessPoint) } : {}),
  };
}

type Stmt = Policy['statements'][number];

function editStatement(set: PolicySet, c: Extract<FixChange, { type: 'removeStatement' | 'renameConditionKey' | 'addAction' }>): PolicySet {
  const edit = (st: Stmt): Stmt | undefined => {
    if (st.index !== c.statementIndex) return st;
    if (c.type === 'removeStatement') return undefined;
    if (c.type === 'addAction') return { ...st, action: [...(st.action ?? []), { text: c.action, span: st.actionSpan }] };
    const from = c.from.toLowerCase();
    return { ...st, conditions: st.conditions.map((k) => (k.key.toLowerCase() === from ? { ...k, key: c.to } : k)) };
  };
  return mapPolicies(set, (p) =>
    p.source === c.source && p.policyType === c.policyType ? { ...p, statements: p.statements.map(edit).filter((s): s is Stmt => s !== undefined) } : p,
  );
}

function addStatement(set: PolicySet, c: Extract<FixChange, { type: 'addStatement' }>): PolicySet {
  const added = parsePolicy(fromPlain({ Version: '2012-10-17', Statement: [c.statement] }), {
    file: '(suggested)',
    label: '(suggested)',
    ref: { file: '(suggested)', pointer: '' },
    policyType: c.policyType,
  });
  const extend = (p: Policy | undefined): Policy =>
    p ? { ...p, statements: [...p.statements, ...added.statements.map((s, i) => ({ ...s, index: p.statements.length + i }))] } : added;
  switch (c.policyType) {
    case 'identity':
    case 'session':
      return { ...set, [c.policyType]: [...set[c.policyType], added] };
    case 'scp':
    case 'rcp':
      return { ...set, [c.policyType]: set[c.policyType].map((l, i) => (i === (c.level ?? 0) ? [...l, added] : l)) };
    case 'resource':
    case 'boundary':
    case 'vpcEndpoint':
    case 'kmsKey':
    case 'accessPoint':
      return { ...set, [c.policyType]: extend(set[c.policyType]) };
    default:
      return set;
  }
}
