import { describe, expect, it } from 'vitest';
import { evaluate, type Fix, type Report } from '../../src/index.js';
import { ACCOUNT, BUCKET, NOW, OTHER_ACCOUNT, policy, type Json } from '../helpers/evaluate.js';

/**
 * No fix may contradict a note (issue 9, part 2): every fix is re-decided with the facts the notes read
 * (Object Ownership, the object's owner, the ACL headers sent), and its words say what those facts mean.
 *
 * Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket":
 * - BucketOwnerPreferred: "new objects that are written with the `bucket-owner-full-control` canned ACL are
 *   automatically owned by the bucket owner rather than the object writer";
 * - ObjectWriter (Object Ownership settings table): "Object writer owns the object";
 * - BucketOwnerEnforced: "When you apply the bucket owner enforced setting for Object Ownership to disable ACLs,
 *   you automatically own and take full control over every object in the bucket without taking any additional
 *   actions", and "`PUT` requests that contain other ACLs (for example, custom grants to certain AWS accounts)
 *   fail and return a `400` error with the error code `AccessControlListNotSupported`".
 * Amazon S3 API Reference, OwnershipControlsRule: "ObjectWriter - The uploading account will own the object if
 * the object is uploaded with the bucket-owner-full-control canned ACL."
 * AWS Knowledge Center, "How do I add the bucket-owner-full-control ACL to my objects in Amazon S3?": "For
 * objects written to your bucket by another account, the object owner must update the object's ACL to grant
 * full control to the bucket owner. To update the object's ACL, the object writer can perform a PutObjectAcl API
 * operation or reupload the object with a bucket-owner-full-control canned ACL."
 */
const OBJECT = `${BUCKET}/incoming/feed.csv`;
const GLUE = `arn:aws:sts::${ACCOUNT}:assumed-role/glue/run`;
const VENDOR = `arn:aws:iam::${OTHER_ACCOUNT}:user/vendor`;
const IDS = { [ACCOUNT]: 'a'.repeat(64), [OTHER_ACCOUNT]: 'b'.repeat(64) };
const readAll = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);

function run(doc: Json): Promise<Report> {
  return evaluate({ resourceAccount: ACCOUNT, ...doc }, { baseDir: process.cwd(), now: NOW });
}

/** The bucket owner's job reads an object the vendor owns, whose ACL grants the vendor only. */
const vendorOwned = (objectOwnership: string) =>
  run({
    principal: GLUE,
    action: 's3:GetObject',
    resource: OBJECT,
    s3: {
      bucketOwner: ACCOUNT,
      objectOwnership,
      objectOwner: OTHER_ACCOUNT,
      objectAcl: { Owner: { ID: IDS[OTHER_ACCOUNT] }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: IDS[OTHER_ACCOUNT] }, Permission: 'FULL_CONTROL' }] },
      canonicalUserIds: IDS,
    },
    policies: { identity: [readAll], resource: policy([{ Effect: 'Allow', Principal: { AWS: GLUE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]) },
  });

/**
 * The vendor uploads to the bucket owner's bucket, whose policy requires bucket-owner-full-control (both sides
 * allow s3:PutObjectAcl too, which S3 also authorizes for an upload that sets an ACL).
 */
