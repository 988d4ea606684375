import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';
import { evaluate } from '../../src/index.js';
import {
  ACCOUNT,
  ALICE,
  BUCKET,
  OBJECT,
  OTHER_ACCOUNT,
  OTHER_USER,
  policy,
  ROLE,
  run,
  SESSION,
  statements,
  type Json,
  type RequestSpec,
} from '../helpers/evaluate.js';

/**
 * How the identity-based and resource-based layers combine into a decision, and which context keys AWS
 * derives from the caller. Grounding: IAM User Guide, "Policy evaluation logic", "Cross-account policy
 * evaluation logic", "AWS JSON policy elements: Principal", "AWS global condition context keys"
 * (docs/aws-semantics.md, sections 1-3 and 11). `deciding` as README.md ("The JSON output") defines it.
 */

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const CLOUDFRONT = 'cloudfront.amazonaws.com';

const allowStmt = (sid: string, extra: Json = {}): Json => ({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...extra });
const denyStmt = (sid: string, extra: Json = {}): Json => ({ Sid: sid, Effect: 'Deny', Action: 's3:*', Resource: '*', ...extra });
const identity = (...stmts: Json[]): Json[] => [policy(stmts)];
const bucketPolicy = (...stmts: Json[]): Json => policy(stmts);
const grantTo = (principal: Json | string, sid = 'BucketAllow'): Json => allowStmt(sid, { Principal: principal });

/** `policyType` or `policyType:Sid` for each deciding entry, sorted (order within `deciding` is not part of these tests). */
const deciding = (r: Report): string[] => r.deciding.map((d) => (d.sid !== undefined ? `${d.policyType}:${d.sid}` : d.policyType)).sort();

async function decide(spec: RequestSpec): Promise<[Report['decision'], string[]]> {
  const r = await run(spec);
  return [r.decision, deciding(r)];
}

// Policy evaluation logic: "If an action is allowed by an identity-based policy, a resource-based policy, or
// both, then AWS allows the action. An explicit deny in either of these policies overrides the allow."
// Principal: "You can specify AWS account identifiers in the Principal element [...]. This delegates
// authority to the account." "(Because the policy grants trust only to the account, individual users in the
// account must still be granted permissions for the specified Amazon S3 actions.)" (Policies and permissions
// in IAM). "For IAM users and role principals within your account, no other permissions are required" (for
// "*").
describe('same account: identity OR resource (IAM User Guide, "Policy evaluation logic")', () => {
  const rows: [title: string, spec: RequestSpec, decision: Report['decision'], deciding: string[]][] = [
    ['an identity-based Allow alone suffices', { identity: identity(allowStmt('IdAllow')) }, 'Allowed', ['identity:IdAllow']],
    ['a resource-based Allow naming the user alone suffices', { resourcePolicy: bucketPolicy(grantTo({ AWS: ALICE })) }, 'Allowed', ['resource:BucketAllow']],
    ['a resource-based Allow to "*" alone suffices', { resourcePolicy: bucketPolicy(grantTo('*')) }, 'Allowed', ['resource:BucketAllow']],
    [
      'a resource-based Allow naming the session alone suffices',
      { principal: SESSION, resourcePolicy: bucketPolicy(grantTo({ AWS: SESSION })) },
      'Allowed',
      ['resource:BucketAllow'],
    ],
    [
      'a resource-based Allow naming the role reaches its session',
      { principal: SESSION, resourcePolicy: bucketPolicy(grantTo({ AWS: ROLE })) },
      'Allowed',
      ['resource:BucketAllow'],
    ],
    [
      'no Allow anywhere: the identity side is missing',
      { identity: identity(allowStmt('Other', { Action: 's3:PutObject' })), resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_USER })) },
      'ImplicitDeny',
      ['identity'],
    ],
    ['no policies at all', {}, 'ImplicitDeny', ['identity']],
    [
      'a grant to the account id only delegates: identity still needed',
      { resourcePolicy: bucketPolicy(grantTo({ AWS: ACCOUNT })) },
      'ImplicitDeny',
      ['identity'],
    ],
    ['a grant to the root ARN only delegates: identity still needed', { resourcePolicy: bucketPolicy(grantTo({ AWS: ROOT })) }, 'ImplicitDeny', ['identity']],
    [
      'a grant to the account plus an identity Allow',
      { identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo({ AWS: ACCOUNT })) },
      'Allowed',
      ['identity:IdAllow'],
    ],
  ];
  it.each(rows)('%s', async (_t, spec, decision, expected) => {
    expect(await decide(spec)).toEqual([decision, expected]);
  });

  it('the delegation is explained in the summary', async () => {
    const r = await run({ resourcePolicy: bucketPolicy(grantTo({ AWS: ACCOUNT })) });
    expect(r.summary).toMatch(/delegat/);
    expect(r.request.crossAccount).toBe(false);
  });

  it('Allowed lists every granting statement of the identity layer', async () => {
    const r = await run({
      identity: [
        policy([allowStmt('A'), { Sid: 'NotThis', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }]),
        policy([allowStmt('B', { Resource: '*' })]),
      ],
    });
    expect(r.decision).toBe('Allowed');
    expect(deciding(r)).toEqual(['identity:A', 'identity:B']);
    expect(r.deciding.every((d) => d.effect === 'Allow' && d.statementIndex !== undefined && d.line !== undefined)).toBe(true);
  });

  it('with both layers allowing, every entry of deciding is an applying Allow', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo({ AWS: ALICE })) });
    expect(r.decision).toBe('Allowed');
    expect(r.deciding.length).toBeGreaterThan(0);
    for (const d of r.deciding) {
      const s = statements(r, d.policyType as 'identity' | 'resource').find((m) => m.statementIndex === d.statementIndex)!;
      expect(s.applies && s.effect === 'Allow').toBe(true);
    }
  });
});

