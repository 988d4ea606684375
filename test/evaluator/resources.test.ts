import { describe, expect, it } from 'vitest';
import { compileArnPattern } from '../../src/evaluator/match/arn.js';
import { parseArn } from '../../src/iam/arn.js';
import { ALICE, BUCKET, policy, run, statements, type Json } from '../helpers/evaluate.js';

/**
 * Resource and Action matching, per IAM User Guide, "IAM JSON policy elements: Resource" and
 * "IAM JSON Policy Elements: Action" (docs/aws-semantics.md, sections 9 and 10).
 */

/** Does an identity policy with one statement `{Effect, Action, Resource|NotResource}` allow the request? */
async function decide(element: Json, request: { action?: string; resource: string }, effect: 'Allow' | 'Deny' = 'Allow'): Promise<string> {
  const stmt = { Effect: effect, Action: '*', ...element };
  const extra = effect === 'Deny' ? [{ Effect: 'Allow', Action: '*', Resource: '*' }] : [];
  const report = await run({ principal: ALICE, action: request.action ?? 's3:GetObject', resource: request.resource, identity: [policy([stmt, ...extra])] });
  return report.decision;
}

const match = (pattern: string, arn: string): boolean => compileArnPattern(pattern, { variables: true }).test(parseArn(arn), arn, () => undefined).matched;

// IAM JSON policy elements: Resource (current): "The asterisk (*) character can expand to replace
// everything within a segment, including characters like a forward slash (/) that may otherwise appear to
// be a delimiter within a given service namespace." For "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"
// the page lists the objects it applies to and those it does not.
describe('`*` crosses `/` in the resource part: the documented vectors (IAM User Guide, "IAM JSON policy elements: Resource")', () => {
  const pattern = `${BUCKET}/*/test/*`;
  const matches = [
    'amzn-s3-demo-bucket/1/test/object.jpg',
    'amzn-s3-demo-bucket/1/2/test/object.jpg',
    'amzn-s3-demo-bucket/1/2/test/3/object.jpg',
    'amzn-s3-demo-bucket/1/2/3/test/4/object.jpg',
    'amzn-s3-demo-bucket/1///test///object.jpg',
    'amzn-s3-demo-bucket/1/test/.jpg',
    'amzn-s3-demo-bucket//test/object.jpg',
    'amzn-s3-demo-bucket/1/test/',
  ];
  const nonMatches = ['amzn-s3-demo-bucket/1-test/object.jpg', 'amzn-s3-demo-bucket/test/object.jpg', 'amzn-s3-demo-bucket/1/2/test.jpg'];
  it.each(matches)('applies to %s', async (key) => {
    expect(await decide({ Resource: pattern }, { resource: `arn:aws:s3:::${key}` })).toBe('Allowed');
  });
  it.each(nonMatches)('does not apply to %s', async (key) => {
    expect(await decide({ Resource: pattern }, { resource: `arn:aws:s3:::${key}` })).toBe('ImplicitDeny');
  });
});

