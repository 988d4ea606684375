import type { Words } from './words/index.js';

/**
 * How a person changes a condition key's value in practice: the AWS CLI flag or the habit that sets it.
 * Only request-side keys appear here; keys derived from the caller cannot be changed by the caller.
 */
const CLI_FLAGS: Record<string, (v: string) => string> = {
  's3:x-amz-acl': (v) => `--acl ${v}`,
  's3:x-amz-storage-class': (v) => `--storage-class ${v}`,
  's3:x-amz-server-side-encryption': (v) => `--server-side-encryption ${v}`,
  's3:x-amz-server-side-encryption-aws-kms-key-id': (v) => `--server-side-encryption aws:kms --ssekms-key-id ${v}`,
  's3:x-amz-grant-full-control': (v) => `--grant-full-control ${v}`,
  's3:x-amz-grant-read': (v) => `--grant-read ${v}`,
  's3:x-amz-grant-write': (v) => `--grant-write ${v}`,
  's3:x-amz-grant-read-acp': (v) => `--grant-read-acp ${v}`,
  's3:x-amz-grant-write-acp': (v) => `--grant-write-acp ${v}`,
  's3:x-amz-request-payer': () => `--request-payer requester`,
  's3:x-amz-object-ownership': (v) => `--object-ownership ${v}`,
};

/** The AWS CLI command that sends an action's headers. */
function cliCommand(action: string | undefined): string {
  const a = (action ?? 's3:PutObject').toLowerCase();
  if (a === 's3:createbucket') return 'aws s3api create-bucket …';
  if (a === 's3:putbucketacl') return 'aws s3api put-bucket-acl …';
  if (a === 's3:putobjectacl') return 'aws s3api put-object-acl …';
  return 'aws s3api put-object …';
}

/**
 * The tool that sent the request, from its User-Agent: the AWS CLI's high-level `aws s3 cp|mv|sync`
 * (lineage `command/s3.cp` in older AWS CLI v2 user agents, `md/command#s3.cp` in newer ones, as the
 * AWS CLI's own tests write it: tests/unit/test_utils.py), boto3/botocore, or the SDK for JavaScript v3.
 * Anything else (the AWS CLI's s3api, an unknown client) gets s3api flags.
 */
type Client = { kind: 's3' | 'boto' | 'js'; command: string } | undefined;