const vendorUpload = (objectOwnership: string, context: Json = {}) =>
  run({
    principal: VENDOR,
    action: 's3:PutObject',
    resource: OBJECT,
    context,
    s3: { bucketOwner: ACCOUNT, objectOwnership },
    policies: {
      identity: [policy([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: `${BUCKET}/*` }])],
      resource: policy([
        {
          Effect: 'Allow',
          Principal: { AWS: VENDOR },
          Action: ['s3:PutObject', 's3:PutObjectAcl'],
          Resource: `${BUCKET}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ]),
    },
  });

const facts = (f: Fix) =>
  f.changes.flatMap((c) => (c.type === 'setS3' ? [`${c.fact}=${typeof c.value === 'string' ? c.value : JSON.stringify(c.value)}`] : []));
const claimsBucketOwnerOwns = (f: Fix) => /bucket owner (then )?owns (the|every) object/.test(f.summary);

describe('fixes agree with the Object Ownership facts', () => {
  it.each([
    ['ObjectWriter', ['objectOwnership=BucketOwnerEnforced', 'objectAcl=bucket-owner-full-control']],
    ['BucketOwnerPreferred', ['objectOwnership=BucketOwnerEnforced', 'objectAcl=bucket-owner-full-control', `objectOwner=${ACCOUNT}`]],
  ])('an existing object another account owns (%s) gets the documented remedies', async (ownership, expected) => {
    const report = await vendorOwned(ownership);
    expect(report.decision).toBe('ImplicitDeny');
    expect(report.fixes.flatMap(facts)).toEqual(expected);
    const acl = report.fixes.find((f) => facts(f).includes('objectAcl=bucket-owner-full-control'))!;
    // The ACL update keeps the owner, whatever the setting: only a new write changes it, on BucketOwnerPreferred.
    expect(acl.summary).toContain(`put-object-acl`);
    expect(acl.summary).toContain(`stays owned by ${OTHER_ACCOUNT}`);
    expect(claimsBucketOwnerOwns(acl)).toBe(false);
    expect(acl.who).toEqual([{ code: 'objectOwner', account: OTHER_ACCOUNT }]);
    const enforced = report.fixes.find((f) => facts(f).includes('objectOwnership=BucketOwnerEnforced'))!;
    expect(enforced.summary).toContain('existing ones included');
    expect(enforced.summary).not.toContain('bucket-owner-full-control');
    expect(enforced.who).toEqual([{ code: 'bucketOwner', account: ACCOUNT }]);
  });

  it('only on BucketOwnerPreferred does a copy in place with bucket-owner-full-control make the bucket owner own the object', async () => {
    const preferred = (await vendorOwned('BucketOwnerPreferred')).fixes.find((f) => facts(f).includes(`objectOwner=${ACCOUNT}`))!;
    expect(preferred.summary).toContain('BucketOwnerPreferred, so the bucket owner then owns the object');
    const writer = await vendorOwned('ObjectWriter');
    expect(writer.fixes.some((f) => facts(f).some((x) => x.startsWith('objectOwner=')))).toBe(false);
    for (const f of writer.fixes.filter((x) => !facts(x).includes('objectOwnership=BucketOwnerEnforced'))) expect(claimsBucketOwnerOwns(f)).toBe(false);
  });

  it.each([
    ['ObjectWriter', `the uploader's account (${OTHER_ACCOUNT}) still owns the object`],
    ['BucketOwnerPreferred', 'so the bucket owner then owns the object'],
  ])('sending bucket-owner-full-control on an upload to a %s bucket says who owns the object then', async (ownership, says) => {
    const report = await vendorUpload(ownership);
    expect(report.decision).toBe('ImplicitDeny');
    const send = report.fixes.find((f) => f.changes.some((c) => c.type === 'setContext' && c.key === 's3:x-amz-acl'))!;
    expect(send.safer).toBe(true);
    expect(send.summary).toContain(says);
    if (ownership === 'ObjectWriter') expect(claimsBucketOwnerOwns(send)).toBe(false);
  });

  it('on BucketOwnerEnforced no fix sends an ACL header that S3 refuses with 400 AccessControlListNotSupported', async () => {
    const refusedAcls: [Json, string][] = [
      [{ StringEquals: { 's3:x-amz-acl': 'public-read' } }, 's3:x-amz-acl'],
      [{ StringEquals: { 's3:x-amz-grant-read': `id=${IDS[ACCOUNT]}` } }, 's3:x-amz-grant-read'],
    ];
    for (const [condition, key] of refusedAcls) {
      const report = await run({
        principal: VENDOR,
        action: 's3:PutObject',
        resource: OBJECT,
        s3: { bucketOwner: ACCOUNT, objectOwnership: 'BucketOwnerEnforced' },
        policies: {
          identity: [policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }])],
          resource: policy([{ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: condition }]),
        },
      });
      expect(report.decision).toBe('ImplicitDeny');
      expect(report.fixes.length).toBeGreaterThan(0);
      for (const f of report.fixes) expect(f.changes.filter((c) => c.type === 'setContext' && c.key === key)).toEqual([]);
    }
  });

  it('on BucketOwnerEnforced, bucket-owner-full-control is accepted and the fix claims no ownership change', async () => {
    const report = await vendorUpload('BucketOwnerEnforced');
    const send = report.fixes.find((f) => f.changes.some((c) => c.type === 'setContext' && c.key === 's3:x-amz-acl'))!;
    expect(send).toBeDefined();
    expect(send.summary).not.toContain('owns the object');
  });

  it('an upload that sends a refused ACL to a BucketOwnerEnforced bucket is told to drop it, never to switch the bucket', async () => {
    const report = await vendorUpload('BucketOwnerEnforced', { 's3:x-amz-acl': 'public-read' });
    expect(report.notes.map((n) => n.kind)).toContain('aclNotSupported');
    for (const f of report.fixes) {
      expect(f.changes.some((c) => c.type === 'setContext' && c.key === 's3:x-amz-acl' && c.value !== 'bucket-owner-full-control')).toBe(false);
      expect(facts(f)).toEqual([]);
    }
  });
});
