import type { ContextEntry, Request, RequestPrincipal } from '../model/request.js';

/** What AWS sets on a request: keys derived from the caller, the resource's owner, KMS's own keys, documented defaults. */

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
      e.assumption = { code: 'roleArnOfSession', session: p.text, sso: sso === true };
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
export function deriveResourceAccount(request: Request): void {
  const isS3 = request.action.toLowerCase().startsWith('s3:');
  const owner = (isS3 ? request.s3?.bucketOwner : undefined) ?? request.resourceAccount;
  if (owner === undefined) return;
  const keys = isS3 ? ['aws:ResourceAccount', 's3:ResourceAccount'] : ['aws:ResourceAccount'];
  for (const key of keys) {
    if (request.context.has(key.toLowerCase())) continue;
    const entry: ContextEntry = { key, values: [owner], multi: false, origin: 'derived', display: owner };
    if (request.resourceAccountAssumed && !(isS3 && request.s3?.bucketOwner)) {
      entry.assumption = { code: 'resourceOwnerAssumed' };
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
export function deriveKmsKeys(request: Request): void {
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
 * Role chaining carries the caller's source identity into the new session: "When the calling principal
 * assumes the role, the source identity in the request persists from the first assumed role session.
 * Therefore, both the aws:SourceIdentity and sts:SourceIdentity keys are present in the request context"
 * (IAM User Guide, "Monitor and control actions taken with assumed roles", "Role chaining and
 * cross-account requirements").
 */
export function deriveChainedSourceIdentity(request: Request): void {
  if (request.action.toLowerCase() !== 'sts:assumerole' || request.principal.kind !== 'assumedRole') return;
  const persisted = request.context.get('aws:sourceidentity');
  const value = persisted?.values[0];
  if (value === undefined || request.context.has('sts:sourceidentity')) return;
  request.context.set('sts:sourceidentity', { key: 'sts:SourceIdentity', values: [value], multi: false, origin: 'derived', display: value });
}
