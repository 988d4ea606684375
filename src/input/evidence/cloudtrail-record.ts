import { InputError } from '../../model/errors.js';
import type { AwsVerdict, EvidenceFact, FactHow } from '../../model/evidence.js';
import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import { actionsForOperation } from '../../iam/operations.js';
import { parseIpStrict } from '../../iam/ip.js';
import { parseRequestTime } from '../../iam/values.js';
import { escapePointer } from '../doc-builder.js';
import { readDenial } from './error-message.js';
import type { EvidenceFound, EvidenceOptions } from './types.js';

/** The error codes of a refusal on permissions: S3's and STS's `AccessDenied`, the KMS API's `AccessDeniedException`. */
export const DENIAL_CODES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException']);

/**
 * The services whose records are read: those whose authorization policy-why models (S3, KMS, STS role
 * trust), by the record's `eventSource`. Any other service's record is refused rather than read with a
 * generic mapping: its event names are not always its IAM actions, and its resources are named per operation.
 */
const SERVICES: ReadonlyMap<string, string> = new Map([
  ['s3.amazonaws.com', 's3'],
  ['kms.amazonaws.com', 'kms'],
  ['sts.amazonaws.com', 'sts'],
]);
const SERVICES_SAID = 'Amazon S3 (s3.amazonaws.com), AWS KMS (kms.amazonaws.com) and AWS STS (sts.amazonaws.com)';

export function located(label: string, node: JsonNode, message: string): InputError {
  return new InputError(message, { source: label, line: node.span.line, column: node.span.column });
}

const obj = (o: JsonObject | undefined, key: string): JsonObject | undefined => {
  const v = o ? member(o, key)?.value : undefined;
  return v?.kind === 'object' ? v : undefined;
};
const str = (o: JsonObject | undefined, key: string) => {
  const v = o ? member(o, key)?.value : undefined;
  return v?.kind === 'string' && v.value !== '' ? v : undefined;
};
type Str = NonNullable<ReturnType<typeof str>>;

/** The facts of one record, each with the place of its value in the file. */
class Facts {
  readonly list: EvidenceFact[] = [];
  constructor(
    readonly label: string,
    readonly options: EvidenceOptions,
  ) {}
  add(pointer: string, value: unknown, node: JsonNode, how: FactHow = { code: 'stated' }): void {
    this.list.push({ pointer, value, from: `${this.label}:${node.span.line}:${node.span.column}`, how });
  }
  given(pointer: string): boolean {
    return this.options.given?.(pointer) === true;
  }
}

/** Reads one CloudTrail record into the facts of its request and AWS's verdict. */
export async function recordFacts(label: string, r: JsonObject, options: EvidenceOptions): Promise<EvidenceFound> {
  const f = new Facts(label, options);
  const service = serviceOf(label, r);
  const verdict = verdictOf(label, r);
  identityFacts(f, r, verdict?.principal);
  await actionFact(f, r, service);
  resourceFacts(f, r, service);
  networkFacts(f, r);
  if (service.prefix === 's3') s3Facts(f, r);
  if (service.prefix === 'kms') kmsFacts(f, r);
  timeFacts(f, r);
  return { facts: f.list, policies: [], ...(verdict ? { verdict: verdict.verdict } : {}) };
}

function serviceOf(label: string, r: JsonObject): { prefix: string; source: Str } {
  const source = str(r, 'eventSource');
  if (!source) throw located(label, r, 'the record has no eventSource: expected a CloudTrail record of an API call');
  if (source.value === 's3-outposts.amazonaws.com') {
    throw located(
      label,
      source,
      `eventSource s3-outposts.amazonaws.com is Amazon S3 on Outposts, another service (s3-outposts: actions and policies), which policy-why does not model: it reads records of ${SERVICES_SAID}`,
    );
  }
  const prefix = SERVICES.get(source.value);
  if (!prefix) {
    throw located(
      label,
      source,
      `records of ${source.value} are not read: policy-why reads records of ${SERVICES_SAID}; for another service, give --principal, --action and --resource`,
    );
  }
  return { prefix, source };
}