// IAM JSON policy elements: Resource: "You can use wildcard characters (* and ?) within any ARN segment
// [...]. An asterisk (*) represents any combination of characters and a question mark (?) represents any
// single character. You can use multiple * or ? characters in each segment". "In the Resource element, the
// IAM user name is case sensitive." Grammar: "Resource": "*" is all resources.
describe('ARN matching in Resource (IAM User Guide, "IAM JSON policy elements: Resource")', () => {
  const rows: [title: string, resourceElement: string | string[], action: string, resource: string, expected: boolean][] = [
    ['exact object ARN', `${BUCKET}/a.txt`, 's3:GetObject', `${BUCKET}/a.txt`, true],
    ['object ARNs are case-sensitive', `${BUCKET}/Photos/*`, 's3:GetObject', `${BUCKET}/photos/a.jpg`, false],
    ['the IAM user name is case-sensitive', 'arn:aws:iam::111122223333:user/Alice', 'iam:GetUser', 'arn:aws:iam::111122223333:user/alice', false],
    ['the IAM user name, same case', 'arn:aws:iam::111122223333:user/alice', 'iam:GetUser', 'arn:aws:iam::111122223333:user/alice', true],
    ['? is exactly one character', `${BUCKET}/file?.txt`, 's3:GetObject', `${BUCKET}/file1.txt`, true],
    ['? does not match two characters', `${BUCKET}/file?.txt`, 's3:GetObject', `${BUCKET}/file10.txt`, false],
    ['? does not match zero characters', `${BUCKET}/file?.txt`, 's3:GetObject', `${BUCKET}/file.txt`, false],
    ['several * and ? in one segment', `${BUCKET}/*-??/*.jpg`, 's3:GetObject', `${BUCKET}/photos-01/x/y.jpg`, true],
    ['a bucket ARN is not an object ARN', BUCKET, 's3:GetObject', `${BUCKET}/a.txt`, false],
    ['bucket/* does not cover the bucket itself', `${BUCKET}/*`, 's3:ListBucket', BUCKET, false],
    ['a trailing * without / covers the bucket and its objects (bucket)', `${BUCKET}*`, 's3:ListBucket', BUCKET, true],
    ['a trailing * without / covers the bucket and its objects (object)', `${BUCKET}*`, 's3:GetObject', `${BUCKET}/a/b.txt`, true],
    ['region wildcard', 'arn:aws:dynamodb:*:111122223333:table/Books', 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Books', true],
    ['region ? wildcard', 'arn:aws:dynamodb:us-east-?:111122223333:table/*', 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-2:111122223333:table/Books', true],
    [
      'region ? wildcard, other region',
      'arn:aws:dynamodb:us-east-?:111122223333:table/*',
      'dynamodb:GetItem',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/Books',
      false,
    ],
    ['account wildcard', 'arn:aws:dynamodb:us-east-1:*:table/Books', 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Books', true],
    [
      'another account does not match',
      'arn:aws:dynamodb:us-east-1:444455556666:table/Books',
      'dynamodb:GetItem',
      'arn:aws:dynamodb:us-east-1:111122223333:table/Books',
      false,
    ],
    ['another partition does not match', 'arn:aws-cn:s3:::amzn-s3-demo-bucket/*', 's3:GetObject', `${BUCKET}/a.txt`, false],
    ['another service does not match', 'arn:aws:sqs:*:111122223333:*', 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Books', false],
    [
      'colons inside the resource part',
      'arn:aws:logs:us-east-1:111122223333:log-group:app:*',
      'logs:PutLogEvents',
      'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1',
      true,
    ],
    ['Resource "*" is every resource', '*', 's3:GetObject', `${BUCKET}/a.txt`, true],
    ['Resource "*" covers an action without a resource', '*', 's3:ListAllMyBuckets', '*', true],
    // IAM "Policy evaluation logic" (Carlos: Resource "arn:aws:s3:::*" "allows Carlos to view a list of all
    // of the buckets") and the S3 walkthrough's AllowGroupToSeeBucketListInTheConsole: S3's no-resource
    // actions are matched as arn:aws:s3::: (the NotAction page disagrees; see docs/aws-semantics.md).
    ["arn:aws:s3:::* covers S3's bucket listing", 'arn:aws:s3:::*', 's3:ListAllMyBuckets', '*', true],
    ["a bucket ARN does not cover S3's bucket listing", 'arn:aws:s3:::amzn-s3-demo-bucket', 's3:ListAllMyBuckets', '*', false],
    ['another service\'s ARN pattern does not cover the resource "*"', 'arn:aws:ec2:*:*:*', 'ec2:DescribeInstances', '*', false],
    ['several entries are ORed', [`${BUCKET}/private/*`, `${BUCKET}/public/*`], 's3:GetObject', `${BUCKET}/public/a.txt`, true],
    ['several entries, none matches', [`${BUCKET}/private/*`, `${BUCKET}/public/*`], 's3:GetObject', `${BUCKET}/other/a.txt`, false],
  ];
  it.each(rows)('%s', async (_t, resourceElement, action, resource, expected) => {
    expect(await decide({ Resource: resourceElement }, { action, resource })).toBe(expected ? 'Allowed' : 'ImplicitDeny');
  });

  it('the matched pattern is reported', async () => {
    const report = await run({ identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: [`${BUCKET}/private/*`, `${BUCKET}/*`] }])] });
    expect(statements(report)[0]!.matched.resource).toBe(`${BUCKET}/*`);
  });
});

