import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { evaluate, type Report } from '../../src/index.js';
import { ACCOUNT, ALICE, NOW, OBJECT, policy } from '../helpers/evaluate.js';

/**
 * Every assumption the tool makes about a fact the request does not give is decided the other way too,
 * with the same evaluator; when the two readings differ in being Allowed, the report never says Allowed,
 * says in its headline what the answer depends on, shows both decisions and names the field and flag
 * that settle it (issue 9). The owner of an S3 bucket is in depends-on.test.ts; here the others.
 */
type Json = Record<string, unknown>;
const run = (doc: Json): Promise<Report> => evaluate(doc, { now: NOW });
const getObject = (extra: Json): Json => ({ principal: ALICE, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT, ...extra });
const readAll = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);

describe('the VPC endpoint whose policy is given, with no aws:SourceVpce (assumption throughVpcEndpoint)', () => {
  /**
   * "The aws:SourceIp key is always present in the request context, except when the requester uses a VPC
   * endpoint to make the request" (IAM User Guide, "Condition operators"); aws:VpcSourceIp "This key is
   * included in the request context only if the requester uses a VPC endpoint to make the request"
   * (IAM User Guide, "AWS global condition context keys"). Not through the endpoint, the address given is
   * aws:SourceIp, aws:VpcSourceIp is absent and the endpoint's policy is not consulted.
   */
  const endpointAll = policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]);
  const endpointListOnly = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: '*' }]);
  const privateOnly = policy([
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } } },
  ]);

  it('flips Allowed → not Allowed: an Allow on aws:VpcSourceIp; the report explains the path that is not through the endpoint', async () => {
    const r = await run(getObject({ context: { 'aws:SourceIp': '10.1.2.3' }, policies: { identity: [privateOnly], vpcEndpoint: endpointAll } }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn).toEqual({
      fact: 'vpcEndpoint',
      field: 'context.aws:SourceVpce',
      flag: '--context aws:SourceVpce=vpce-…',
      readings: [
        { reading: 'throughEndpoint', decision: 'Allowed' },
        { reading: 'notThroughEndpoint', decision: 'ImplicitDeny' },
      ],
      explained: 'notThroughEndpoint',
    });
    expect(r.layers.some((l) => l.policyType === 'vpcEndpoint')).toBe(false);
    expect(r.assumptions.find((a) => a.key === 'vpcEndpoint')?.message).toContain('not to go through the VPC endpoint');
  });

  it('flips not Allowed → Allowed: the endpoint policy lacks the action; the report explains the endpoint path', async () => {
    const r = await run(getObject({ policies: { identity: [readAll], vpcEndpoint: endpointListOnly } }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn?.readings).toEqual([
      { reading: 'throughEndpoint', decision: 'ImplicitDeny' },
      { reading: 'notThroughEndpoint', decision: 'Allowed' },
    ]);
    expect(r.dependsOn?.explained).toBe('throughEndpoint');
    expect(r.deciding.map((d) => d.policyType)).toEqual(['vpcEndpoint']);
  });

  it('no dependence when both paths agree, and none once aws:SourceVpce settles it', async () => {
    const same = await run(getObject({ policies: { identity: [readAll], vpcEndpoint: endpointAll } }));
    expect(same.decision).toBe('Allowed');
    expect(same.dependsOn).toBeUndefined();
    const settled = await run(
      getObject({
        context: { 'aws:SourceIp': '10.1.2.3', 'aws:SourceVpce': 'vpce-1a2b3c4d' },
        policies: { identity: [privateOnly], vpcEndpoint: endpointAll },
      }),
    );
    expect(settled.decision).toBe('Allowed');
    expect(settled.dependsOn).toBeUndefined();
  });
});

