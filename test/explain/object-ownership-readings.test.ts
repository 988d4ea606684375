import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { evaluate, type Report } from '../../src/index.js';
import { ACCOUNT, ALICE, NOW, OBJECT, OTHER_ACCOUNT, policy, type Json } from '../helpers/evaluate.js';

/**
 * The bucket's Object Ownership when the request does not give it (issue 9). Amazon S3 User Guide,
 * "Controlling ownership of objects and disabling ACLs for your bucket":
 * - "Bucket owner enforced is the default setting for all newly created buckets." (current page, stored copy 52080896468)
 * - "Bucket owner enforced (default) – ACLs are disabled, and the bucket owner automatically owns and has
 *   full control over every object in the bucket. ACLs no longer affect permissions to data in the S3 bucket."
 * - "PUT requests that contain other ACLs (for example, custom grants to certain AWS accounts) fail and return
 *   a 400 error with the error code AccessControlListNotSupported."
 * - "Object writer – The AWS account that uploads an object owns the object, has full control over it, and can
 *   grant other users access to it through ACLs."
 * The date is on "Blocking public access to your Amazon S3 storage" (stored copy 8901391125): "Starting in April 2023, Amazon S3 will
 * change the default settings for S3 Block Public Access and Object Ownership (ACLs disabled) for all new S3
 * buckets." A bucket made before then kept ObjectWriter, so an unknown setting is read with ACLs enabled
 * (assumption objectOwnershipAclsEnabled) and, when the decision may rest on it, as BucketOwnerEnforced too:
 * never a wrong Allowed.
 */
const run = (doc: Json): Promise<Report> => evaluate(doc, { now: NOW });
const ALL_USERS_READ = { Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
const GLUE = `arn:aws:iam::${ACCOUNT}:role/glue-curation`;
const readBucket = policy([{ Effect: 'Allow', Principal: { AWS: GLUE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
const putWithAcl = policy([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
const CANONICAL_OTHER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const CAROL = `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`;
const bucketWrite = { Grants: [{ Grantee: { Type: 'CanonicalUser', ID: CANONICAL_OTHER }, Permission: 'WRITE' }] };

/** The cases: the request, its decision, and the readings when the answer depends on Object Ownership. */
const CASES: { name: string; doc: Json; decision: Report['decision']; readings?: [string, string][]; explained?: string }[] = [
  {
    name: 'object ACL public-read, anonymous GET: Allowed only with ACLs enabled, so not Allowed',
    doc: {
      principal: '*',
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: ACCOUNT,
      s3: { objectAcl: ALL_USERS_READ },
      policies: { resource: readBucket },
    },
    decision: 'ImplicitDeny',
    readings: [
      ['aclsEnabled', 'Allowed'],
      ['bucketOwnerEnforced', 'ImplicitDeny'],
    ],
    explained: 'bucketOwnerEnforced',
  },
  {
    name: 'bucket ACL WRITE to another account, its upload: Allowed only with ACLs enabled',
    doc: {
      principal: CAROL,
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: ACCOUNT,
      s3: { bucketAcl: bucketWrite, canonicalUserIds: { [OTHER_ACCOUNT]: CANONICAL_OTHER } },
      policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }])] },
    },
    decision: 'ImplicitDeny',
    readings: [
      ['aclsEnabled', 'Allowed'],
      ['bucketOwnerEnforced', 'ImplicitDeny'],
    ],
    explained: 'bucketOwnerEnforced',
  },
  {
    name: 'an object another account wrote: the bucket policy reaches it only under BucketOwnerEnforced; the ACLs-enabled denial is explained',
    doc: {
      principal: GLUE,
      action: 's3:GetObject',
      resource: OBJECT,
      s3: { bucketOwner: ACCOUNT, objectOwner: OTHER_ACCOUNT },
      policies: { resource: readBucket },
    },
    decision: 'ImplicitDeny',
    readings: [
      ['aclsEnabled', 'ImplicitDeny'],
      ['bucketOwnerEnforced', 'Allowed'],
    ],
    explained: 'aclsEnabled',
  },
  {
    name: 'no flip: the owner reads its object through its own policy, an object ACL given or not',
    doc: {
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: ACCOUNT,
      s3: { objectAcl: ALL_USERS_READ },
      policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])] },
    },
    decision: 'Allowed',
  },
  {
    name: 'no flip: an upload with x-amz-acl public-read that the policies allow (the 400 is a note, not a decision)',
    doc: {
      principal: ALICE,
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: ACCOUNT,
      context: { 's3:x-amz-acl': 'public-read' },
      policies: { identity: [putWithAcl] },
    },
    decision: 'Allowed',
  },
];