// NotResource: the statement applies to every resource except those listed (Grammar: `<resource_block> =
// ("Resource" | "NotResource")`).
describe('NotResource (IAM User Guide, "IAM JSON policy elements: NotResource")', () => {
  const secret = 'arn:aws:s3:::secret-bucket/*';
  it.each([
    ['Allow NotResource applies to a resource not listed', 'Allow', `${BUCKET}/a.txt`, 'Allowed'],
    ['Allow NotResource does not apply to a listed resource', 'Allow', 'arn:aws:s3:::secret-bucket/a.txt', 'ImplicitDeny'],
    ['Deny NotResource denies a resource not listed', 'Deny', `${BUCKET}/a.txt`, 'ExplicitDeny'],
    ['Deny NotResource spares a listed resource', 'Deny', 'arn:aws:s3:::secret-bucket/a.txt', 'Allowed'],
  ] as [string, 'Allow' | 'Deny', string, string][])('%s', async (_t, effect, resource, decision) => {
    expect(await decide({ NotResource: secret }, { resource }, effect)).toBe(decision);
  });

  it('NotResource with several entries excludes each of them', async () => {
    const element = { NotResource: ['arn:aws:s3:::secret-bucket/*', `${BUCKET}/private/*`] };
    expect(await decide(element, { resource: `${BUCKET}/private/a.txt` })).toBe('ImplicitDeny');
    expect(await decide(element, { resource: `${BUCKET}/public/a.txt` })).toBe('Allowed');
  });
});

// Unit level: compileArnPattern. Each colon-separated part is matched on its own; within the resource
// part `*` crosses `/`.
describe('compileArnPattern (IAM User Guide, "IAM JSON policy elements: Resource")', () => {
  const rows: [pattern: string, arn: string, expected: boolean][] = [
    ['*', 'arn:aws:s3:::b/k', true],
    ['*', '*', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/l/m', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::B/k', false],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/k', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/kk', false],
    ['arn:*:s3:::b/k', 'arn:aws-cn:s3:::b/k', true],
    ['arn:aws:sns:*:111122223333:t', 'arn:aws:sns:us-east-1:111122223333:t', true],
    ['arn:aws:sns:us-*-1:111122223333:t', 'arn:aws:sns:us-west-1:111122223333:t', true],
    ['arn:aws:sns:us-*-1:111122223333:t', 'arn:aws:sns:us-west-2:111122223333:t', false],
    ['arn:aws:sns:*:*:*', 'arn:aws:sns:us-east-1:111122223333:t', true],
    ['arn:aws:sns:*:*:*', 'arn:aws:sqs:us-east-1:111122223333:t', false],
    ['arn:aws:sns:us-east-1:111122223333:t', 'not-an-arn', false],
    // The ArnLike example of "IAM JSON policy elements: Condition operators": the first * stays in its
    // segment, so the account part decides.
    ['arn:aws:someservice:*:111122223333:finance/*', 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt', false],
  ];
  it.each(rows)('%s ~ %s → %s', (pattern, arn, expected) => {
    expect(match(pattern, arn)).toBe(expected);
  });

  it('parseArn keeps colons and slashes of the resource part', () => {
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:a:log-stream:b')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '111122223333',
      resource: 'log-group:a:log-stream:b',
    });
    expect(parseArn('arn:aws:s3:::b')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'b' });
    expect(parseArn('arn:aws:s3')).toBeNull();
    expect(parseArn('*')).toBeNull();
  });
});

