import { dirname, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { member, pointerToPath, scalarText, toPlain, type JsonDocument, type JsonNode, type JsonObject } from '../json/index.js';
import { readJson } from '../json/index.js';
import type { AssumptionNote, ContextEntry, ContextInput, RequestDraft, RequestPrincipal } from '../model/request.js';
import type { PolicyDocument as Policy, PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import { loadSchema, parsePolicy, validateAgainst } from '../parse/index.js';
import { parsePrincipal } from '../iam/principal.js';
import { nonAwsHost } from '../iam/endpoint.js';
import { parseArn } from '../iam/arn.js';
import { readS3Url } from '../iam/s3.js';
import { parseIpStrict } from '../iam/ip.js';
import { readActionOrOperation } from '../iam/operations.js';
import { display, readJsonFile } from './files.js';
import { unwrapPolicy } from './cli-output.js';
import { readHttpFacts, readS3Facts, requestTimeOf } from './s3-facts.js';
import { checkAccessPoint } from './access-point.js';

const validateRequest = loadSchema('request.schema.json');

export interface LoadOptions {
  /** Directory that relative policy paths are resolved against. */
  baseDir: string;
  /** Directory that file names in messages are shown relative to (the caller's working directory). */
  displayDir: string;
  /** The time used for aws:CurrentTime / aws:EpochTime when the request does not set them. */
  now: Date;
  /** True when `now` is merely the time of this run (no --now): time-based notes then say nothing. */
  wallClock?: boolean;
}

/** Reads a request document file into a draft. */
export async function readRequestFile(path: string, options: Omit<LoadOptions, 'baseDir'>): Promise<RequestDraft> {
  const displayDir = options.displayDir;
  const doc = readJsonFile(path, display(path, displayDir));
  return readRequestDocument(doc, { ...options, baseDir: dirname(resolve(path)), displayDir });
}

/** Turns a request document tree into a draft, loading every referenced policy. */
async function readRequestDocument(doc: JsonDocument, options: LoadOptions): Promise<RequestDraft> {
  const { root, source } = doc;
  const displayDir = options.displayDir;
  validateAgainst(validateRequest, root, source);
  const obj = root as JsonObject;
  const { principal, action, resource, readings } = await readTarget(obj, source);
  const draft: RequestDraft = {
    principal,
    action,
    resource,
    context: new Map(),
    policies: { identity: [], session: [], scp: [], rcp: [] },
    now: options.now,
    wallClock: options.wallClock === true,
  };
  readFacts(obj, draft, source);
  for (const reading of readings) applyReading(draft, reading);
  const policiesMember = member(obj, 'policies');
  if (policiesMember && policiesMember.value.kind === 'object') {
    readPolicies(policiesMember.value, draft.policies, principal, { source, baseDir: options.baseDir, displayDir });
  }
  checkAccessPoint(obj, draft, source);
  return draft;
}

/** Who asks to do what on which resource. */
async function readTarget(obj: JsonObject, source: string): Promise<Pick<RequestDraft, 'principal' | 'action' | 'resource'> & { readings: AssumptionNote[] }> {
  const at = (node: JsonNode) => ({ source, line: node.span.line, column: node.span.column });
  const resourceNode = member(obj, 'resource')!.value;
  const { resource, reading } = readResource(scalarText(resourceNode), at(resourceNode));
  const arn = parseArn(resource);

  const accountNode = member(obj, 'resourceAccount')?.value;
  let account = arn && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
  if (accountNode) account = scalarText(accountNode);
  const principal = readPrincipal(obj, source, account);

  const actionNode = member(obj, 'action')!.value;
  const { action, fromOperation } = await readActionOrOperation(scalarText(actionNode), at(actionNode));
  const readings: AssumptionNote[] = fromOperation ? [{ key: 'action', value: action, why: fromOperation }] : [];
  if (reading) readings.push(reading);
  return { principal, action, resource, readings };
}

/**
 * The caller. With an endpoint that is not AWS (an S3-compatible store), `principal` may be left out or be
 * the store's own access key (anything that is not an AWS principal): an `external` caller, for whom no AWS
 * policy can be evaluated, so none may be given.
 */
function readPrincipal(obj: JsonObject, source: string, account: string | undefined): RequestPrincipal {
  const node = member(obj, 'principal')?.value;
  const httpNode = member(obj, 'http')?.value;
  const endpointNode = httpNode?.kind === 'object' ? member(httpNode, 'endpoint')?.value : undefined;
  const store = nonAwsHost(endpointNode ? scalarText(endpointNode) : undefined);
  const where = node ? { source, line: node.span.line, column: node.span.column } : { source, jsonPath: '$' };
  let principal: RequestPrincipal | undefined;
  try {
    if (node) principal = parsePrincipal(scalarText(node), where, account);
  } catch (e) {
    if (!store) throw e;
  }
  if (!principal && !store) throw new InputError('`principal` is required (it may be left out only when `http.endpoint` is a store that is not AWS)', where);
  principal ??= { kind: 'external', text: node ? scalarText(node) : 'external' };
  const policies = member(obj, 'policies')?.value;
  if (principal.kind === 'external' && policies?.kind === 'object' && policies.members.length) {
    throw new InputError(
      `principal \`${principal.text}\` is not an AWS principal (a caller of ${store}): no AWS policy can be evaluated for it, so give an AWS principal or no \`policies\``,
      where,
    );
  }
  return principal;
}

/** The resource as an ARN: given as one, or as an S3 URL (`s3://…`, virtual-hosted or path-style), read and noted. */
function readResource(text: string, where: { source: string; line: number; column: number }): { resource: string; reading?: AssumptionNote } {
  const url = readS3Url(text);
  if (url && 'error' in url) throw new InputError(url.error, where);
  const resource = url ? url.arn : text;
  const arn = parseArn(resource);
  if (resource !== '*' && !arn) {
    throw new InputError(
      `resource \`${resource}\` is not an ARN (arn:partition:service:region:account:resource) or an S3 URL (s3://bucket/key, https://bucket.s3.region.amazonaws.com/key)`,
      where,
    );
  }
  if (arn && !/^aws(-cn|-us-gov|-iso(-[a-z])?|-eusc)?$/.test(arn.partition)) {
    throw new InputError(
      `resource \`${resource}\` names partition \`${arn.partition}\`, which is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso…)`,
      where,
    );
  }
  if (!url) return { resource };
  const why = {
    code: 'resourceFromS3Url',
    url: text,
    style: url.style,
    decoded: url.decoded,
    queryDropped: url.queryDropped,
    ...(url.region !== undefined ? { region: url.region } : {}),
    ...(url.insecure ? { insecure: true } : {}),
  } as const;
  return { resource, reading: { key: 'resource', value: resource, why } };
}

/**
 * A reading the input needed (an API operation as the action, an S3 URL as the resource), kept for the
 * assumptions. What an S3 URL says about the request, unless the document says otherwise: the Region its
 * host names, and for `http://` a request without TLS (never assume HTTPS for an http:// URL).
 */
function applyReading(draft: RequestDraft, reading: AssumptionNote): void {
  (draft.readings ??= []).push(reading);
  if (reading.why.code !== 'resourceFromS3Url') return;
  if (reading.why.region !== undefined && draft.region === undefined) draft.region = reading.why.region;
  if (reading.why.insecure && !draft.context.has('aws:securetransport')) {
    draft.context.set('aws:securetransport', { key: 'aws:SecureTransport', values: ['false'], multi: false, origin: 'request', display: false });
  }
}

/** An AWS Region (`us-east-1`), or any region name of a store that is not AWS (`kr-standard`). */
function readRegion(node: JsonNode, draft: RequestDraft, source: string): string {
  const region = scalarText(node);
  if (!AWS_REGION.test(region) && nonAwsHost(draft.http?.endpoint) === undefined) {
    throw new InputError(
      `region \`${region}\` is not an AWS Region (such as us-east-1); a store's own region name (kr-standard) needs \`http.endpoint\` naming that store`,
      { source, line: node.span.line, column: node.span.column },
    );
  }
  return region;
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The facts about the request other than its policies: S3 and HTTP facts, network, accounts, context keys. */
function readFacts(obj: JsonObject, draft: RequestDraft, source: string): void {
  const s3 = member(obj, 's3');
  if (s3 && s3.value.kind === 'object') draft.s3 = readS3Facts(s3.value, source);
  const http = member(obj, 'http');
  if (http && http.value.kind === 'object') draft.http = readHttpFacts(http.value, source);
  const endpointType = member(obj, 'vpcEndpointType');
  if (endpointType) draft.vpcEndpointType = scalarText(endpointType.value) as 'Gateway' | 'Interface';
  const region = member(obj, 'region');
  if (region) draft.region = readRegion(region.value, draft, source);
  const mgmt = member(obj, 'managementAccount');
  if (mgmt) draft.managementAccount = scalarText(mgmt.value);
  const raNode = member(obj, 'resourceAccount');
  if (raNode) draft.resourceAccount = scalarText(raNode.value);
  const contextMember = member(obj, 'context');
  if (contextMember && contextMember.value.kind === 'object') readContext(contextMember.value, draft.context, source);
}

interface RefContext {
  source: string;
  baseDir: string;
  displayDir: string;
}

/** Loads every policy the document's `policies` member lists, in document order. */
function readPolicies(p: JsonObject, policies: PolicySet, principal: RequestPrincipal, ctx: RefContext): void {
  const { source } = ctx;
  const load = (node: JsonNode, type: PolicyType, path: string) => loadPolicyRef(node, type, path, ctx);
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
  const ap = member(p, 'accessPoint');
  if (ap) policies.accessPoint = load(ap.value, 'accessPoint', '$.policies.accessPoint');
  const vpce = member(p, 'vpcEndpoint');
  if (vpce) {
    policies.vpcEndpoint = load(vpce.value, 'vpcEndpoint', '$.policies.vpcEndpoint');
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

/** Loads one policy reference: a path relative to the request file, or an inline document. */
function loadPolicyRef(node: JsonNode, policyType: PolicyType, jsonPath: string, ctx: RefContext): Policy {
  if (node.kind === 'string') {
    // `dump.json#/RoleDetailList/0/RolePolicyList/0/PolicyDocument`: a policy inside a larger file (RFC 6901 pointer).
    const hash = node.value.indexOf('#/');
    const file = hash < 0 ? node.value : node.value.slice(0, hash);
    const pointer = hash < 0 ? '' : node.value.slice(hash + 1);
    const abs = resolve(ctx.baseDir, file);
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
    const at = pointer ? exactNode(doc.root, pointer) : doc.root;
    if (!at) {
      throw new InputError(`\`${shown}\` has nothing at ${pointerToPath(pointer)} (policy referenced at ${jsonPath})`, {
        source: ctx.source,
        line: node.span.line,
        column: node.span.column,
      });
    }
    const u = unwrapPolicy(at, shown, pointer ? pointerToPath(pointer) : '$');
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

/** The node at a JSON pointer, or undefined when some step of it does not exist. */
function exactNode(root: JsonNode, pointer: string): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.kind === 'object') node = member(node, part)?.value;
    else if (node?.kind === 'array' && /^(0|[1-9]\d*)$/.test(part)) node = node.elements[Number(part)];
    else return undefined;
  }
  return node;
}

/** Global keys AWS documents with a type (Bool, Numeric, Date): a value of another type is a mistake. */
type TypedKind = 'bool' | 'number' | 'date';
const TYPED_KEYS = new Map<string, TypedKind>([
  ['aws:securetransport', 'bool'],
  ['aws:multifactorauthpresent', 'bool'],
  ['aws:viaawsservice', 'bool'],
  ['aws:principalisawsservice', 'bool'],
  ['aws:multifactorauthage', 'number'],
  ['aws:epochtime', 'number'],
  ['aws:currenttime', 'date'],
  ['aws:tokenissuetime', 'date'],
]);

function typedValueOk(kind: Exclude<TypedKind, 'date'>, v: string): boolean {
  if (kind === 'bool') return /^(true|false)$/i.test(v);
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v);
}

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
    let values = elements.map(scalarText);
    const kind = TYPED_KEYS.get(lower);
    // A time in any form AWS prints one, compared as ISO 8601 in UTC.
    if (kind === 'date') values = elements.map((e) => requestTimeOf(e, `context \`${m.key}\``, source));
    else if (kind) {
      elements.forEach((e, i) => {
        const v = values[i]!;
        if (!typedValueOk(kind, v)) {
          throw new InputError(`context \`${m.key}\` value \`${v}\` is not ${kind === 'bool' ? 'true or false' : 'a number'}`, {
            source,
            line: e.span.line,
            column: e.span.column,
          });
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

/**
 * Library entry: a request document as a plain object. Inline policies get positions in the document
 * as `JSON.stringify(doc, null, 2)` prints it.
 */
export async function readRequestObject(docObject: unknown, options: LoadOptions & { source?: string }): Promise<RequestDraft> {
  const source = options.source ?? '<request>';
  let text: string;
  try {
    text = JSON.stringify(docObject, null, 2);
  } catch (e) {
    throw new InputError(`request document cannot be serialised: ${(e as Error).message}`, { source });
  }
  if (text === undefined) throw new InputError('request document is empty', { source });
  return readRequestDocument(readJson(text, source), options);
}
