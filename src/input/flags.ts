import { resolve } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';
import type { RequestDraft } from '../model/request.js';
import { toPlain } from '../json/index.js';
import { readJsonFile } from './files.js';
import { nonAwsHost } from '../iam/endpoint.js';
import type { LoadOptions } from './request-document.js';
import { DocBuilder, escapePointer, readBuiltDocument } from './doc-builder.js';

/**
 * The quick flags: every field and fact of the request document (schemas/request.schema.json) as a
 * command-line flag, so a request file is needed only when one is wanted. Each flag says where its value
 * lands in the document, so a mistake in a value is reported at the flag, never inside a JSON text the
 * user never saw.
 */
export interface QuickFlag {
  name: string;
  /** `text`: one value; `texts`: repeatable; `boolean`: on, or `--no-NAME` for off. */
  kind: 'text' | 'texts' | 'boolean';
  describe: string;
  choices?: readonly string[];
}

/** The parsed command line, as far as the quick flags go: a value per flag name. */
export type QuickArgs = Readonly<Record<string, unknown>>;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const SSE = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;
const BPA_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Every quick flag, in the order `--help` lists them. */
export const QUICK_FLAGS: readonly QuickFlag[] = [
  { name: 'principal', kind: 'text', describe: 'the caller: user, role or session ARN, account id, service principal, or "anonymous"' },
  { name: 'action', kind: 'text', describe: 'IAM action, e.g. s3:PutObject' },
  { name: 'resource', kind: 'text', describe: 'resource ARN, or an S3 URL (s3://bucket/key, https://bucket.s3.REGION.amazonaws.com/key)' },
  { name: 'resource-account', kind: 'text', describe: 'account that owns the resource (S3 ARNs name none)' },
  { name: 'management-account', kind: 'text', describe: "the organization's management account (SCPs/RCPs do not apply there)" },
  { name: 'region', kind: 'text', describe: 'the Region the request went to, e.g. us-east-1 (sets aws:RequestedRegion)' },
  { name: 'vpc-endpoint-type', kind: 'text', choices: ['Gateway', 'Interface'], describe: 'the kind of VPC endpoint the request went through' },
  { name: 'context', kind: 'texts', describe: 'condition key=value; repeat a key for a multivalued key' },
  { name: 'identity', kind: 'texts', describe: 'identity-based policy file, repeatable' },
  { name: 'resource-policy', kind: 'text', describe: 'resource-based policy file, e.g. a bucket policy' },
  { name: 'boundary', kind: 'text', describe: "permissions boundary policy file of the caller's user or role" },
  { name: 'session-policy', kind: 'texts', describe: 'session policy file (role sessions, federated users), repeatable' },
  { name: 'scp', kind: 'texts', describe: 'SCP files of one organization level, comma-separated; one --scp per level, root first, account last' },
  { name: 'rcp', kind: 'texts', describe: "RCP files of one level of the resource's organization, comma-separated; one --rcp per level, root first" },
  { name: 'vpce-policy', kind: 'text', describe: 'policy file of the VPC endpoint the request went through' },
  { name: 'kms-key-policy', kind: 'text', describe: 'key policy file of the KMS key in play' },
  { name: 'access-point-policy', kind: 'text', describe: 'policy file of the S3 access point the request goes through' },
  { name: 'access-point-bucket', kind: 'text', describe: 'S3: the bucket behind the access point named by --resource' },
  { name: 'access-point-bucket-account', kind: 'text', describe: 'S3: the account that owns the bucket behind the access point' },
  { name: 'access-point-network-origin', kind: 'text', choices: ['Internet', 'VPC'], describe: "S3: the access point's network origin" },
  { name: 'access-point-vpc-id', kind: 'text', describe: 'S3: the VPC of a VPC-origin access point' },
  { name: 'bucket-owner', kind: 'text', describe: 'S3: account that owns the bucket' },
  { name: 'object-owner', kind: 'text', describe: 'S3: account that owns the object' },
  {
    name: 'object-ownership',
    kind: 'text',
    choices: ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'],
    describe: "S3: the bucket's Object Ownership",
  },
  { name: 'bucket-acl', kind: 'text', describe: 'S3: bucket ACL file, as `aws s3api get-bucket-acl` prints it' },
  { name: 'object-acl', kind: 'text', describe: 'S3: object ACL file, as `aws s3api get-object-acl` prints it' },
  {
    name: 'block-public-access',
    kind: 'text',
    describe: `S3: the bucket's Block Public Access: all, none, settings (${BPA_SETTINGS.join(',')}) or a get-public-access-block .json file`,
  },
  { name: 'account-block-public-access', kind: 'text', describe: "S3: the account's Block Public Access, same forms" },
  { name: 'requester-pays', kind: 'boolean', describe: 'S3: the bucket is Requester Pays' },
  { name: 'default-encryption', kind: 'text', describe: `S3: the bucket's default encryption, ${SSE.join('|')}[=KMS_KEY]` },
  { name: 'bucket-key', kind: 'boolean', describe: 'S3: the default encryption uses an S3 Bucket Key' },
  { name: 'object-encryption', kind: 'text', describe: `S3: how the object read or copied is encrypted, ${SSE.join('|')}[=KMS_KEY]` },
  { name: 'kms-key-manager', kind: 'text', choices: ['AWS', 'CUSTOMER'], describe: 'S3: who manages the KMS key in play (AWS for aws/s3)' },
  { name: 'multipart-upload', kind: 'boolean', describe: 'S3: the upload is a multipart upload' },
  { name: 'object-exists', kind: 'boolean', describe: 'S3: the object exists (--no-object-exists: it does not)' },
  { name: 'canonical-user-id', kind: 'texts', describe: "S3: ACCOUNT=CANONICAL_ID, an account's canonical user id for ACL grants, repeatable" },
  { name: 'endpoint', kind: 'text', describe: 'HTTP: the endpoint the client called, e.g. https://kr.object.ncloudstorage.com' },
  { name: 'header', kind: 'texts', describe: 'HTTP: a request header as sent, "Name: value", repeatable' },
  { name: 'user-agent', kind: 'text', describe: "HTTP: the client's User-Agent" },
  { name: 'request-time', kind: 'text', describe: 'HTTP: when the request was signed (x-amz-date), ISO 8601' },
  { name: 'presigned-expires-at', kind: 'text', describe: 'HTTP: when the presigned URL expires, ISO 8601' },
];