// Cross-account policy evaluation logic: "the requester in the trusted AccountA must have an identity-based
// policy. [...] Additionally, the resource-based policy in AccountB must allow the requester in AccountA to
// access the resource. [...] The request is allowed only if both evaluations return a decision of Allow."
describe('cross-account: both sides needed (IAM User Guide, "Cross-account policy evaluation logic")', () => {
  const carol = (spec: RequestSpec): RequestSpec => ({ principal: OTHER_USER, resourceAccount: ACCOUNT, ...spec });
  const rows: [title: string, spec: RequestSpec, decision: Report['decision'], deciding: string[]][] = [
    [
      'identity and resource both allow',
      carol({ identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_USER })) }),
      'Allowed',
      ['identity:IdAllow', 'resource:BucketAllow'],
    ],
    [
      "the resource policy grants to the caller's account",
      carol({ identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_ACCOUNT })) }),
      'Allowed',
      ['identity:IdAllow', 'resource:BucketAllow'],
    ],
    [
      'the resource policy grants to "*"',
      carol({ identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo('*')) }),
      'Allowed',
      ['identity:IdAllow', 'resource:BucketAllow'],
    ],
    [
      'only the identity side allows',
      carol({ identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo({ AWS: ALICE })) }),
      'ImplicitDeny',
      ['resource'],
    ],
    ['only the identity side allows, no resource policy', carol({ identity: identity(allowStmt('IdAllow')) }), 'ImplicitDeny', ['resource']],
    ['only the resource side allows', carol({ resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_USER })) }), 'ImplicitDeny', ['identity']],
    ['neither side allows', carol({ identity: identity(allowStmt('Other', { Action: 's3:PutObject' })) }), 'ImplicitDeny', ['identity', 'resource']],
    [
      'a resource-based grant naming the user does not replace the identity side',
      carol({ resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_USER })), identity: [] }),
      'ImplicitDeny',
      ['identity'],
    ],
  ];
  it.each(rows)('%s', async (_t, spec, decision, expected) => {
    expect(await decide(spec)).toEqual([decision, expected]);
  });

  it('the account of the resource comes from the ARN when it has one', async () => {
    const r = await run({
      principal: OTHER_USER,
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`,
      identity: [policy([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }])],
    });
    expect(r.request.crossAccount).toBe(true);
    expect(r.decision).toBe('ImplicitDeny');
    expect(deciding(r)).toEqual(['resource']);
  });
});

// Policy evaluation logic: authentication "is not necessary for a few services, such as Amazon S3, that
// allow some requests from anonymous users". Principal: "For anonymous users, the following elements are
// equivalent: "Principal": "*" / "Principal" : { "AWS" : "*" }". A service principal can be named only in a
// resource-based policy. An anonymous caller or a service has no identity-based policy: only the resource
// side can allow.
describe('anonymous callers and service principals: resource policy only (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: [title: string, spec: RequestSpec, decision: Report['decision'], deciding: string[]][] = [
    ['anonymous, Principal "*"', { principal: 'anonymous', resourcePolicy: bucketPolicy(grantTo('*')) }, 'Allowed', ['resource:BucketAllow']],
    ['anonymous, Principal {"AWS": "*"}', { principal: 'anonymous', resourcePolicy: bucketPolicy(grantTo({ AWS: '*' })) }, 'Allowed', ['resource:BucketAllow']],
    [
      'anonymous, an identity policy does not count',
      { principal: 'anonymous', identity: identity(allowStmt('IdAllow', { Resource: '*' })) },
      'ImplicitDeny',
      ['resource'],
    ],
    [
      'anonymous, a grant to an account does not name it',
      { principal: 'anonymous', resourcePolicy: bucketPolicy(grantTo({ AWS: ACCOUNT })) },
      'ImplicitDeny',
      ['resource'],
    ],
    [
      'service, Principal {"Service": ...}',
      { principal: CLOUDFRONT, resourcePolicy: bucketPolicy(grantTo({ Service: CLOUDFRONT })) },
      'Allowed',
      ['resource:BucketAllow'],
    ],
    ['service, an identity policy does not count', { principal: CLOUDFRONT, identity: identity(allowStmt('IdAllow')) }, 'ImplicitDeny', ['resource']],
    [
      'service, another service is named',
      { principal: CLOUDFRONT, resourcePolicy: bucketPolicy(grantTo({ Service: 'logs.amazonaws.com' })) },
      'ImplicitDeny',
      ['resource'],
    ],
  ];
  it.each(rows)('%s', async (_t, spec, decision, expected) => {
    expect(await decide(spec)).toEqual([decision, expected]);
  });

  it.each([
    ['anonymous', 'anonymous'],
    ['a service principal', CLOUDFRONT],
  ])('%s: the identity layer is not applicable', async (_t, principal) => {
    const r = await run({ principal, identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(grantTo('*')) });
    expect(r.layers.find((l) => l.policyType === 'identity')!.result).toBe('NotApplicable');
    expect(r.decision).toBe('Allowed');
  });
});

// Policy evaluation logic: "An explicit deny in either of these policies overrides the allow." README:
// "`deciding` lists, for ExplicitDeny, every Deny statement that applied".
describe('an explicit Deny in either layer wins (IAM User Guide, "Policy evaluation logic")', () => {
  const rows: [title: string, spec: RequestSpec, deciding: string[]][] = [
    ['an identity Deny beats an identity Allow', { identity: identity(allowStmt('IdAllow'), denyStmt('IdDeny')) }, ['identity:IdDeny']],
    [
      'an identity Deny beats a resource Allow naming the user',
      { identity: identity(denyStmt('IdDeny')), resourcePolicy: bucketPolicy(grantTo({ AWS: ALICE })) },
      ['identity:IdDeny'],
    ],
    [
      'a resource Deny beats an identity Allow',
      { identity: identity(allowStmt('IdAllow')), resourcePolicy: bucketPolicy(denyStmt('BucketDeny', { Principal: '*' })) },
      ['resource:BucketDeny'],
    ],
    [
      'every applying Deny is listed, in both layers',
      {
        identity: [policy([allowStmt('IdAllow'), denyStmt('IdDeny1')]), policy([denyStmt('IdDeny2', { Action: 's3:GetObject' })])],
        resourcePolicy: bucketPolicy(grantTo('*'), denyStmt('BucketDeny', { Principal: { AWS: ALICE } })),
      },
      ['identity:IdDeny1', 'identity:IdDeny2', 'resource:BucketDeny'],
    ],
    [
      'a Deny that does not apply is not listed',
      {
        identity: identity(
          allowStmt('IdAllow'),
          denyStmt('IdDeny'),
          denyStmt('NotApplying', { Action: 's3:PutObject' }),
          denyStmt('OtherIp', { Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }),
        ),
        context: { 'aws:SourceIp': '203.0.113.7' },
      },
      ['identity:IdDeny'],
    ],
    [
      'a Deny wins across accounts',
      {
        principal: OTHER_USER,
        resourceAccount: ACCOUNT,
        identity: identity(allowStmt('IdAllow')),
        resourcePolicy: bucketPolicy(grantTo({ AWS: OTHER_USER }), denyStmt('BucketDeny', { Principal: { AWS: OTHER_ACCOUNT } })),
      },
      ['resource:BucketDeny'],
    ],
    [
      'a Deny wins for an anonymous caller',
      { principal: 'anonymous', resourcePolicy: bucketPolicy(grantTo('*'), denyStmt('BucketDeny', { Principal: '*' })) },
      ['resource:BucketDeny'],
    ],
    ['a Deny wins when nothing allows', { identity: identity(denyStmt('IdDeny')) }, ['identity:IdDeny']],
  ];
  it.each(rows)('%s', async (_t, spec, expected) => {
    const r = await run(spec);
    expect(r.decision).toBe('ExplicitDeny');
    expect(deciding(r)).toEqual(expected);
    expect(r.deciding.every((d) => d.effect === 'Deny')).toBe(true);
  });

  // Policy evaluation logic: "By default, all requests are implicitly denied with the exception of the AWS
  // account root user, which has full access." An explicit Deny in a bucket policy still applies to it.
  it('an explicit Deny in the resource policy applies to the root user', async () => {
    const r = await run({ principal: ROOT, resourcePolicy: bucketPolicy(denyStmt('BucketDeny', { Principal: '*' })) });
    expect(r.decision).toBe('ExplicitDeny');
  });

  // Per the quote above the root user "has full access" in its own account (KMS key policies are the
  // documented exception: "This is different from most other resources in AWS, which implicitly allow
  // access to the root user", Using Key Policies in AWS KMS).
  it('the root user of the account is allowed without an identity-based policy', async () => {
    const r = await run({ principal: ROOT });
    expect(r.decision).toBe('Allowed');
  });
});

// AWS global condition context keys (current) and IAM policy elements: Variables and tags (current), table
// of aws:username / aws:userid / aws:PrincipalType per principal. aws:PrincipalArn: "For IAM roles, the
// request context returns the ARN of the role, not the ARN of the user that assumed the role."
// aws:PrincipalAccount: "For anonymous requests, the request context returns anonymous." aws:username: "This
// key is always included in the request context for IAM users. Anonymous requests and requests that are made
// using the AWS account root user or IAM roles do not include this key."
describe('context keys derived from the caller (IAM User Guide, "AWS global condition context keys")', () => {
  /** Evaluates `condition` for `principal` with a policy of the right kind, and returns the first condition trace. */
  async function derived(principal: string, condition: Json, context: Json = {}) {
    const viaResource = principal === 'anonymous' || principal === CLOUDFRONT;
    const stmt = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition };
    const r = await run({
      principal,
      context,
      ...(viaResource ? { resourcePolicy: policy([{ ...stmt, Principal: '*' }]) } : { identity: [policy([stmt])] }),
    });
    const s = statements(r, viaResource ? 'resource' : 'identity')[0]!;
    return { r, applies: s.applies, trace: s.conditions[0]! };
  }

  const rows: [title: string, principal: string, condition: Json, applies: boolean][] = [
    ['aws:PrincipalArn of a role session is the role ARN', SESSION, { ArnEquals: { 'aws:PrincipalArn': ROLE } }, true],
    ['aws:PrincipalArn of a role session is not the session ARN', SESSION, { ArnEquals: { 'aws:PrincipalArn': SESSION } }, false],
    ['aws:PrincipalArn of a user is the user ARN', ALICE, { ArnEquals: { 'aws:PrincipalArn': ALICE } }, true],
    ['aws:PrincipalArn of the root user is the root ARN', ROOT, { ArnEquals: { 'aws:PrincipalArn': ROOT } }, true],
    ['aws:PrincipalArn is absent for an anonymous caller', 'anonymous', { Null: { 'aws:PrincipalArn': 'true' } }, true],
    ['aws:PrincipalType of a user is User', ALICE, { StringEquals: { 'aws:PrincipalType': 'User' } }, true],
    ['aws:PrincipalType of a role session is AssumedRole', SESSION, { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, true],
    ['aws:PrincipalType of a role (a session of it) is AssumedRole', ROLE, { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, true],
    ['aws:PrincipalType of the root user is Account', ROOT, { StringEquals: { 'aws:PrincipalType': 'Account' } }, true],
    [
      'aws:PrincipalType of a federated user is FederatedUser',
      `arn:aws:sts::${ACCOUNT}:federated-user/fed`,
      { StringEquals: { 'aws:PrincipalType': 'FederatedUser' } },
      true,
    ],
    ['aws:PrincipalType of an anonymous caller is Anonymous', 'anonymous', { StringEquals: { 'aws:PrincipalType': 'Anonymous' } }, true],
    ['aws:username of a user is the user name', ALICE, { StringEquals: { 'aws:username': 'alice' } }, true],
    ['aws:username of a user with a path is the name alone', `arn:aws:iam::${ACCOUNT}:user/staff/dave`, { StringEquals: { 'aws:username': 'dave' } }, true],
    ['aws:username is absent for a role session', SESSION, { Null: { 'aws:username': 'true' } }, true],
    ['aws:username is absent for the root user', ROOT, { Null: { 'aws:username': 'true' } }, true],
    ['aws:username is absent for an anonymous caller', 'anonymous', { Null: { 'aws:username': 'true' } }, true],
    ['aws:PrincipalAccount of a user is its account', ALICE, { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, true],
    ['aws:PrincipalAccount of a role session is its account', SESSION, { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, true],
    ['aws:PrincipalAccount of an anonymous caller is "anonymous"', 'anonymous', { StringEquals: { 'aws:PrincipalAccount': 'anonymous' } }, true],
    ['aws:userid of an anonymous caller is "anonymous"', 'anonymous', { StringEquals: { 'aws:userid': 'anonymous' } }, true],
    ['aws:userid of the root user is the account id', ROOT, { StringEquals: { 'aws:userid': ACCOUNT } }, true],
    ['aws:PrincipalIsAWSService is true for a service principal', CLOUDFRONT, { Bool: { 'aws:PrincipalIsAWSService': 'true' } }, true],
    ['aws:PrincipalServiceName of a service principal', CLOUDFRONT, { StringEquals: { 'aws:PrincipalServiceName': CLOUDFRONT } }, true],
    ['aws:PrincipalIsAWSService is false for an IAM user', ALICE, { Bool: { 'aws:PrincipalIsAWSService': 'false' } }, true],
    ['aws:PrincipalServiceName is absent for an IAM user', ALICE, { Null: { 'aws:PrincipalServiceName': 'true' } }, true],
    ['aws:PrincipalIsAWSService is absent for an anonymous caller', 'anonymous', { Null: { 'aws:PrincipalIsAWSService': 'true' } }, true],
    [
      'aws:PrincipalServiceNamesList of a service principal lists it',
      CLOUDFRONT,
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalServiceNamesList': CLOUDFRONT } },
      true,
    ],
    ['aws:PrincipalServiceNamesList is absent for an IAM user', ALICE, { Null: { 'aws:PrincipalServiceNamesList': 'true' } }, true],
    // "aws:ResourceAccount ... the resource owner's AWS account ID" (AWS global condition context keys).
    ["aws:ResourceAccount is the resource owner (here the principal's account, assumed)", ALICE, { StringEquals: { 'aws:ResourceAccount': ACCOUNT } }, true],
    ['s3:ResourceAccount is the bucket owner', ALICE, { StringEquals: { 's3:ResourceAccount': ACCOUNT } }, true],
  ];
  it.each(rows)('%s', async (_t, principal, condition, applies) => {
    expect((await derived(principal, condition)).applies).toBe(applies);
  });

  it('the trace shows the derived value and its origin', async () => {
    const { trace } = await derived(SESSION, { ArnEquals: { 'aws:PrincipalArn': ROLE } });
    expect(trace.requestValue).toBe(ROLE);
    expect(trace.requestValueOrigin).toBe('derived');
  });

  // README, "Context keys policy-why fills in": derived "unless the context sets them".
  it('a value given in context replaces the derived one', async () => {
    const { applies, trace } = await derived(ALICE, { StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'mallory' });
    expect(applies).toBe(false);
    expect(trace.requestValueOrigin).toBe('request');
  });
});

// Condition operators: "The aws:SecureTransport key is always present in the request context." README:
// aws:SecureTransport = true, aws:CurrentTime / aws:EpochTime = the evaluation time, "each overridable in
// `context` and listed under Assumptions whenever a policy consults it".
describe('assumptions name the defaults a policy consulted (IAM User Guide, "AWS global condition context keys")', () => {
  const keys = (r: Report) => r.assumptions.map((a) => a.key);
  const secure = { Bool: { 'aws:SecureTransport': 'false' } };

  it('aws:SecureTransport is listed when a condition consulted it', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow'), denyStmt('DenyHttp', { Condition: secure })) });
    expect(r.decision).toBe('Allowed');
    const a = r.assumptions.find((x) => x.key === 'aws:SecureTransport');
    expect(a?.value).toBe(true);
  });

  it('aws:SecureTransport is not listed when no policy consults it', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow')) });
    expect(keys(r)).not.toContain('aws:SecureTransport');
  });

  it('aws:SecureTransport is not listed when the statement holding the condition does not match the action', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow'), denyStmt('DenyHttp', { Action: 's3:PutObject', Condition: secure })) });
    expect(keys(r)).not.toContain('aws:SecureTransport');
  });

  it('aws:SecureTransport is not listed when the request sets it', async () => {
    const r = await run({ context: { 'aws:SecureTransport': false }, identity: identity(allowStmt('IdAllow'), denyStmt('DenyHttp', { Condition: secure })) });
    expect(r.decision).toBe('ExplicitDeny');
    expect(keys(r)).not.toContain('aws:SecureTransport');
  });

  it('aws:CurrentTime is listed with the evaluation time when a condition consulted it', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow', { Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } })) });
    expect(r.decision).toBe('Allowed');
    expect(r.assumptions.find((a) => a.key === 'aws:CurrentTime')?.value).toBe('2026-01-01T00:00:00Z');
    expect(keys(r)).not.toContain('aws:SecureTransport');
    expect(keys(r)).not.toContain('aws:EpochTime');
  });

  it('a derived key is not an assumption', async () => {
    const r = await run({ identity: identity(allowStmt('IdAllow', { Condition: { StringEquals: { 'aws:username': 'alice' } } })) });
    expect(keys(r)).not.toContain('aws:username');
  });
});

// README, "The JSON output": the decision's request block.
describe('report.request (README, "The JSON output")', () => {
  it('names both accounts and whether the request crosses them', async () => {
    const r = await run({ principal: OTHER_USER, resourceAccount: ACCOUNT, resource: OBJECT });
    expect(r.request).toMatchObject({ principal: OTHER_USER, principalAccount: OTHER_ACCOUNT, resourceAccount: ACCOUNT, crossAccount: true });
  });
});

// IAM User Guide, "Policy evaluation logic": "IAM role trust policies and KMS key policies are exceptions
// to this logic, because they must explicitly allow access for principals." A trust policy has no
// Resource element ("AWS JSON policy elements: Principal", role trust policies).
describe('role trust policies must allow sts:AssumeRole', () => {
  const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-role`;
  const trust = (Principal: unknown) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Trust', Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }] });
  const canAssume = { Version: '2012-10-17', Statement: [{ Sid: 'MayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }] };
  const CAROL_B = 'arn:aws:iam::444455556666:user/carol';
  const rows: [title: string, principal: string, identity: unknown[], resource: unknown, decision: string, deciding: string[]][] = [
    [
      'trust names the account, IAM allows',
      ALICE,
      [canAssume],
      trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
      'Allowed',
      ['identity:MayAssume', 'resource:Trust'],
    ],
    ['trust names the account, IAM silent', ALICE, [], trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), 'ImplicitDeny', ['identity']],
    ['trust names only a service, IAM allows', ALICE, [canAssume], trust({ Service: 'ec2.amazonaws.com' }), 'ImplicitDeny', ['resource']],
    ['trust names the user, IAM silent', ALICE, [], trust({ AWS: ALICE }), 'Allowed', ['resource:Trust']],
    ['no trust policy given, IAM allows', ALICE, [canAssume], undefined, 'ImplicitDeny', ['resource']],
    [
      'another account trusted, its IAM allows',
      CAROL_B,
      [canAssume],
      trust({ AWS: 'arn:aws:iam::444455556666:root' }),
      'Allowed',
      ['identity:MayAssume', 'resource:Trust'],
    ],
    ['another account trusted, its IAM silent', CAROL_B, [], trust({ AWS: 'arn:aws:iam::444455556666:root' }), 'ImplicitDeny', ['identity']],
  ];
  it.each(rows)('%s', async (_t, principal, identity, resource, decision, deciding) => {
    const r = await evaluate(
      { principal, action: 'sts:AssumeRole', resource: ROLE_ARN, policies: { identity, ...(resource ? { resource } : {}) } },
      { now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(r.decision).toBe(decision);
    expect(r.deciding.map((d) => `${d.policyType}${d.sid ? `:${d.sid}` : ''}`)).toEqual(deciding);
  });
  it('a fix for the trust policy has no Resource element (IAM rejects one there)', async () => {
    const r = await evaluate(
      {
        principal: ALICE,
        action: 'sts:AssumeRole',
        resource: ROLE_ARN,
        policies: { identity: [canAssume], resource: trust({ Service: 'ec2.amazonaws.com' }) },
      },
      { now: new Date('2026-01-01T00:00:00Z') },
    );
    const add = r.fixes.flatMap((f) => f.changes).find((c) => c.type === 'addStatement' && c.policyType === 'resource');
    expect(add && add.type === 'addStatement' ? add.statement : undefined).toEqual({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' });
  });
});
