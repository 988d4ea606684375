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

export function hintFor(key: string, value: string | undefined, w: Words, action?: string): string | undefined {
  const lower = key.toLowerCase();
  if (value === undefined) {
    if (lower.startsWith('s3:x-amz-')) return w.fixes.hint.withoutHeader(lower.slice(3));
    return undefined;
  }
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