/** Where a flag's value landed in the document (a JSON pointer), and how to name it in a message. */
const valuesOf = (v: unknown): string[] => {
  if (v === undefined) return [];
  return (Array.isArray(v) ? (v as unknown[]) : [v]).map((x) => String(x as string));
};

/** The value of a flag given once (the CLI refuses one given twice), as text. */
function textOf(a: QuickArgs, flag: string): string | undefined {
  const v = a[flag];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Adds the quick flags to a request document (a new one by default), reading the files S3 facts come in. */
export function requestFromFlags(a: QuickArgs, baseDir: string, b = new DocBuilder()): DocBuilder {
  for (const f of ['principal', 'action', 'resource'] as const) if (a[f] !== undefined) b.put(`/${f}`, textOf(a, f)!, `--${f}`);
  accountFlag(b, a, 'resource-account', '/resourceAccount');
  accountFlag(b, a, 'management-account', '/managementAccount');
  if (a.region !== undefined) {
    const region = textOf(a, 'region')!;
    // A store's own region name (kr-standard) goes with an --endpoint that is not AWS.
    const store = a.endpoint !== undefined ? nonAwsHost(textOf(a, 'endpoint')) : undefined;
    if (!REGION.test(region) && store === undefined) {
      throw new InputError(`\`${region}\` is not an AWS Region name (e.g. us-east-1); a store's own region name needs an --endpoint naming that store`, {
        source: '--region',
      });
    }
    b.put('/region', region, '--region');
  }
  if (a['vpc-endpoint-type'] !== undefined) b.put('/vpcEndpointType', a['vpc-endpoint-type'], '--vpc-endpoint-type');
  contextFlags(b, valuesOf(a.context));
  policyFlags(b, a);
  s3Flags(b, a, baseDir);
  httpFlags(b, a);
  return b;
}

function accountFlag(b: DocBuilder, a: QuickArgs, flag: string, pointer: string): void {
  if (a[flag] === undefined) return;
  const value = textOf(a, flag)!;
  if (!ACCOUNT.test(value)) throw new InputError(`\`${value}\` is not a 12-digit AWS account id`, { source: `--${flag}` });
  b.put(pointer, value, `--${flag}`);
}

/** `--context k=v`; a key given twice is multivalued. Keys are user text: collected in a Map. */
function contextFlags(b: DocBuilder, pairs: string[]): void {
  const context = new Map<string, string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--context \`${pair}\` must be key=value`);
    const key = pair.slice(0, eq);
    context.set(key, [...(context.get(key) ?? []), pair.slice(eq + 1)]);
  }
  if (!context.size) return;
  b.put('/context', Object.fromEntries([...context].map(([k, v]) => [k, v.length > 1 ? v : v[0]])), '--context');
  for (const [k, v] of context) {
    const p = `/context/${escapePointer(k)}`;
    if (v.length === 1) b.note(p, `--context ${k}=${v[0]}`);
    else v.forEach((x, i) => b.note(`${p}/${i}`, `--context ${k}=${x}`));
  }
}

