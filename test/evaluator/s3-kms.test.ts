import { describe, expect, it } from 'vitest';
import { ownedByCaller } from '../helpers/evaluate.js';
import { evaluate, type Report } from '../../src/index.js';
import { applyChanges } from '../../src/explain/index.js';
import { compile, decide } from '../../src/evaluator/index.js';
import { readRequestObject } from '../../src/input/index.js';
import { completeRequest } from '../../src/request/index.js';

/**
 * S3 and KMS as they really decide. Quotes in docs/aws-semantics-s3-kms.md; each table names its page.
 */
const NOW = new Date('2026-01-01T00:00:00Z');
const A = '111122223333';
const B = '444455556666';
const ALICE = `arn:aws:iam::${A}:user/alice`;
const CAROL = `arn:aws:iam::${B}:user/carol`;
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OBJECT = `${BUCKET}/uploads/a.jpg`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
type Json = Record<string, unknown>;

const policy = (...Statement: Json[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Json = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const rootDelegation = { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' };

const run = (doc: Json): Promise<Report> => evaluate(ownedByCaller(doc), { now: NOW });
const entries = (r: Report) => r.deciding.map((d) => `${d.policyType}${d.action ? `@${d.action}` : ''}${d.sid ? `:${d.sid}` : ''}`);

function upload(extra: Json = {}, policies: Json = {}): Json {
  return {
    principal: ALICE,
    action: 's3:PutObject',
    resource: OBJECT,
    region: 'us-east-1',
    ...extra,
    policies: { identity: [policy(allow('s3:PutObject', `${BUCKET}/*`))], ...policies },
  };
}

/** Every printed fix, applied to the request and re-decided, must give Allowed. */
async function expectFixesVerified(doc: Json): Promise<void> {
  const r = await run(doc);
  const loaded = await completeRequest(await readRequestObject(doc, { baseDir: process.cwd(), displayDir: process.cwd(), now: NOW }));
  for (const fix of r.fixes) {
    const applied = applyChanges(loaded.request, loaded.policies, fix.changes);
    expect(decide(applied.request, compile(applied.policies)).decision, fix.summary).toBe('Allowed');
  }
}

// Amazon S3 API Reference, PutObject / PutObjectTagging: "To use this operation [with an ACL], you must
// have s3:PutObjectAcl"; tagging an object on upload needs s3:PutObjectTagging.
describe('chained S3 authorizations', () => {
  it('an upload that sets an ACL also needs s3:PutObjectAcl', async () => {
    const r = await run(upload({ context: { 's3:x-amz-acl': 'public-read' } }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(entries(r)).toEqual(['identity@s3:PutObjectAcl']);
    expect(r.additionalRequests.map((a) => [a.action, a.decision])).toEqual([['s3:PutObjectAcl', 'ImplicitDeny']]);
    const ok = await run(
      upload({ context: { 's3:x-amz-acl': 'public-read' } }, { identity: [policy(allow(['s3:PutObject', 's3:PutObjectAcl'], `${BUCKET}/*`))] }),
    );
    expect(ok.decision).toBe('Allowed');
  });

  // AWS's delivery policies (CloudTrail, VPC Flow Logs, AWS Config) grant a service principal s3:PutObject
  // alone on `s3:x-amz-acl = bucket-owner-full-control`, and those deliveries work; an IAM role still
  // needs s3:PutObjectAcl (AWS Config, "Permissions for the Amazon S3 Bucket").
  it('bucket-owner-full-control: a service delivery needs no s3:PutObjectAcl, an IAM principal does', async () => {
    const trail = await run({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: A,
      context: { 's3:x-amz-acl': 'bucket-owner-full-control' },
      policies: {
        resource: policy({
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
      },
    });
    expect(trail.decision).toBe('Allowed');
    expect(trail.additionalRequests.map((c) => c.action)).toEqual([]);
    const user = await run(upload({ context: { 's3:x-amz-acl': 'bucket-owner-full-control' } }));
    expect(entries(user)).toEqual(['identity@s3:PutObjectAcl']);
  });
  it('a grant header counts like x-amz-acl', async () => {
    const r = await run(upload({ context: { 's3:x-amz-grant-full-control': `id=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be` } }));
    expect(entries(r)).toEqual(['identity@s3:PutObjectAcl']);
  });

  it('an upload with tags also needs s3:PutObjectTagging', async () => {
    const r = await run(upload({ context: { 's3:RequestObjectTagKeys': ['project'] } }));
    expect(entries(r)).toEqual(['identity@s3:PutObjectTagging']);
  });

  it('a VPC endpoint policy without s3:PutObjectAcl denies an upload with an ACL (story 1)', async () => {
    const vpce = policy({ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*` });
    const doc = upload(
      { context: { 's3:x-amz-acl': 'public-read', 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      { identity: [policy(allow(['s3:PutObject', 's3:PutObjectAcl'], `${BUCKET}/*`))], vpcEndpoint: vpce },
    );
    const r = await run(doc);
    expect(entries(r)).toEqual(['vpcEndpoint@s3:PutObjectAcl']);
    await expectFixesVerified(doc);
  });

  it('CopyObject reads its source', async () => {
    const r = await run(upload({ context: { 's3:x-amz-copy-source': '/amzn-s3-demo-bucket/src/b.jpg' } }));
    expect(entries(r)).toEqual(['identity@s3:GetObject']);
    expect(r.additionalRequests[0]!.resource).toBe(`${BUCKET}/src/b.jpg`);
  });
});

// "Using server-side encryption with AWS KMS keys (SSE-KMS)" and "Key policies in AWS KMS": uploads need
// kms:GenerateDataKey, reads kms:Decrypt, multipart uploads both; "No IAM policy alone can grant access
// to a KMS key"; a key-policy statement for the account root lets IAM policies grant access.
describe('SSE-KMS and key policies', () => {
  const sse = { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY };
  const withKms = [policy(allow('s3:PutObject', `${BUCKET}/*`), allow('kms:GenerateDataKey', KEY))];
  const cases: [string, Json, string, string[]][] = [
    ['root delegation + IAM allow', { identity: withKms, kmsKey: policy(rootDelegation) }, 'Allowed', []],
    ['root delegation, IAM lacks kms:GenerateDataKey', { kmsKey: policy(rootDelegation) }, 'ImplicitDeny', ['identity@kms:GenerateDataKey']],
    [
      'key policy names someone else, IAM allows: IAM alone is not enough',
      { identity: withKms, kmsKey: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/admin` }, Action: 'kms:*', Resource: '*' }) },
      'ImplicitDeny',
      ['kmsKey@kms:GenerateDataKey'],
    ],
    [
      'key policy grants the user directly, no IAM allow',
      { kmsKey: policy({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:GenerateDataKey', Resource: '*' }) },
      'Allowed',
      [],
    ],
    ['no key policy given', { identity: withKms }, 'ImplicitDeny', ['kmsKey@kms:GenerateDataKey']],
    [
      'key policy denies',
      { identity: withKms, kmsKey: policy(rootDelegation, { Sid: 'NoUploads', Effect: 'Deny', Principal: '*', Action: 'kms:GenerateDataKey', Resource: '*' }) },
      'ExplicitDeny',
      ['kmsKey@kms:GenerateDataKey:NoUploads'],
    ],
  ];
  it.each(cases)('%s', async (_name, policies, decision, deciding) => {
    const doc = upload({ context: sse }, policies);
    const r = await run(doc);
    expect(r.decision).toBe(decision);
    if (decision !== 'Allowed') expect(entries(r)).toEqual(deciding);
    await expectFixesVerified(doc);
  });

  it('the chained KMS call carries kms:ViaService, kms:CallerAccount and the S3 encryption context', async () => {
    const viaS3 = policy(rootDelegation, {
      Effect: 'Allow',
      Principal: { AWS: ALICE },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': A, 'kms:EncryptionContext:aws:s3:arn': OBJECT } },
    });
    expect((await run(upload({ context: sse }, { kmsKey: viaS3 }))).decision).toBe('Allowed');
  });

  it('bucket default encryption supplies the key when the upload names none', async () => {
    const r = await run(upload({ s3: { defaultEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } } }, { kmsKey: policy(rootDelegation) }));
    expect(entries(r)).toEqual(['identity@kms:GenerateDataKey']);
    expect(r.additionalRequests[0]!.resource).toBe(KEY);
  });

  it('a multipart SSE-KMS upload needs kms:Decrypt too', async () => {
    const r = await run(upload({ context: sse, s3: { multipartUpload: true } }, { identity: withKms, kmsKey: policy(rootDelegation) }));
    expect(entries(r)).toEqual(['identity@kms:Decrypt']);
  });

  it('reading an SSE-KMS object needs kms:Decrypt', async () => {
    const r = await run({
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      s3: { objectEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } },
      policies: { identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))], kmsKey: policy(rootDelegation) },
    });
    expect(entries(r)).toEqual(['identity@kms:Decrypt']);
  });

  it("a cross-account key needs both the key policy and the caller's IAM policy", async () => {
    const doc = (keyPolicy: Json, identity: Json[]) => ({
      principal: CAROL,
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: A,
      region: 'us-east-1',
      context: sse,
      policies: {
        identity,
        resource: policy({ Effect: 'Allow', Principal: { AWS: CAROL }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }),
        kmsKey: keyPolicy,
      },
    });
    const iam = [policy(allow('s3:PutObject', `${BUCKET}/*`), allow('kms:GenerateDataKey', KEY))];
    const grantsB = policy(rootDelegation, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'kms:GenerateDataKey', Resource: '*' });
    expect(entries(await run(doc(policy(rootDelegation), iam)))).toEqual(['kmsKey@kms:GenerateDataKey']);
    expect(entries(await run(doc(grantsB, [policy(allow('s3:PutObject', `${BUCKET}/*`))])))).toEqual(['identity@kms:GenerateDataKey']);
    expect((await run(doc(grantsB, iam))).decision).toBe('Allowed');
  });

  // "AWS managed key (aws/s3) can be used as your KMS key for cross-account operations when the uploading
  // and accessing IAM principals are from the same AWS account"; "Objects encrypted using SSE-KMS with AWS
  // managed keys can't be shared cross-account."
  it('the AWS managed aws/s3 key works within its account without IAM permissions, and never across accounts', async () => {
    const read = (principal: string) => ({
      principal,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      region: 'us-east-1',
      s3: { objectEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${A}:alias/aws/s3` }, kmsKeyManager: 'AWS' },
      policies: {
        identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))],
        resource: policy({ Effect: 'Allow', Principal: { AWS: CAROL }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      },
    });
    expect((await run(read(ALICE))).decision).toBe('Allowed');
    const r = await run(read(CAROL));
    // Across accounts both sides are required; neither allows (and no IAM change can fix the key side).
    expect(entries(r)).toEqual(['kmsKey@kms:Decrypt', 'identity@kms:Decrypt']);
    expect(r.notes.map((n) => n.kind)).toContain('awsManagedKeyCrossAccount');
    // KMS authorizes against key ARNs, never alias ARNs: an IAM grant on every key of that account covers
    // the aws/s3 key, so only the key policy is missing; and no fix edits an AWS managed key's policy.
    const withIam = read(CAROL);
    (withIam.policies as Json).identity = [policy(allow('s3:GetObject', `${BUCKET}/*`), allow('kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/*`))];
    const r2 = await run(withIam);
    expect(entries(r2)).toEqual(['kmsKey@kms:Decrypt']);
    expect(r2.fixes.flatMap((f) => f.changes).some((c) => c.type === 'addStatement' && c.policyType === 'kmsKey')).toBe(false);
  });
});

// "How Amazon S3 authorizes a request for an object operation": a bucket-policy Allow does not reach an
// object another account owns; its ACL must grant. "Controlling ownership of objects": with
// BucketOwnerEnforced the bucket owner owns every object and ACLs are disabled.
describe('object ownership and ACLs', () => {
  const CANONICAL_A = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
  const CANONICAL_B = 'be31ef7dc7e8125d89f8caed89e06dfd7ecabf86e1a69d55e949b009fd95a97';
  const read = (s3: Json) => ({
    principal: ALICE,
    action: 's3:GetObject',
    resource: OBJECT,
    s3: { bucketOwner: A, objectOwner: B, canonicalUserIds: { [A]: CANONICAL_A, [B]: CANONICAL_B }, ...s3 },
    policies: {
      identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))],
      resource: policy({ Sid: 'BucketReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
  });
  const grant = (id: string, permission = 'READ') => ({
    Owner: { ID: CANONICAL_B },
    Grants: [{ Grantee: { Type: 'CanonicalUser', ID: id }, Permission: permission }],
  });
  it('an object owned by another account is not reached by the bucket policy: its ACL must grant', async () => {
    const r = await run(read({ objectOwnership: 'ObjectWriter', objectAcl: grant(CANONICAL_B, 'FULL_CONTROL') }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(entries(r)).toEqual(['acl']);
    await expectFixesVerified(read({ objectOwnership: 'ObjectWriter', objectAcl: grant(CANONICAL_B, 'FULL_CONTROL') }));
  });
  it("an object ACL granting READ to the caller's account allows it (with the IAM allow)", async () => {
    expect((await run(read({ objectOwnership: 'ObjectWriter', objectAcl: grant(CANONICAL_A) }))).decision).toBe('Allowed');
  });
  it('BucketOwnerEnforced: the bucket owner owns the object and the bucket policy applies', async () => {
    expect((await run(read({ objectOwnership: 'BucketOwnerEnforced', objectAcl: grant(CANONICAL_B, 'FULL_CONTROL') }))).decision).toBe('Allowed');
  });
  it('a PUT with an ACL on a BucketOwnerEnforced bucket is noted as 400 AccessControlListNotSupported', async () => {
    const r = await run(
      upload(
        { context: { 's3:x-amz-acl': 'public-read' }, s3: { objectOwnership: 'BucketOwnerEnforced' } },
        { identity: [policy(allow(['s3:PutObject', 's3:PutObjectAcl'], `${BUCKET}/*`))] },
      ),
    );
    expect(r.notes.map((n) => n.kind)).toContain('aclNotSupported');
  });
});

// "Blocking public access to your Amazon S3 storage": the settings "act as explicit deny policies".
describe('Block Public Access', () => {
  const publicPolicy = policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
  const anonymous = (s3: Json, resource?: Json) => ({
    principal: 'anonymous',
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: A,
    s3,
    policies: resource ? { resource } : {},
  });
  it('RestrictPublicBuckets stops anonymous access through a public bucket policy', async () => {
    expect((await run(anonymous({}, publicPolicy))).decision).toBe('Allowed');
    const r = await run(anonymous({ blockPublicAccess: { RestrictPublicBuckets: true } }, publicPolicy));
    expect(r.decision).toBe('ExplicitDeny');
    expect(entries(r)).toEqual(['blockPublicAccess']);
  });
  it('the account-level setting counts as well (most restrictive combination)', async () => {
    const r = await run(anonymous({ accountBlockPublicAccess: { PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } } }, publicPolicy));
    expect(entries(r)).toEqual(['blockPublicAccess']);
  });
  it('a statement pinned to a VPC endpoint is not public, so RestrictPublicBuckets does not apply', async () => {
    const pinned = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    });
    const r = await run({ ...anonymous({ blockPublicAccess: { RestrictPublicBuckets: true } }, pinned), context: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } });
    expect(r.decision).toBe('Allowed');
  });
  it('IgnorePublicAcls ignores a public-read object ACL', async () => {
    const acl = { Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
    // ACLs enabled (named: with the setting unknown the BucketOwnerEnforced reading is not Allowed either).
    expect((await run(anonymous({ objectAcl: acl, objectOwnership: 'ObjectWriter' }))).decision).toBe('Allowed');
    const r = await run(anonymous({ objectAcl: acl, objectOwnership: 'ObjectWriter', blockPublicAccess: { IgnorePublicAcls: true } }));
    expect(entries(r)).toEqual(['blockPublicAccess']);
  });
  // "If your request's permission is granted only by a public ACL, then the IgnorePublicAcls setting
  // rejects the request."
  it('IgnorePublicAcls refuses only when the public ACL grant was the only way in', async () => {
    const acl = { Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
    const owner = await run({
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      s3: { objectAcl: acl, blockPublicAccess: { IgnorePublicAcls: true } },
      policies: { identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))] },
    });
    expect(owner.decision).toBe('Allowed');
    const viaPolicy = await run(anonymous({ objectAcl: acl, blockPublicAccess: { IgnorePublicAcls: true } }, publicPolicy));
    expect(viaPolicy.decision).toBe('Allowed');
  });

  // "Bucket policies that grant access conditioned on the aws:SourceIp condition key with very broad IP
  // ranges (for example, 0.0.0.0/1) are evaluated as "public." This includes values broader than /8 for
  // IPv4 and /32 for IPv6" (Amazon S3 User Guide, "Blocking public access", The meaning of "public").
  it.each([
    ['0.0.0.0/0', '54.240.143.7', true],
    ['0.0.0.0/1', '54.240.143.7', true],
    ['54.0.0.0/7', '54.240.143.7', true],
    ['54.0.0.0/8', '54.240.143.7', false],
    ['54.240.143.0/24', '54.240.143.7', false],
    ['2001:db8::/31', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db8::1', false],
  ])('a Principal "*" grant on aws:SourceIp %s is public: %s', async (range, ip, isPublic) => {
    const grant = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { IpAddress: { 'aws:SourceIp': range } },
    });
    const r = await run({ ...anonymous({ blockPublicAccess: { RestrictPublicBuckets: true } }, grant), context: { 'aws:SourceIp': ip } });
    expect(r.decision).toBe(isPublic ? 'ExplicitDeny' : 'Allowed');
  });

  it('BlockPublicAcls rejects an upload with a public canned ACL', async () => {
    const doc = upload(
      { context: { 's3:x-amz-acl': 'public-read' }, s3: { blockPublicAccess: { BlockPublicAcls: true } } },
      { identity: [policy(allow(['s3:PutObject', 's3:PutObjectAcl'], `${BUCKET}/*`))] },
    );
    const r = await run(doc);
    expect(entries(r)).toEqual(['blockPublicAccess']);
    await expectFixesVerified(doc);
  });
});

// "Using Requester Pays buckets": requests without x-amz-request-payer get 403; anonymous requests are
// not allowed; the bucket owner does not need the header.
// "How Amazon S3 authorizes a request for an object operation": in the user context S3 evaluates the
// caller's parent account's policies, including its bucket policy when it owns the bucket; the object
// owner grants through the object ACL (User Guide, Example 3: Bucket owner granting permissions to
// objects it does not own).
describe("objects another account owns in the caller's bucket", () => {
  const CANON_A = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
  const CANON_B = '8aeee14dfb6ff0cf24e7f0b0f46b3ae8f6327d66a8ada30b43a95c2163c11295';
  const grantTo = (...ids: string[]) => ({
    Owner: { ID: CANON_B },
    Grants: ids.map((ID) => ({ Grantee: { Type: 'CanonicalUser', ID }, Permission: 'FULL_CONTROL' })),
  });
  const read = (principalGrant: unknown, acl: Json, identity: Json[] = []) => ({
    principal: ALICE,
    action: 's3:GetObject',
    resource: OBJECT,
    s3: { bucketOwner: A, objectOwner: B, objectOwnership: 'ObjectWriter', objectAcl: acl, canonicalUserIds: { [A]: CANON_A, [B]: CANON_B } },
    policies: {
      identity,
      resource: policy({ Sid: 'BucketGrant', Effect: 'Allow', Principal: principalGrant, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
  });
  it.each([
    ['the user, ACL grants the bucket owner', { AWS: ALICE }, [CANON_B, CANON_A], 'Allowed', ['resource:BucketGrant', 'acl']],
    ['everyone, ACL grants the bucket owner', '*', [CANON_B, CANON_A], 'Allowed', ['resource:BucketGrant', 'acl']],
    ['the user, ACL grants only the writer', { AWS: ALICE }, [CANON_B], 'ImplicitDeny', ['acl']],
    // A grant to the account delegates to IAM, and alice has no identity-based policy.
    ['the account, ACL grants the bucket owner', { AWS: `arn:aws:iam::${A}:root` }, [CANON_B, CANON_A], 'ImplicitDeny', ['identity']],
    ['the account, ACL grants only the writer', { AWS: A }, [CANON_B], 'ImplicitDeny', ['acl', 'identity']],
  ])('bucket policy grants %s', async (_label, principal, ids, decision, deciding) => {
    const r = await run(read(principal, grantTo(...ids)));
    expect(r.decision).toBe(decision);
    expect(entries(r)).toEqual(deciding);
  });
  it("a bucket-policy grant to a third account does not reach the writer's object", async () => {
    const dave = 'arn:aws:iam::777788889999:user/dave';
    const doc = read({ AWS: dave }, grantTo(CANON_B), [policy(allow('s3:GetObject'))]);
    const r = await run({ ...doc, principal: dave });
    expect(r.decision).toBe('ImplicitDeny');
    expect(entries(r)).toEqual(['acl']);
  });
  // "If the AWS account that owns the object is also the parent account to which the IAM principal
  // belongs, it can configure object permissions in a user policy, which is evaluated at the user context."
  it("a user of the writer's account reads it with an IAM policy alone", async () => {
    const r = await run({ ...read({ AWS: ALICE }, grantTo(CANON_B), [policy(allow('s3:GetObject'))]), principal: CAROL });
    expect(r.decision).toBe('Allowed');
  });
});

describe('requester pays', () => {
  const get = (principal: string, context: Json = {}) => ({
    principal,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: A,
    context,
    s3: { requesterPays: true, bucketOwner: A },
    policies: {
      identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))],
      resource: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
  });
  it.each([
    [CAROL, {}, 'ExplicitDeny'],
    [CAROL, { 's3:x-amz-request-payer': 'requester' }, 'Allowed'],
    [ALICE, {}, 'Allowed'],
    ['anonymous', { 's3:x-amz-request-payer': 'requester' }, 'ExplicitDeny'],
  ])('%s %j → %s', async (principal, context, decision) => {
    const r = await run(get(principal, context));
    expect(r.decision).toBe(decision);
    if (decision !== 'Allowed') expect(entries(r)).toEqual(['requesterPays']);
  });
  it('the fix adds the header', async () => {
    const r = await run(get(CAROL));
    expect(r.fixes[0]!.changes[0]).toMatchObject({ type: 'setContext', key: 's3:x-amz-request-payer', value: 'requester' });
    await expectFixesVerified(get(CAROL));
  });
});

// CloudFront Developer Guide, "Restricting access to an Amazon S3 origin": OAI versus OAC; SSE-KMS needs
// OAC with the key policy allowing cloudfront.amazonaws.com.
describe('CloudFront origins', () => {
  const OAI = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL';
  const oaiRead = (s3: Json = {}) => ({
    principal: OAI,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: A,
    s3,
    policies: {
      resource: policy({ Sid: 'OAI', Effect: 'Allow', Principal: { AWS: OAI }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      kmsKey: policy(rootDelegation, { Effect: 'Allow', Principal: { AWS: OAI }, Action: 'kms:Decrypt', Resource: '*' }),
    },
  });
  it('an OAI named in the bucket policy may read', async () => {
    expect((await run(oaiRead())).decision).toBe('Allowed');
  });
  it('an OAI cannot read an SSE-KMS object, whatever the key policy says', async () => {
    const r = await run(oaiRead({ objectEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }));
    expect(entries(r)).toEqual(['kmsKey@kms:Decrypt']);
    expect(r.notes.map((n) => n.kind)).toContain('oaiKms');
  });
});

describe('non-policy causes and notes', () => {
  const allowedUpload = (http: Json, extra: Json = {}) => upload({ http, ...extra });
  it('an S3-compatible endpoint with aws-chunked checksums from a new CLI (story 5)', async () => {
    const r = await run(
      allowedUpload({
        endpoint: 'https://kr.object.ncloudstorage.com',
        headers: { 'Content-Encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' },
        userAgent: 'aws-cli/2.23.0 Python/3.12.6',
      }),
    );
    expect(r.decision).toBe('Allowed');
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow', 'checksumHeaders']);
    expect(r.notes[1]!.fix).toMatch(/request_checksum_calculation = when_required/);
  });
  it('no checksum note for AWS endpoints or old clients', async () => {
    expect((await run(allowedUpload({ endpoint: 'https://s3.us-east-1.amazonaws.com', userAgent: 'aws-cli/2.23.0' }))).notes.map((n) => n.kind)).toEqual([
      'allPoliciesAllow',
    ]);
    expect((await run(allowedUpload({ endpoint: 'https://kr.object.ncloudstorage.com', userAgent: 'aws-cli/2.22.35' }))).notes.map((n) => n.kind)).toEqual([
      'allPoliciesAllow',
    ]);
  });
  // AWS SDK "RequestChecksumCalculation" (aws-types, docs.rs): "WhenRequired - When set, a checksum will only be
  // calculated for request payloads of operations modeled with the httpChecksum trait where
  // requestChecksumRequired is true or where a requestAlgorithmMember is modeled and supplied." PutObject does
  // not require one, so a new client under when_required sends none of the checksum headers: the headers sent
  // decide the note, not the client's version.
  const NCLOUD = 'https://kr.object.ncloudstorage.com';
  const kinds = async (http: Json, extra: Json = {}) => (await run(allowedUpload(http, extra))).notes.map((n) => n.kind);
  it('a new client whose headers carry no checksum (request_checksum_calculation = when_required) gets no checksum note', async () => {
    const http = { endpoint: NCLOUD, userAgent: 'aws-cli/2.23.5 md/command#s3.cp', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    expect(await kinds(http)).toEqual(['allPoliciesAllow']);
  });
  it.each([
    ['x-amz-checksum-crc32', 'AAAAAA=='],
    ['x-amz-sdk-checksum-algorithm', 'CRC32'],
    ['x-amz-trailer', 'x-amz-checksum-crc32'],
    ['Content-Encoding', 'aws-chunked'],
  ])('the header %s alone decides the note, whatever the client', async (name, value) => {
    const r = await run(allowedUpload({ endpoint: NCLOUD, userAgent: 'aws-cli/2.22.35', headers: { [name]: value } }));
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow', 'checksumHeaders']);
    expect(r.notes[1]!.message).toContain(`${name}: ${value}`);
    expect(r.notes[1]!.message).not.toMatch(/adds by default/);
  });
  it('no headers given: the client version decides, and the note says the headers were not given', async () => {
    const r = await run(allowedUpload({ endpoint: NCLOUD, userAgent: 'Boto3/1.36.2 md/Botocore#1.36.2' }));
    expect(r.notes[1]!.message).toMatch(/boto3\/botocore 1\.36\.2 adds to every upload by default .*headers were not given/);
  });
  it('the checksum note is shown when the policies deny too', async () => {
    const http = { endpoint: NCLOUD, headers: { 'Content-Encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' } };
    const r = await run(allowedUpload(http, { action: 's3:DeleteObject' }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.notes.map((n) => n.kind)).toContain('checksumHeaders');
    expect(r.notes.map((n) => n.kind)).not.toContain('allPoliciesAllow');
  });
  // A presigned URL is judged by its expiry; the 15-minute skew window is for requests signed as sent.
  it('an expired presigned URL (and no clock-skew note for it)', async () => {
    const r = await run(allowedUpload({ requestTime: '2025-12-31T23:00:00Z', presignedExpiresAt: '2025-12-31T23:30:00Z' }));
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow', 'presignedExpired']);
    expect(r.notes[0]!.message).toMatch(/the notes below/);
  });
  it('clock skew for a request signed an hour before it arrived', async () => {
    const r = await run(allowedUpload({ requestTime: '2025-12-31T23:00:00Z' }));
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow', 'clockSkew']);
  });
  it('no "notes below" when no note follows', async () => {
    const r = await run(allowedUpload({}));
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow']);
    expect(r.notes[0]!.message).not.toMatch(/notes below/);
  });
  it('a missing object answers 403 without s3:ListBucket and 404 with it', async () => {
    const get = (identity: Json) => ({
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      s3: { objectExists: false },
      policies: { identity: [identity] },
    });
    const without = await run(get(policy(allow('s3:GetObject', `${BUCKET}/*`))));
    expect(without.notes.find((n) => n.kind === 'missingObject')!.message).toMatch(/403 AccessDenied/);
    const withList = await run(get(policy(allow('s3:GetObject', `${BUCKET}/*`), allow('s3:ListBucket', BUCKET))));
    expect(withList.notes.find((n) => n.kind === 'missingObject')!.message).toMatch(/404 NoSuchKey/);
  });
});

// IAM User Guide, "AWS JSON policy elements: Principal": a CanonicalUser principal is the account's (or
// an OAI's) S3 canonical user id.
describe('CanonicalUser principals', () => {
  const CANONICAL_B = 'be31ef7dc7e8125d89f8caed89e06dfd7ecabf86e1a69d55e949b009fd95a97';
  const doc = (canonicalUserIds?: Record<string, string>) => ({
    principal: CAROL,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: A,
    ...(canonicalUserIds ? { s3: { canonicalUserIds } } : {}),
    policies: {
      identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))],
      resource: policy({ Sid: 'ByCanonicalId', Effect: 'Allow', Principal: { CanonicalUser: CANONICAL_B }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
  });
  it("matches the caller when its account's canonical id is known, and never otherwise", async () => {
    expect((await run(doc({ [B]: CANONICAL_B }))).decision).toBe('Allowed');
    const unknown = await run(doc());
    expect(entries(unknown)).toEqual(['resource']);
    expect(unknown.layers.find((l) => l.policyType === 'resource')!.statements[0]!.reason).toMatch(/s3\.canonicalUserIds/);
  });
});

// Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys": "All GET and PUT requests for an
// object protected by AWS KMS fail if they are not made via SSL or TLS, or if they are not made using
// SigV4"; CopyObject API reference: "All copy requests must be authenticated".
describe("S3's own refusals (no policy decides them)", () => {
  const kmsObject = { objectEncryption: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } };
  const openKey = policy({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
  it('an anonymous read of an SSE-KMS object', async () => {
    const r = await run({
      principal: 'anonymous',
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      region: 'us-east-1',
      s3: kmsObject,
      policies: { resource: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }), kmsKey: openKey },
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding).toEqual([]);
    expect(r.summary).toMatch(/SigV4/);
  });
  it('an SSE-KMS read over plain HTTP, fixed by HTTPS', async () => {
    const doc = {
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      region: 'us-east-1',
      context: { 'aws:SecureTransport': false },
      s3: kmsObject,
      policies: { identity: [policy(allow(['s3:GetObject', 'kms:Decrypt']))], kmsKey: policy(rootDelegation) },
    };
    const r = await run(doc);
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.fixes[0]!.changes[0]).toMatchObject({ type: 'setContext', key: 'aws:SecureTransport', value: true });
    await expectFixesVerified(doc);
  });
  it('an anonymous copy', async () => {
    const r = await run({
      principal: 'anonymous',
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: A,
      context: { 's3:x-amz-copy-source': '/amzn-s3-demo-bucket/src.txt' },
      policies: { resource: policy({ Effect: 'Allow', Principal: '*', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${BUCKET}/*` }) },
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.summary).toMatch(/copy requests must be authenticated/);
  });
  // "The meaning of public": only fixed values pin the caller; `Null: false` admits any endpoint.
  it('a Null condition does not make a public policy non-public', async () => {
    const r = await run({
      principal: CAROL,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      context: { 'aws:SourceVpce': 'vpce-0abc' },
      s3: { blockPublicAccess: { RestrictPublicBuckets: true } },
      policies: {
        identity: [policy(allow('s3:GetObject'))],
        resource: policy({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${BUCKET}/*`,
          Condition: { Null: { 'aws:SourceVpce': 'false' } },
        }),
      },
    });
    expect(entries(r)).toEqual(['blockPublicAccess']);
  });
  it('no fix sets a fact the caller cannot change (s3:ResourceAccount)', async () => {
    const r = await run({
      principal: CAROL,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      policies: {
        identity: [
          policy(allow('s3:GetObject'), {
            Sid: 'OnlyOwnBuckets',
            Effect: 'Deny',
            Action: 's3:*',
            Resource: '*',
            Condition: { StringNotEquals: { 's3:ResourceAccount': B } },
          }),
        ],
        resource: policy({ Effect: 'Allow', Principal: { AWS: CAROL }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      },
    });
    expect(r.fixes.flatMap((f) => f.changes).some((c) => c.type === 'setContext')).toBe(false);
  });
});

describe('time-based notes need a known time', () => {
  // Same input, same output: without --now (or aws:CurrentTime in the context) the time of the run is not
  // the time S3 received the request, so no clock-skew or expiry note compares against it.
  it('no clock-skew note against the time of the run', async () => {
    const doc = {
      principal: ALICE,
      action: 's3:PutObject',
      resource: OBJECT,
      http: { requestTime: '2020-01-01T00:00:00Z' },
      policies: { identity: [policy(allow('s3:PutObject'))] },
    };
    const r = await evaluate(ownedByCaller(doc));
    expect(r.notes.map((n) => n.kind)).toEqual(['allPoliciesAllow']);
    const withTime = await evaluate({ ...ownedByCaller(doc), context: { 'aws:CurrentTime': '2020-01-01T01:00:00Z' } });
    expect(withTime.notes.map((n) => n.kind)).toContain('clockSkew');
  });
});