describe('an Object Ownership the request does not give (assumption objectOwnershipAclsEnabled)', () => {
  it.each(CASES)('$name', async ({ doc, decision, readings, explained }) => {
    const r = await run(doc);
    expect(r.decision).toBe(decision);
    expect(r.assumptions.find((a) => a.key === 's3.objectOwnership')?.message).toContain('taken to');
    if (!readings) {
      expect(r.dependsOn).toBeUndefined();
      return;
    }
    expect(r.dependsOn).toEqual({
      fact: 'objectOwnership',
      field: 's3.objectOwnership',
      flag: '--object-ownership',
      readings: readings.map(([reading, d]) => ({ reading, decision: d })),
      explained,
    });
  });

  it('settled by s3.objectOwnership: no assumption and no dependence, each setting decides its own way', async () => {
    const doc = CASES[0]!.doc;
    const writer = await run({ ...doc, s3: { objectAcl: ALL_USERS_READ, objectOwnership: 'ObjectWriter' } });
    expect(writer.decision).toBe('Allowed');
    expect(writer.dependsOn).toBeUndefined();
    expect(writer.assumptions.some((a) => a.key === 's3.objectOwnership')).toBe(false);
    const enforced = await run({ ...doc, s3: { objectAcl: ALL_USERS_READ, objectOwnership: 'BucketOwnerEnforced' } });
    expect(enforced.decision).toBe('ImplicitDeny');
    expect(enforced.dependsOn).toBeUndefined();
  });

  it('no assumption when nothing in the request involves ACLs or another owner', async () => {
    const r = await run({ principal: ALICE, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT, policies: { identity: [putWithAcl] } });
    expect(r.assumptions.some((a) => a.key === 's3.objectOwnership')).toBe(false);
    const created = await run({
      principal: ALICE,
      action: 's3:CreateBucket',
      resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
      resourceAccount: ACCOUNT,
      context: { 's3:x-amz-acl': 'public-read' },
      policies: { identity: [policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])] },
    });
    expect(created.assumptions.some((a) => a.key === 's3.objectOwnership')).toBe(false);
  });

  it('an ACL header with the setting unknown: Allowed by the policies, with the 400 of BucketOwnerEnforced as a note', async () => {
    const doc = CASES[4]!.doc;
    const r = await run(doc);
    expect(r.notes.map((n) => n.kind)).toContain('aclNotSupportedIfEnforced');
    expect(r.notes.find((n) => n.kind === 'aclNotSupportedIfEnforced')?.message).toContain('if it is BucketOwnerEnforced');
    const known = await run({ ...doc, s3: { objectOwnership: 'BucketOwnerEnforced' } });
    expect(known.notes.map((n) => n.kind)).toContain('aclNotSupported');
    expect(known.notes.map((n) => n.kind)).not.toContain('aclNotSupportedIfEnforced');
    const writer = await run({ ...doc, s3: { objectOwnership: 'ObjectWriter' } });
    expect(writer.notes.some((n) => n.kind.startsWith('aclNotSupported'))).toBe(false);
  });

  it('the headline names the fact in English and Korean, and --object-ownership settles it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-why-ownership-'));
    writeFileSync(join(dir, 'acl.json'), JSON.stringify(ALL_USERS_READ));
    writeFileSync(join(dir, 'bucket.json'), JSON.stringify(readBucket));
    writeFileSync(join(dir, 'request.json'), JSON.stringify({ ...CASES[0]!.doc, policies: { resource: 'bucket.json' } }));
    const now = ['--now', NOW.toISOString()];
    const en = await cli(['--request', join(dir, 'request.json'), ...now]);
    expect(en.code).toBe(1);
    expect(en.stdout.split('\n')[2]).toBe(
      "  ⚠ Depends on the bucket's Object Ownership, which the request does not give: Allowed if ACLs are enabled (ObjectWriter or BucketOwnerPreferred), " +
        'ImplicitDeny if it is BucketOwnerEnforced (ACLs disabled, the default for new buckets); this explains the second (set `s3.objectOwnership`, or --object-ownership, to settle it).',
    );
    const ko = await cli(['--request', join(dir, 'request.json'), ...now, '--lang', 'ko']);
    expect(ko.stdout.split('\n')[2]).toContain('결정은 요청에 주어지지 않은 버킷의 객체 소유권 설정에 따라 달라집니다');
    const quick = [
      '--principal',
      '*',
      '--action',
      's3:GetObject',
      '--resource',
      OBJECT,
      '--resource-account',
      ACCOUNT,
      '--object-acl',
      join(dir, 'acl.json'),
      '--resource-policy',
      join(dir, 'bucket.json'),
      ...now,
    ];
    expect((await cli(quick)).code).toBe(1);
    expect((await cli([...quick, '--object-ownership', 'ObjectWriter'])).code).toBe(0);
    expect((await cli([...quick, '--object-ownership', 'BucketOwnerEnforced'])).code).toBe(1);
  });
});