describe("the path of a session's role (assumption roleArnOfSession)", () => {
  /**
   * "For IAM roles, the request context returns the ARN of the role, not the ARN of the user that assumed
   * the role" (IAM User Guide, "AWS global condition context keys", aws:PrincipalArn), and a session is
   * named `arn:aws:sts::AWS-account-ID:assumed-role/role-name/role-session-name` ("IAM JSON policy
   * elements: Principal"): no path. "IAM user, group, role, and policy names must be unique within the
   * account" (IAM API Reference, CreateRole): a policy naming the role's full ARN tells its path.
   */
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/glue-etl-nightly/GlueJobRunnerSession`;
  const asSession = (policies: Json, context?: Json): Json => ({
    principal: session,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: ACCOUNT,
    policies,
    ...(context ? { context } : {}),
  });
  const denyUnless = (pattern: string) =>
    policy([{ Sid: 'OnlyGlue', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': pattern } } }]);
  const allowIf = (arn: string) =>
    policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { ArnEquals: { 'aws:PrincipalArn': arn } } },
    ]);

  it('flips on a pattern that names no path: a role with a path would be denied, so the report is not Allowed', async () => {
    const r = await run(asSession({ identity: [readAll], resource: denyUnless('arn:aws:iam::*:role/glue-*') }));
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.dependsOn).toEqual({
      fact: 'principalArn',
      field: 'context.aws:PrincipalArn',
      flag: '--context aws:PrincipalArn=arn:aws:iam::…:role/PATH/NAME',
      readings: [
        { reading: 'rolePathAssumed', value: `arn:aws:iam::${ACCOUNT}:role/glue-etl-nightly`, decision: 'Allowed' },
        { reading: 'rolePathOther', value: `arn:aws:iam::${ACCOUNT}:role/other-path/glue-etl-nightly`, decision: 'ExplicitDeny' },
      ],
      explained: 'rolePathOther',
    });
    expect(r.assumptions.find((a) => a.key === 'aws:PrincipalArn')?.message).toContain('with another path');
  });

  it('a path a pattern names is one of the readings (wildcards filled in)', async () => {
    const denyContractors = policy([
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/contractor-*/*' } } },
    ]);
    const r = await run(asSession({ identity: [readAll], resource: denyContractors }));
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.dependsOn?.readings[1]).toEqual({
      reading: 'rolePathOther',
      value: `arn:aws:iam::${ACCOUNT}:role/contractor-x/glue-etl-nightly`,
      decision: 'ExplicitDeny',
    });
  });

  it('flips not Allowed → Allowed: the only grant names the role under /service-role/; the assumed path / is explained', async () => {
    const r = await run(asSession({ identity: [allowIf(`arn:aws:iam::${ACCOUNT}:role/service-role/glue-etl-nightly`)] }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn?.readings.map((x) => [x.reading, x.decision])).toEqual([
      ['rolePathAssumed', 'ImplicitDeny'],
      ['rolePathOther', 'Allowed'],
    ]);
    expect(r.dependsOn?.explained).toBe('rolePathAssumed');
  });

  it('no dependence when a policy names the role by its full ARN, when aws:PrincipalArn is given, or when no policy reads it', async () => {
    const named = await run(asSession({ identity: [allowIf(`arn:aws:iam::${ACCOUNT}:role/glue-etl-nightly`)] }));
    expect(named.decision).toBe('Allowed');
    expect(named.dependsOn).toBeUndefined();
    const given = await run(
      asSession(
        { identity: [readAll], resource: denyUnless('arn:aws:iam::*:role/glue-*') },
        { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/glue-etl-nightly` },
      ),
    );
    expect(given.decision).toBe('Allowed');
    expect(given.dependsOn).toBeUndefined();
    const unread = await run(asSession({ identity: [readAll] }));
    expect(unread.decision).toBe('Allowed');
    expect(unread.dependsOn).toBeUndefined();
  });
});