/** The policy files of every layer. */
function policyFlags(b: DocBuilder, a: QuickArgs): void {
  const lists: [string, string][] = [
    ['identity', 'identity'],
    ['session-policy', 'session'],
  ];
  for (const [flag, key] of lists) {
    const files = valuesOf(a[flag]);
    if (!files.length) continue;
    b.put(`/policies/${key}`, files, `--${flag}`);
    files.forEach((f, i) => b.note(`/policies/${key}/${i}`, `--${flag} ${f}`));
  }
  const single: [string, string][] = [
    ['resource-policy', 'resource'],
    ['boundary', 'boundary'],
    ['vpce-policy', 'vpcEndpoint'],
    ['kms-key-policy', 'kmsKey'],
    ['access-point-policy', 'accessPoint'],
  ];
  for (const [flag, key] of single) if (a[flag] !== undefined) b.put(`/policies/${key}`, textOf(a, flag)!, `--${flag} ${textOf(a, flag)!}`);
  for (const kind of ['scp', 'rcp'] as const) {
    const levels = valuesOf(a[kind]).map((level) => level.split(',').map((f) => f.trim()));
    if (!levels.length) continue;
    levels.forEach((files, i) => {
      if (files.some((f) => f === '')) {
        throw new InputError(`level ${i} (\`${valuesOf(a[kind])[i]}\`) names an empty file; give the files attached at that level, comma-separated`, {
          source: `--${kind}`,
        });
      }
    });
    b.put(`/policies/${kind}`, levels, `--${kind}`);
    levels.forEach((files, i) => files.forEach((f, j) => b.note(`/policies/${kind}/${i}/${j}`, `--${kind} ${f} (level ${i})`)));
  }
}

/** The S3 facts: accounts, settings, and the ACL / Block Public Access files. */
function s3Flags(b: DocBuilder, a: QuickArgs, baseDir: string): void {
  accountFlag(b, a, 'bucket-owner', '/s3/bucketOwner');
  accountFlag(b, a, 'object-owner', '/s3/objectOwner');
  if (a['access-point-bucket'] !== undefined) b.put('/s3/accessPoint/bucket', textOf(a, 'access-point-bucket')!, '--access-point-bucket');
  accountFlag(b, a, 'access-point-bucket-account', '/s3/accessPoint/bucketAccount');
  for (const [flag, key] of [
    ['access-point-network-origin', 'networkOrigin'],
    ['access-point-vpc-id', 'vpcId'],
  ] as const) {
    if (a[flag] !== undefined) b.put(`/s3/accessPoint/${key}`, textOf(a, flag)!, `--${flag}`);
  }
  const plain: [string, string][] = [
    ['object-ownership', 'objectOwnership'],
    ['kms-key-manager', 'kmsKeyManager'],
    ['requester-pays', 'requesterPays'],
    ['multipart-upload', 'multipartUpload'],
    ['object-exists', 'objectExists'],
  ];
  for (const [flag, key] of plain) if (a[flag] !== undefined) b.put(`/s3/${key}`, a[flag], `--${flag}`);
  for (const [flag, key] of [
    ['bucket-acl', 'bucketAcl'],
    ['object-acl', 'objectAcl'],
  ] as const) {
    if (a[flag] !== undefined) b.put(`/s3/${key}`, jsonFileFlag(flag, textOf(a, flag)!, baseDir), `--${flag} ${textOf(a, flag)!}`);
  }
  for (const [flag, key] of [
    ['block-public-access', 'blockPublicAccess'],
    ['account-block-public-access', 'accountBlockPublicAccess'],
  ] as const) {
    if (a[flag] !== undefined) b.put(`/s3/${key}`, blockPublicAccess(flag, textOf(a, flag)!, baseDir), `--${flag} ${textOf(a, flag)!}`);
  }
  for (const [flag, key] of [
    ['default-encryption', 'defaultEncryption'],
    ['object-encryption', 'objectEncryption'],
  ] as const) {
    if (a[flag] !== undefined) b.put(`/s3/${key}`, encryption(flag, textOf(a, flag)!), `--${flag}`);
  }
  if (a['bucket-key'] !== undefined) {
    if (a['default-encryption'] === undefined) throw new UsageError('--bucket-key needs --default-encryption (the S3 Bucket Key is part of it)');
    b.put('/s3/defaultEncryption/BucketKeyEnabled', a['bucket-key'], '--bucket-key');
  }
  const ids = new Map<string, string>();
  for (const pair of valuesOf(a['canonical-user-id'])) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--canonical-user-id \`${pair}\` must be ACCOUNT=CANONICAL_ID`);
    ids.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  if (ids.size) b.put('/s3/canonicalUserIds', Object.fromEntries(ids), '--canonical-user-id');
  for (const k of ids.keys()) b.note(`/s3/canonicalUserIds/${escapePointer(k)}`, `--canonical-user-id ${k}=${ids.get(k)!}`);
}