/** AWS's verdict: the errorCode, and the reason its errorMessage gives (the AccessDenied grammar), with the caller it names. */
function verdictOf(label: string, r: JsonObject): { verdict: AwsVerdict; principal?: { arn: string; node: JsonNode } } | undefined {
  const code = str(r, 'errorCode');
  if (!code) return undefined;
  if (!DENIAL_CODES.has(code.value)) {
    throw located(
      label,
      code,
      `errorCode ${code.value} is not an access denial (AccessDenied, AccessDeniedException): AWS did not refuse this request on its policies, so there is no policy decision to explain`,
    );
  }
  const message = str(r, 'errorMessage');
  const denial = message ? readDenial(message.value) : { kind: 'unknown' as const };
  const { principal, ...reason } = denial;
  const verdict: AwsVerdict = { errorCode: code.value, ...reason, from: `${label}:${code.span.line}:${code.span.column}` };
  return { verdict, ...(principal !== undefined && message ? { principal: { arn: principal, node: message } } : {}) };
}

/**
 * The caller, by `userIdentity.type` (CloudTrail User Guide, "CloudTrail userIdentity element"): an IAM user's,
 * the root user's or a federated user's `arn`; a role session's `arn`, and its role's ARN with the role's path
 * from `sessionContext.sessionIssuer.arn` as aws:PrincipalArn (the session ARN has no path); an AWS service's
 * `invokedBy`; `AWSAccount` with `accountId` ANONYMOUS_PRINCIPAL is an anonymous caller. `AWSAccount` without
 * an ARN is the resource owner's copy of another account's call: it never becomes that account's root.
 */
function identityFacts(f: Facts, r: JsonObject, named: { arn: string; node: JsonNode } | undefined): void {
  const ui = obj(r, 'userIdentity');
  if (!ui) {
    if (named) f.add('/principal', named.arn, named.node);
    else if (!f.given('/principal')) throw located(f.label, r, 'the record has no userIdentity: give --principal ARN');
    return;
  }
  const type = str(ui, 'type');
  const arn = str(ui, 'arn');
  switch (type?.value) {
    case 'IAMUser':
    case 'FederatedUser':
    case 'AssumedRole':
    case 'Root':
      if (arn) f.add('/principal', arn.value, arn);
      else rootWithoutArn(f, ui, type);
      if (type.value === 'AssumedRole') sessionIssuer(f, ui);
      return;
    case 'AWSService': {
      const by = str(ui, 'invokedBy');
      if (by) f.add('/principal', by.value, by, { code: 'recordField', field: 'userIdentity.invokedBy' });
      else if (!f.given('/principal')) throw located(f.label, ui, 'userIdentity is AWSService without invokedBy: give --principal with the service principal');
      return;
    }
    case 'AWSAccount':
      return awsAccount(f, ui, arn, named);
    default:
      if (f.given('/principal')) return;
      throw located(
        f.label,
        type ?? ui,
        `userIdentity type ${type?.value ?? '(none)'} is not read: expected IAMUser, AssumedRole, Root, FederatedUser, AWSService or AWSAccount; give --principal ARN`,
      );
  }
}

/** A Root identity names its account; its ARN is the account's root user's. Other types need their arn. */
function rootWithoutArn(f: Facts, ui: JsonObject, type: Str): void {
  const account = str(ui, 'accountId');
  if (type.value === 'Root' && account && /^\d{12}$/.test(account.value)) {
    f.add('/principal', `arn:aws:iam::${account.value}:root`, account, { code: 'recordField', field: 'userIdentity.accountId' });
  } else if (!f.given('/principal')) {
    throw located(f.label, type, `userIdentity ${type.value} without its arn: give --principal ARN`);
  }
}

function sessionIssuer(f: Facts, ui: JsonObject): void {
  const issuer = obj(obj(ui, 'sessionContext'), 'sessionIssuer');
  const arn = str(issuer, 'arn');
  if (str(issuer, 'type')?.value === 'Role' && arn) {
    f.add('/context/aws:PrincipalArn', arn.value, arn, { code: 'recordField', field: 'sessionContext.sessionIssuer.arn' });
  }
}