describe('the bucket behind an access point (assumption bucketAccountFromAccessPoint)', () => {
  /**
   * "aws:ResourceAccount ... the account ID of the resource owner" (IAM User Guide, "AWS global condition
   * context keys"): behind an access point the bucket's owner, which the access point ARN does not name.
   */
  const AP = `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/finance-ap`;
  const viaAp = (policies: Json): Json => ({
    principal: ALICE,
    action: 's3:GetObject',
    resource: `${AP}/object/reports/q4.csv`,
    s3: { accessPoint: { bucket: 'amzn-s3-demo-bucket', networkOrigin: 'Internet' } },
    policies,
  });
  const identityOnAp = policy([{ Sid: 'UseAp', Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }]);
  const perimeter = policy([
    { Sid: 'OwnData', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceAccount': ACCOUNT } } },
  ]);
  const delegation = policy([
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: '*',
      Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
      Condition: { StringEquals: { 's3:DataAccessPointAccount': ACCOUNT } },
    },
  ]);

  it("flips on a data perimeter that admits the caller's account only: the other account's bucket is explained", async () => {
    const r = await run(viaAp({ identity: [identityOnAp, perimeter], resource: delegation }));
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.dependsOn).toMatchObject({
      fact: 'accessPointBucketAccount',
      field: 's3.accessPoint.bucketAccount',
      flag: '--access-point-bucket-account',
      readings: [
        { reading: 'sameAccount', account: ACCOUNT, decision: 'Allowed' },
        { reading: 'otherAccount', decision: 'ExplicitDeny' },
      ],
      explained: 'otherAccount',
    });
  });

  it('no dependence when the delegation grants whoever owns the bucket', async () => {
    const r = await run(viaAp({ identity: [identityOnAp], resource: delegation }));
    expect(r.decision).toBe('Allowed');
    expect(r.dependsOn).toBeUndefined();
  });
});

describe('the AWS managed key aws/s3 follows the owner in the other reading (assumption awsManagedKeyPolicy)', () => {
  /**
   * The aws/s3 key "can be used only when the uploading and accessing IAM principals are from the same AWS
   * account" (Amazon S3 User Guide, troubleshooting access denied, SSE-KMS): an object read from a bucket
   * of unknown owner may have been written with another account's aws/s3 key, whose fixed policy admits no
   * caller of this one. The synthesized key policy is not carried over into the other-owner reading.
   */
  it('a bucket policy granting the caller is not enough when the object may be under another account’s aws/s3 key', async () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
    const identity = policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
    ]);
    const doc = {
      principal: ALICE,
      action: 's3:GetObject',
      resource: OBJECT,
      s3: { objectEncryption: { SSEAlgorithm: 'aws:kms' }, kmsKeyManager: 'AWS' },
      policies: { identity: [identity], resource: bucket },
    };
    const r = await run(doc);
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.dependsOn?.fact).toBe('resourceAccount');
    expect(r.dependsOn?.readings.map((x) => x.decision)).toEqual(['Allowed', 'ImplicitDeny']);
    const owned = await run({ ...doc, resourceAccount: ACCOUNT });
    expect(owned.decision).toBe('Allowed');
    expect(owned.dependsOn).toBeUndefined();
  });
});

describe('the headline names every fact that flips the decision', () => {
  it('one line per fact, in English and in Korean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-why-readings-'));
    const doc = {
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/glue-etl-nightly/s`,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [readAll],
        resource: policy([
          { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/glue-*' } } },
        ]),
      },
    };
    writeFileSync(join(dir, 'request.json'), JSON.stringify(doc));
    const en = await cli(['--request', join(dir, 'request.json'), '--now', NOW.toISOString()], process.cwd());
    expect(en.code).toBe(1);
    const lines = en.stdout.split('\n');
    expect(lines[0]).toMatch(/^ImplicitDeny/);
    expect(lines[2]).toMatch(
      /^ {2}⚠ Depends on whose resource it is: Allowed if account 111122223333 owns it, ImplicitDeny if another account does; this explains the second/,
    );
    expect(lines[3]).toMatch(
      /^ {2}⚠ Depends on the path of the session's role, which a session ARN does not carry: Allowed if the role is arn:aws:iam::111122223333:role\/glue-etl-nightly, ExplicitDeny if it is arn:aws:iam::111122223333:role\/other-path\/glue-etl-nightly; this explains the first/,
    );
    const ko = await cli(['--request', join(dir, 'request.json'), '--now', NOW.toISOString(), '--lang', 'ko'], process.cwd());
    expect(ko.stdout.split('\n')[3]).toContain('결정은 세션 역할의 경로에 따라 달라집니다');
    // The JSON report carries both facts and stays valid against schemas/output.schema.json.
    const json = await cli(['--request', join(dir, 'request.json'), '--now', NOW.toISOString(), '--format', 'json'], process.cwd());
    const report = JSON.parse(json.stdout) as Report;
    expect(report.dependsOn?.fact).toBe('resourceAccount');
    expect(report.alsoDependsOn?.map((d) => [d.fact, d.explained])).toEqual([['principalArn', 'rolePathAssumed']]);
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'output.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});