/** A JSON file given to a flag, as a plain value (keys are own properties, never a prototype). */
function jsonFileFlag(flag: string, file: string, baseDir: string): unknown {
  try {
    return toPlain(readJsonFile(resolve(baseDir, file), file).root);
  } catch (e) {
    if (e instanceof InputError && e.line === undefined) throw new InputError(e.message, { source: `--${flag} ${file}` });
    throw e;
  }
}

/** `all`, `none`, a comma-separated list of settings (any case), or a `get-public-access-block` .json file. */
function blockPublicAccess(flag: string, value: string, baseDir: string): unknown {
  if (value.toLowerCase().endsWith('.json')) return jsonFileFlag(flag, value, baseDir);
  const on = new Set<string>();
  for (const part of value.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === 'all') BPA_SETTINGS.forEach((s) => on.add(s));
    else if (part === 'none') continue;
    else {
      const setting = BPA_SETTINGS.find((s) => s.toLowerCase() === part);
      if (!setting) {
        throw new InputError(`\`${part}\` is not a Block Public Access setting (all, none, ${BPA_SETTINGS.join(', ')}) or a .json file`, {
          source: `--${flag}`,
        });
      }
      on.add(setting);
    }
  }
  return Object.fromEntries(BPA_SETTINGS.map((s) => [s, on.has(s)]));
}

/** `AES256`, `aws:kms`, `aws:kms:dsse`, the KMS ones optionally `=KEY` (a key id, alias or ARN). */
function encryption(flag: string, value: string): Record<string, unknown> {
  const eq = value.indexOf('=');
  const algorithm = eq < 0 ? value : value.slice(0, eq);
  const key = eq < 0 ? undefined : value.slice(eq + 1);
  if (!(SSE as readonly string[]).includes(algorithm)) {
    throw new InputError(`\`${algorithm}\` is not an S3 encryption (${SSE.join(', ')}; a KMS one may name its key: aws:kms=KEY)`, { source: `--${flag}` });
  }
  if (key !== undefined && (algorithm === 'AES256' || key === '')) {
    throw new InputError(`\`${value}\`: only aws:kms and aws:kms:dsse name a key, as aws:kms=KEY`, { source: `--${flag}` });
  }
  return key !== undefined ? { SSEAlgorithm: algorithm, KMSMasterKeyID: key } : { SSEAlgorithm: algorithm };
}

/** The HTTP exchange: endpoint, headers (`Name: value`), client, times. */
function httpFlags(b: DocBuilder, a: QuickArgs): void {
  const plain: [string, string][] = [
    ['endpoint', 'endpoint'],
    ['user-agent', 'userAgent'],
    ['request-time', 'requestTime'],
    ['presigned-expires-at', 'presignedExpiresAt'],
  ];
  for (const [flag, key] of plain) if (a[flag] !== undefined) b.put(`/http/${key}`, textOf(a, flag)!, `--${flag}`);
  const headers = new Map<string, string>();
  for (const h of valuesOf(a.header)) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header \`${h}\` must be "Name: value"`);
    headers.set(h.slice(0, colon).trim(), h.slice(colon + 1).trim());
  }
  if (headers.size) b.put('/http/headers', Object.fromEntries(headers), '--header');
  for (const [k, v] of headers) b.note(`/http/headers/${escapePointer(k)}`, `--header ${k}: ${v}`);
}

/** The source name of the document the quick flags make; never shown, since errors are moved to their flags. */
const SOURCE = '<command line>';

/**
 * Reads the quick flags into a draft. A mistake in a value is reported at the flag that gave it
 * (`--principal: …`, `--context aws:SourceIp=1.2.3: …`), not at a line of the document the flags made.
 */
export async function readRequestFlags(a: QuickArgs, options: LoadOptions): Promise<RequestDraft> {
  return readBuiltDocument(requestFromFlags(a, options.baseDir), options, SOURCE);
}