function awsAccount(f: Facts, ui: JsonObject, arn: Str | undefined, named: { arn: string; node: JsonNode } | undefined): void {
  const account = str(ui, 'accountId');
  if (account?.value === 'ANONYMOUS_PRINCIPAL') {
    f.add('/principal', 'anonymous', account, { code: 'recordField', field: 'userIdentity.accountId' });
    return;
  }
  if (arn) return f.add('/principal', arn.value, arn);
  // The enhanced AccessDenied message names the caller even in the owner's copy.
  if (named) return f.add('/principal', named.arn, named.node);
  if (f.given('/principal')) return;
  const who = str(ui, 'principalId')?.value ?? '';
  throw located(
    f.label,
    ui,
    `userIdentity is AWSAccount ${who ? `${who} ` : ''}of account ${account?.value ?? '(none)'} without an ARN: this is the resource owner's copy of another account's call; that account's trail has the record with the caller's ARN (the same sharedEventID), or give --principal ARN`,
  );
}

/** eventSource + eventName → the IAM action (ListObjects, with or without `list-type: 2`, is s3:ListBucket …). */
async function actionFact(f: Facts, r: JsonObject, service: { prefix: string; source: Str }): Promise<void> {
  const name = str(r, 'eventName');
  if (!name) {
    if (!f.given('/action')) throw located(f.label, r, 'the record has no eventName: give --action SERVICE:ACTION');
    return;
  }
  const found = await actionsForOperation(service.prefix, name.value);
  if (found) {
    f.add('/action', found.actions[0]!, name, { code: 'eventName', eventSource: service.source.value, eventName: name.value });
  } else if (!f.given('/action')) {
    throw located(
      f.label,
      name,
      `event ${name.value} of ${service.source.value} is not an operation policy-why maps to an IAM action: give --action SERVICE:ACTION`,
    );
  }
}

const ofType = (r: JsonObject, type: string): JsonObject | undefined => {
  const list = member(r, 'resources')?.value;
  if (list?.kind !== 'array') return undefined;
  return list.elements.find((e): e is JsonObject => e.kind === 'object' && str(e, 'type')?.value === type);
};

/**
 * The resource: S3's `bucketName` (+ `key`) as the ARN, and the bucket owner from `resources` ("Account ID of
 * the resource owner", CloudTrail record contents); a KMS key's ARN from `resources` (`keyId` may be an alias
 * or be absent); the role an STS AssumeRole names.
 */