function clientOf(userAgent: string | undefined): Client {
  if (!userAgent) return undefined;
  if (/(^|\s)aws-cli\//i.test(userAgent)) {
    const m = /(?:^|\s)(?:command\/|md\/command#)s3\.(cp|mv|sync)(?:\s|$)/i.exec(userAgent);
    return m ? { kind: 's3', command: `aws s3 ${m[1]!.toLowerCase()} …` } : undefined;
  }
  if (/(^|\s)(boto3|botocore)\//i.test(userAgent)) return { kind: 'boto', command: '' };
  if (/(^|\s)aws-sdk-js\/3\./i.test(userAgent)) return { kind: 'js', command: '' };
  return undefined;
}

/** `aws s3 cp` flags (they differ from s3api's for encryption); grants keep s3api's form. */
const S3_CP_FLAGS: Record<string, (v: string) => string> = {
  's3:x-amz-acl': (v) => `--acl ${v}`,
  's3:x-amz-storage-class': (v) => `--storage-class ${v}`,
  's3:x-amz-server-side-encryption': (v) => `--sse ${v}`,
  's3:x-amz-server-side-encryption-aws-kms-key-id': (v) => `--sse aws:kms --sse-kms-key-id ${v}`,
  's3:x-amz-request-payer': () => `--request-payer requester`,
};

/** The SDK parameter (boto3 and JavaScript v3 use the same names) that sends each header. */
const SDK_PARAMS: Record<string, (v: string) => [string, string][]> = {
  's3:x-amz-acl': (v) => [['ACL', v]],
  's3:x-amz-storage-class': (v) => [['StorageClass', v]],
  's3:x-amz-server-side-encryption': (v) => [['ServerSideEncryption', v]],
  's3:x-amz-server-side-encryption-aws-kms-key-id': (v) => [
    ['ServerSideEncryption', 'aws:kms'],
    ['SSEKMSKeyId', v],
  ],
  's3:x-amz-grant-full-control': (v) => [['GrantFullControl', v]],
  's3:x-amz-grant-read': (v) => [['GrantRead', v]],
  's3:x-amz-grant-write': (v) => [['GrantWrite', v]],
  's3:x-amz-grant-read-acp': (v) => [['GrantReadACP', v]],
  's3:x-amz-grant-write-acp': (v) => [['GrantWriteACP', v]],
  's3:x-amz-request-payer': () => [['RequestPayer', 'requester']],
  's3:x-amz-object-ownership': (v) => [['ObjectOwnership', v]],
};

/** The SDK operation an action's request is (PutObject for uploads). */
function operation(action: string | undefined): string {
  const name = (action ?? 's3:PutObject').slice(3);
  return ['GetObject', 'CreateBucket', 'PutObjectAcl', 'PutBucketAcl', 'CopyObject'].find((o) => o.toLowerCase() === name.toLowerCase()) ?? 'PutObject';
}

/** `put_object(…, ServerSideEncryption='AES256')` (boto3; upload_file takes the same names in ExtraArgs), or `new PutObjectCommand({ …, ServerSideEncryption: "AES256" })`. */
function sdkHint(kind: 'boto' | 'js', params: [string, string][], action: string | undefined): string {
  const op = operation(action);
  if (kind === 'js') return `new ${op}Command({ …, ${params.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} })`;
  const py = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const snake = op.replace(/[A-Z]/g, (c, i: number) => (i ? '_' : '') + c.toLowerCase());
  const call = `${snake}(…, ${params.map(([k, v]) => `${k}=${py(v)}`).join(', ')})`;
  if (op !== 'PutObject') return call;
  return `${call} / upload_file(…, ExtraArgs={${params.map(([k, v]) => `${py(k)}: ${py(v)}`).join(', ')}})`;
}

/** What the hint needs of the request: its action and the client that sent it. */
type HintRequest = { action?: string; http?: { userAgent?: string } };

export function hintFor(key: string, value: string | undefined, w: Words, request: HintRequest = {}): string | undefined {
  const lower = key.toLowerCase();
  const { action } = request;
  if (value === undefined) {
    if (lower.startsWith('s3:x-amz-')) return w.fixes.hint.withoutHeader(lower.slice(3));
    return undefined;
  }
  const client = clientOf(request.http?.userAgent);
  const s3Flag = S3_CP_FLAGS[lower];
  if (client?.kind === 's3' && s3Flag) return `${client.command} ${s3Flag(value)}`;
  const params = SDK_PARAMS[lower];
  if ((client?.kind === 'boto' || client?.kind === 'js') && params) return sdkHint(client.kind, params(value), action);
  const f = CLI_FLAGS[lower];
  if (lower === 's3:x-amz-object-ownership') return `aws s3api create-bucket … --object-ownership ${value}`;
  if (f) return `${cliCommand(action)} ${f(value)}`.replace(/aws s3api [a-z-]+ … --request-payer/, 'aws s3api … --request-payer');
  if (lower === 'aws:securetransport') return value === 'true' ? w.fixes.hint.https : w.fixes.hint.http;
  if (lower === 'aws:sourceip') return w.fixes.hint.sourceIp(value);
  if (lower === 'aws:sourcevpce') return w.fixes.hint.sourceVpce(value);
  if (lower === 'aws:sourcevpc') return w.fixes.hint.sourceVpc(value);
  return undefined;
}

/** Keys a caller controls with the request itself (headers, transport, network path). */
export function isCallerControlled(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:principal') || lower === 'aws:username' || lower === 'aws:userid') return false;
  if (lower === 'aws:currenttime' || lower === 'aws:epochtime' || lower === 'aws:tokenissuetime') return false;
  // Set by the AWS service acting on the caller's behalf (CloudFront's distribution, the source account…).
  if (lower.startsWith('aws:source') && !['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce'].includes(lower)) return false;
  if (lower.startsWith('aws:calledvia') || lower === 'aws:viaawsservice' || lower.startsWith('aws:resource')) return false;
  // Facts about the bucket, the object, the key or the service path, not choices of the caller.
  if (lower === 's3:resourceaccount' || lower.startsWith('s3:existingobjecttag/') || lower.startsWith('s3:dataaccesspoint') || lower.startsWith('kms:'))
    return false;
  return true;
}