// IAM JSON Policy Elements: Action: "The prefix and the action name are case insensitive. For example,
// iam:ListAccessKeys is the same as IAM:listaccesskeys." "You can use a wildcard (*) to give access to all
// the actions the specific AWS product offers." "You can also use wildcards (*) as part of the action name.
// For example, the following Action element applies to all IAM actions that include the string AccessKey,
// including CreateAccessKey, DeleteAccessKey, ListAccessKeys, and UpdateAccessKey."
describe('Action matching (IAM User Guide, "IAM JSON Policy Elements: Action")', () => {
  const userArn = 'arn:aws:iam::111122223333:user/alice';
  const rows: [title: string, actionElement: string | string[], action: string, resource: string, expected: boolean][] = [
    ['IAM:listaccesskeys is the same as iam:ListAccessKeys', 'IAM:listaccesskeys', 'iam:ListAccessKeys', userArn, true],
    ['iam:ListAccessKeys, the exact name', 'iam:ListAccessKeys', 'iam:ListAccessKeys', userArn, true],
    ['the request action in another case', 'iam:ListAccessKeys', 'IAM:LISTACCESSKEYS', userArn, true],
    ['another action does not match', 'iam:ListAccessKeys', 'iam:GetUser', userArn, false],
    ['s3:* covers every S3 action', 's3:*', 's3:PutObject', `${BUCKET}/a.txt`, true],
    ['s3:* does not cover another service', 's3:*', 'iam:GetUser', userArn, false],
    [
      's3:* does not cover a service whose prefix starts with s3',
      's3:*',
      's3express:CreateSession',
      'arn:aws:s3express:us-east-1:111122223333:bucket/b--use1-az4--x-s3',
      false,
    ],
    ['iam:*AccessKey* covers CreateAccessKey', 'iam:*AccessKey*', 'iam:CreateAccessKey', userArn, true],
    ['iam:*AccessKey* covers DeleteAccessKey', 'iam:*AccessKey*', 'iam:DeleteAccessKey', userArn, true],
    ['iam:*AccessKey* covers ListAccessKeys', 'iam:*AccessKey*', 'iam:ListAccessKeys', userArn, true],
    ['iam:*AccessKey* covers UpdateAccessKey', 'iam:*AccessKey*', 'iam:UpdateAccessKey', userArn, true],
    ['iam:*AccessKey* does not cover GetUser', 'iam:*AccessKey*', 'iam:GetUser', userArn, false],
    ['S3:get* is case-insensitive', 'S3:get*', 's3:GetObject', `${BUCKET}/a.txt`, true],
    ['s3:Get* does not cover PutObject', 's3:Get*', 's3:PutObject', `${BUCKET}/a.txt`, false],
    ['"*" covers every action', '*', 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Books', true],
    ['several actions are ORed', ['s3:PutObject', 's3:GetObject'], 's3:GetObject', `${BUCKET}/a.txt`, true],
    ['an action name is not a prefix match', 's3:GetObject', 's3:GetObjectAcl', `${BUCKET}/a.txt`, false],
  ];
  it.each(rows)('%s', async (_t, actionElement, action, resource, expected) => {
    const report = await run({ action, resource, identity: [policy([{ Effect: 'Allow', Action: actionElement, Resource: '*' }])] });
    expect(report.decision).toBe(expected ? 'Allowed' : 'ImplicitDeny');
  });

  // NotAction: the statement applies to every action except those listed.
  it.each([
    ['Allow NotAction iam:* applies to s3:GetObject', 'Allow', 'iam:*', 's3:GetObject', `${BUCKET}/a.txt`, 'Allowed'],
    ['Allow NotAction iam:* does not apply to iam:GetUser', 'Allow', 'iam:*', 'iam:GetUser', userArn, 'ImplicitDeny'],
    ['NotAction is case-insensitive too', 'Allow', 'IAM:GETUSER', 'iam:GetUser', userArn, 'ImplicitDeny'],
    ['Deny NotAction s3:GetObject denies s3:PutObject', 'Deny', 's3:GetObject', 's3:PutObject', `${BUCKET}/a.txt`, 'ExplicitDeny'],
    ['Deny NotAction s3:GetObject spares s3:GetObject', 'Deny', 's3:GetObject', 's3:GetObject', `${BUCKET}/a.txt`, 'Allowed'],
    ['Deny NotAction s3:Get* spares s3:GetObjectAcl', 'Deny', 's3:Get*', 's3:GetObjectAcl', `${BUCKET}/a.txt`, 'Allowed'],
  ] as [string, 'Allow' | 'Deny', string, string, string, string][])('%s', async (_t, effect, notAction, action, resource, decision) => {
    const stmts: Json[] = [{ Effect: effect, NotAction: notAction, Resource: '*' }];
    if (effect === 'Deny') stmts.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    const report = await run({ action, resource, identity: [policy(stmts)] });
    expect(report.decision).toBe(decision);
  });
});

// IAM JSON policy elements: Resource (current): "If the * wildcard is the last character of a resource
// ARN segment, it can expand to match beyond the colon boundaries." IAM identifiers: "When you specify an
// incomplete ARN (one with fewer than the standard six fields) in an identity-based policy, AWS
// automatically completes the ARN by adding wildcard characters (*) to all missing fields."
describe('Resource element: segment-ending `*` and incomplete ARNs (IAM User Guide)', () => {
  const resourceMatch = (pattern: string, arn: string): boolean =>
    compileArnPattern(pattern, { variables: true, resourceElement: true }).test(parseArn(arn), arn, () => undefined).matched;
  const LOGS = 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1';
  it.each([
    ['a segment-ending * runs past the colon', 'arn:aws:logs:*:log-group:app:*', LOGS, true],
    ['segment-wise patterns keep working', 'arn:aws:logs:*:*:log-group:app:*', LOGS, true],
    ['a * inside a segment (not at its end) stays in it', 'arn:aws:logs:us-*-1x:log-group:app:*', LOGS, false],
    ['`?` never crosses a colon outside the resource part', 'arn:aws:logs:us-east-1?111122223333:log-group:app:*', LOGS, false],
    ['an incomplete ARN is completed with *', 'arn:aws:sqs', 'arn:aws:sqs:us-east-2:111122223333:queue1', true],
    ['an incomplete ARN still names its service', 'arn:aws:sqs', 'arn:aws:sns:us-east-2:111122223333:topic1', false],
    ['an incomplete ARN with a region', 'arn:aws:sqs:us-east-2', 'arn:aws:sqs:us-west-2:111122223333:queue1', false],
  ] as [string, string, string, boolean][])('%s', (_t, pattern, arn, expected) => {
    expect(resourceMatch(pattern, arn)).toBe(expected);
  });
  // IAM policy variables: "${*} - use where you need an * (asterisk) character"; "You can't use a variable
  // to replace parts of the ARN before the fifth colon".
  it.each([
    ['${*} stays a literal * when a segment-ending * crosses colons', 'arn:aws:sqs:*:111122223333:q-${*}', 'arn:aws:sqs:us-east-1:111122223333:q-prod', false],
    [
      'a variable before the fifth colon is plain text',
      'arn:aws:dynamodb:us-east-1:${aws:PrincipalAccount}:table/t',
      'arn:aws:dynamodb:us-east-1:111122223333:table/t',
      false,
    ],
  ] as [string, string, string, boolean][])('%s', (_t, pattern, arn, expected) => {
    const lookup = (k: string) => (k.toLowerCase() === 'aws:principalaccount' ? '111122223333' : undefined);
    expect(compileArnPattern(pattern, { variables: true, resourceElement: true }).test(parseArn(arn), arn, lookup).matched).toBe(expected);
  });
  // Arn* condition operators check "each of the six colon-delimited components of the ARN separately".
  it('ArnLike conditions stay segment-wise', () => {
    expect(match('arn:aws:logs:*:log-group:app:*', LOGS)).toBe(false);
  });
});