function resourceFacts(f: Facts, r: JsonObject, service: { prefix: string }): void {
  const params = obj(r, 'requestParameters');
  if (service.prefix === 's3') {
    const bucket = str(params, 'bucketName');
    const key = str(params, 'key');
    if (bucket) f.add('/resource', `arn:aws:s3:::${bucket.value}${key ? `/${key.value}` : ''}`, bucket, { code: 's3Location' });
    const owner = str(ofType(r, 'AWS::S3::Bucket'), 'accountId');
    if (owner && /^\d{12}$/.test(owner.value)) f.add('/resourceAccount', owner.value, owner);
  } else if (service.prefix === 'kms') {
    const key = str(ofType(r, 'AWS::KMS::Key'), 'ARN');
    const keyId = str(params, 'keyId');
    if (key) f.add('/resource', key.value, key);
    else if (keyId && /^arn:aws[\w-]*:kms:[^:]*:\d{12}:key\//.test(keyId.value)) f.add('/resource', keyId.value, keyId);
  } else {
    const role = str(params, 'roleArn');
    if (role) f.add('/resource', role.value, role);
  }
}

/**
 * Where the call came from. `sourceIPAddress` is an IP only for callers outside AWS ("For services in AWS,
 * only the DNS name is displayed", CloudTrail record contents); behind a VPC endpoint (`vpcEndpointId`) it is
 * the private address, aws:VpcSourceIp. `tlsDetails` is recorded for calls over TLS; its absence proves
 * nothing (older records, some services), so aws:SecureTransport is then left to the default.
 */
function networkFacts(f: Facts, r: JsonObject): void {
  const region = str(r, 'awsRegion');
  if (region) f.add('/region', region.value, region);
  const vpce = str(r, 'vpcEndpointId');
  if (vpce) f.add('/context/aws:SourceVpce', vpce.value, vpce);
  const ip = str(r, 'sourceIPAddress');
  if (ip && parseIpStrict(ip.value)) f.add(vpce ? '/context/aws:VpcSourceIp' : '/context/aws:SourceIp', ip.value, ip);
  const tls = str(obj(r, 'tlsDetails'), 'tlsVersion');
  if (tls) f.add('/context/aws:SecureTransport', true, tls, { code: 'recordField', field: 'tlsDetails.tlsVersion' });
}

/**
 * S3 condition keys AWS documents with these values (S3 API Reference, "Amazon S3 Signature Version 4
 * Authentication Specific Policy Keys": s3:signatureversion `"AWS"` identifies Signature Version 2,
 * `"AWS4-HMAC-SHA256"` identifies Signature Version 4; s3:authType REST-HEADER, REST-QUERY-STRING, POST),
 * from the names CloudTrail records in `additionalEventData`.
 */
const SIGNATURE_VERSIONS = new Map([
  ['SigV4', 'AWS4-HMAC-SHA256'],
  ['SigV2', 'AWS'],
]);
const AUTH_TYPES = new Map([
  ['AuthHeader', 'REST-HEADER'],
  ['QueryString', 'REST-QUERY-STRING'],
]);

/**
 * The S3 request headers S3 records in `requestParameters` (the grant headers nested under
 * `accessControlList`), as the request's headers: the request derives their condition keys. What S3 applied
 * (`additionalEventData.SSEApplied`, `responseElements`) is not what the request sent, and is not read.
 */
const S3_HEADERS =
  /^x-amz-(acl|grant-(read|write|read-acp|write-acp|full-control)|server-side-encryption(-aws-kms-key-id|-customer-algorithm|-context|-bucket-key-enabled)?|storage-class|request-payer|metadata-directive|website-redirect-location|copy-source|tagging|object-lock-(mode|retain-until-date|legal-hold)|object-ownership)$/i;

function s3Facts(f: Facts, r: JsonObject): void {
  const extra = obj(r, 'additionalEventData');
  const version = str(extra, 'SignatureVersion');
  const signature = version && SIGNATURE_VERSIONS.get(version.value);
  if (version && signature) f.add('/context/s3:signatureversion', signature, version, { code: 'recordField', field: 'additionalEventData.SignatureVersion' });
  const method = str(extra, 'AuthenticationMethod');
  const auth = method && AUTH_TYPES.get(method.value);
  if (method && auth) f.add('/context/s3:authType', auth, method, { code: 'recordField', field: 'additionalEventData.AuthenticationMethod' });
  const params = obj(r, 'requestParameters');
  for (const holder of [params, obj(params, 'accessControlList')]) {
    for (const m of holder?.members ?? []) {
      if (S3_HEADERS.test(m.key) && m.value.kind === 'string') f.add(`/http/headers/${escapePointer(m.key)}`, m.value.value, m.value);
    }
  }
}

/** A KMS call's encryption context, as kms:EncryptionContext:KEY and kms:EncryptionContextKeys ("Condition keys for AWS KMS"). */
function kmsFacts(f: Facts, r: JsonObject): void {
  const context = obj(obj(r, 'requestParameters'), 'encryptionContext');
  if (!context?.members.length) return;
  for (const m of context.members) {
    if (m.value.kind === 'string') f.add(`/context/${escapePointer(`kms:EncryptionContext:${m.key}`)}`, m.value.value, m.value);
  }
  f.add(
    '/context/kms:EncryptionContextKeys',
    context.members.map((m) => m.key),
    context,
  );
}

/** `eventTime` ("The date and time the request was completed, in coordinated universal time (UTC)") is aws:CurrentTime, and aws:EpochTime. */
function timeFacts(f: Facts, r: JsonObject): void {
  const time = str(r, 'eventTime');
  if (!time) return;
  const ms = parseRequestTime(time.value);
  if (ms === null) throw located(f.label, time, `eventTime \`${time.value}\` is not a time: expected ISO 8601, as CloudTrail writes it (2025-12-01T09:15:42Z)`);
  f.add('/context/aws:CurrentTime', time.value, time);
  f.add('/context/aws:EpochTime', Math.floor(ms / 1000), time, { code: 'recordField', field: 'eventTime' });
}
