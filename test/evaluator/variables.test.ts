import { describe, expect, it } from 'vitest';
import { parseTemplate, resolveTemplate } from '../../src/evaluator/match/template.js';
import { ALICE, BUCKET, conditionCase, policy, run, SESSION, statements, type Json } from '../helpers/evaluate.js';

/**
 * Policy variables, per IAM User Guide, "IAM policy elements: Variables and tags" (VARS / VARS-cur in
 * docs/aws-semantics.md, section 8) and "IAM JSON policy elements: Version".
 */

/** Evaluates alice (or `principal`) doing `action` on `resource` against one identity Allow statement. */
async function allowed(
  resourcePattern: string | string[],
  resource: string,
  options: { context?: Json; version?: string | null; principal?: string; action?: string } = {},
): Promise<boolean> {
  const report = await run({
    principal: options.principal ?? ALICE,
    action: options.action ?? 's3:GetObject',
    resource,
    context: options.context ?? {},
    identity: [
      policy(
        [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: resourcePattern }],
        options.version === undefined ? '2012-10-17' : options.version,
      ),
    ],
  });
  return report.decision === 'Allowed';
}

/** Whether an Allow with this condition applies (Version 2012-10-17 unless given). */
async function holds(condition: Json, context: Json = {}, options: { version?: string | null; principal?: string } = {}): Promise<boolean> {
  return (await conditionCase('Allow', condition, context, options)).match.applies;
}

// VARS-cur: "You can use a policy variable in the Resource element, but only in the resource portion of
// the ARN." "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime."
describe('${aws:username} in Resource (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  const home = `${BUCKET}/home/\${aws:username}/*`;
  const rows: [title: string, pattern: string, resource: string, principal: string, expected: boolean][] = [
    ['alice reads her own home folder', home, `${BUCKET}/home/alice/a.txt`, ALICE, true],
    ["alice cannot read bob's home folder", home, `${BUCKET}/home/bob/a.txt`, ALICE, false],
    ["the variable is replaced by the caller's name (bob)", home, `${BUCKET}/home/bob/a.txt`, 'arn:aws:iam::111122223333:user/bob', true],
    ['the key name inside ${} is case-insensitive', `${BUCKET}/home/\${AWS:UserName}/*`, `${BUCKET}/home/alice/a.txt`, ALICE, true],
    ['the substituted value is compared case-sensitively, like the ARN', home, `${BUCKET}/home/Alice/a.txt`, ALICE, false],
    ['a user with a path: aws:username is the name alone', home, `${BUCKET}/home/dave/a.txt`, 'arn:aws:iam::111122223333:user/staff/dave', true],
    // AWS global condition context keys: aws:username is absent for roles ("requests that are made using
    // ... IAM roles do not include this key"), so the entry matches nothing.
    ['a role session has no aws:username: the entry matches nothing', home, `${BUCKET}/home/app/a.txt`, SESSION, false],
  ];
  it.each(rows)('%s', async (_t, pattern, resource, principal, expected) => {
    expect(await allowed(pattern, resource, { principal })).toBe(expected);
  });

  it('the report says which variable had no value', async () => {
    const report = await run({
      principal: SESSION,
      resource: `${BUCKET}/home/app/a.txt`,
      identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: home }])],
    });
    const s = statements(report)[0]!;
    expect(s.failedElement).toBe('Resource');
    expect(s.reason).toContain('${aws:username}');
  });
});

// VARS-cur: "You can use a policy variable for Condition values in any condition that involves the string
// operators or the ARN operators."
describe('variables in Condition values (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  const sameTeam = { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } };
  const rows: [title: string, condition: Json, context: Json, expected: boolean][] = [
    ['StringEquals ${aws:PrincipalTag/team}: same team', sameTeam, { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'blue' }, true],
    ['StringEquals ${aws:PrincipalTag/team}: other team', sameTeam, { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'red' }, false],
    [
      'StringEquals ${aws:PrincipalTag/team}: tag key case differs in the request',
      sameTeam,
      { 'AWS:PRINCIPALTAG/TEAM': 'blue', 'aws:ResourceTag/team': 'blue' },
      true,
    ],
    [
      'StringNotEquals ${aws:PrincipalTag/team}: other team',
      { StringNotEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'red' },
      true,
    ],
    [
      'StringEqualsIgnoreCase with a variable',
      { StringEqualsIgnoreCase: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      { 'aws:PrincipalTag/team': 'Blue', 'aws:ResourceTag/team': 'BLUE' },
      true,
    ],
    ['StringLike home/${aws:username}/*', { StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/alice/docs/' }, true],
    [
      "StringLike home/${aws:username}/*, another user's folder",
      { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      { 's3:prefix': 'home/bob/docs/' },
      false,
    ],
    [
      'ArnLike with ${aws:PrincipalAccount}',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:${aws:PrincipalAccount}:*' } },
      { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' },
      true,
    ],
    [
      'ArnLike with ${aws:PrincipalAccount}, another account',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:${aws:PrincipalAccount}:*' } },
      { 'aws:SourceArn': 'arn:aws:sns:us-east-1:444455556666:t' },
      false,
    ],
    [
      'a variable between literal text',
      { StringEquals: { 's3:prefix': 'team-${aws:PrincipalTag/team}-data' } },
      { 'aws:PrincipalTag/team': 'blue', 's3:prefix': 'team-blue-data' },
      true,
    ],
  ];
  it.each(rows)('%s', async (_t, condition, context, expected) => {
    expect(await holds(condition, context)).toBe(expected);
  });

  // VARS-cur: "You can't use a policy variable with other operators, such as Numeric, Date, Boolean,
  // Binary, IP Address, or Null operators." The text is not substituted, so it is not a number / CIDR.
  it.each([
    ['NumericEquals', { NumericEquals: { 's3:max-keys': '${aws:PrincipalTag/limit}' } }, { 'aws:PrincipalTag/limit': '5', 's3:max-keys': '5' }],
    [
      'IpAddress',
      { IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/office}' } },
      { 'aws:PrincipalTag/office': '203.0.113.0/24', 'aws:SourceIp': '203.0.113.7' },
    ],
    ['DateLessThan', { DateLessThan: { 'aws:CurrentTime': '${aws:PrincipalTag/expiry}' } }, { 'aws:PrincipalTag/expiry': '2030-01-01T00:00:00Z' }],
  ] as [string, Json, Json][])('%s does not substitute variables (an Allow with one does not apply)', async (_t, condition, context) => {
    expect(await holds(condition, context)).toBe(false);
  });

  // The two pages disagree on Bool: VARS-cur lists "Boolean" above, while "Condition operators" says
  // for Boolean condition operators "Policy variables – Supported". The operator page is the specific
  // one (it lists support per operator family), so Bool substitutes.
  it.each([
    ['the tag resolves to the request value', { 'aws:PrincipalTag/mfa-required': 'true', 'aws:MultiFactorAuthPresent': true }, true],
    ['the tag resolves to another value', { 'aws:PrincipalTag/mfa-required': 'false', 'aws:MultiFactorAuthPresent': true }, false],
    ['the tag is missing (no value, no match)', { 'aws:MultiFactorAuthPresent': true }, false],
  ] as [string, Json, boolean][])('Bool substitutes variables: %s', async (_t, context, expected) => {
    expect(await holds({ Bool: { 'aws:MultiFactorAuthPresent': '${aws:PrincipalTag/mfa-required}' } }, context)).toBe(expected);
  });
});

// VARS-cur, "Specifying default values": "To add a default value to a variable, surround the default value
// with single quotes (' '), and separate the variable text and the default value with a comma and space".
// Example: "Resource":"arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}"
describe('default values (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  const docExample = "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}";
  const rows: [title: string, resource: string, context: Json, expected: boolean][] = [
    ['the documented example, no team tag: the default is used', 'arn:aws:s3:::amzn-s3-demo-bucket-company-wide', {}, true],
    ['the documented example, team tag blue: the tag is used', 'arn:aws:s3:::amzn-s3-demo-bucket-blue', { 'aws:PrincipalTag/team': 'blue' }, true],
    [
      'the documented example, team tag blue: the default is not used',
      'arn:aws:s3:::amzn-s3-demo-bucket-company-wide',
      { 'aws:PrincipalTag/team': 'blue' },
      false,
    ],
  ];
  it.each(rows)('%s', async (_t, resource, context, expected) => {
    expect(await allowed(docExample, resource, { action: 's3:ListBucket', context })).toBe(expected);
  });

  const withDefault = { StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'none'}" } };
  it.each([
    ["StringEquals ${aws:PrincipalTag/team, 'none'}: no principal tag, resource tagged none", withDefault, { 'aws:ResourceTag/team': 'none' }, true],
    ["StringEquals ${aws:PrincipalTag/team, 'none'}: no principal tag, resource tagged blue", withDefault, { 'aws:ResourceTag/team': 'blue' }, false],
    [
      "StringEquals ${aws:PrincipalTag/team, 'none'}: principal tag blue wins",
      withDefault,
      { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'blue' },
      true,
    ],
    ['an empty default', { StringEquals: { 's3:prefix': "${aws:PrincipalTag/team, ''}" } }, { 's3:prefix': '' }, true],
  ] as [string, Json, Json, boolean][])('%s', async (_t, condition, context, expected) => {
    expect(await holds(condition, context)).toBe(expected);
  });
});

// VARS-cur, "Special characters": "${*} - use where you need an * (asterisk) character. ${?} - use where
// you need a ? (question mark) character. ${$} - use where you need a $ (dollar sign) character. These
// predefined policy variables can be used in any string where you can use regular policy variables."
describe('${*}, ${?} and ${$} are literal characters (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  const resourceRows: [title: string, pattern: string, resource: string, expected: boolean][] = [
    ['${*} matches a literal *', `${BUCKET}/\${*}`, `${BUCKET}/*`, true],
    ['${*} is not a wildcard', `${BUCKET}/\${*}`, `${BUCKET}/a.txt`, false],
    ['${?} matches a literal ?', `${BUCKET}/what\${?}`, `${BUCKET}/what?`, true],
    ['${?} is not a wildcard', `${BUCKET}/what\${?}`, `${BUCKET}/whatx`, false],
    ['${$} matches a literal $', `${BUCKET}/price\${$}`, `${BUCKET}/price$`, true],
    ['${*} beside a real wildcard', `${BUCKET}/\${*}/*`, `${BUCKET}/*/a.txt`, true],
    ['${*} beside a real wildcard, no literal star', `${BUCKET}/\${*}/*`, `${BUCKET}/x/a.txt`, false],
  ];
  it.each(resourceRows)('Resource: %s', async (_t, pattern, resource, expected) => {
    expect(await allowed(pattern, resource)).toBe(expected);
  });

  it.each([
    ['StringLike a${*}: literal star', { StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'a*' }, true],
    ['StringLike a${*}: not a wildcard', { StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'ab' }, false],
    ['StringLike a${?}: not a wildcard', { StringLike: { 's3:prefix': 'a${?}' } }, { 's3:prefix': 'ab' }, false],
    [
      'StringEquals ${$}{aws:username} is the text ${aws:username}',
      { StringEquals: { 's3:prefix': '${$}{aws:username}' } },
      { 's3:prefix': '${aws:username}' },
      true,
    ],
    ['StringEquals ${$}{aws:username} is not substituted', { StringEquals: { 's3:prefix': '${$}{aws:username}' } }, { 's3:prefix': 'alice' }, false],
  ] as [string, Json, Json, boolean][])('Condition: %s', async (_t, condition, context, expected) => {
    expect(await holds(condition, context)).toBe(expected);
  });
});

// IAM JSON policy elements: Version: "2008-10-17. [...] variables such as ${aws:username} aren't
// recognized as variables and are instead treated as literal strings in the policy." VARS-cur: "If you
// don't include the Version element and set it to an appropriate version date, variables like
// ${aws:username} are treated as literal strings in the policy."
describe('Version 2008-10-17 or no Version: ${...} is literal text (IAM User Guide, "IAM JSON policy elements: Version")', () => {
  const home = `${BUCKET}/home/\${aws:username}/*`;
  it.each([
    ['2008-10-17', '2008-10-17'],
    ['no Version element', null],
  ] as [string, string | null][])('%s: Resource ${aws:username} is not replaced', async (_t, version) => {
    expect(await allowed(home, `${BUCKET}/home/alice/a.txt`, { version })).toBe(false);
    expect(await allowed(home, `${BUCKET}/home/\${aws:username}/a.txt`, { version })).toBe(true);
  });

  it.each([
    ['2008-10-17', '2008-10-17'],
    ['no Version element', null],
  ] as [string, string | null][])('%s: a condition value ${aws:username} is not replaced', async (_t, version) => {
    const cond = { StringEquals: { 's3:prefix': '${aws:username}' } };
    expect(await holds(cond, { 's3:prefix': 'alice' }, { version })).toBe(false);
    expect(await holds(cond, { 's3:prefix': '${aws:username}' }, { version })).toBe(true);
  });

  it('2008-10-17: a default value is literal text too', async () => {
    const cond = { StringEquals: { 's3:prefix': "${aws:PrincipalTag/team, 'none'}" } };
    expect(await holds(cond, { 's3:prefix': 'none' }, { version: '2008-10-17' })).toBe(false);
    expect(await holds(cond, { 's3:prefix': "${aws:PrincipalTag/team, 'none'}" }, { version: '2008-10-17' })).toBe(true);
  });
});

// VARS-cur, "Policy variables with no value": "When you use a variable with no value in the condition
// element of an IAM policy, [...] operators like StringEquals or StringLike do not match [...]. Inverted
// condition operators like StringNotEquals or StringNotLike do match against a null value [...]. If a
// variable that has no value in the authorization context is used as part of the Resource or NotResource
// element of a policy, the resource that includes a policy variable with no value will not match any
// resource."
describe('a variable with no value and no default (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  it('a Resource entry with it matches nothing', async () => {
    const pattern = `${BUCKET}/\${aws:PrincipalTag/team}/*`;
    expect(await allowed(pattern, `${BUCKET}/blue/a.txt`)).toBe(false);
    expect(await allowed(pattern, `${BUCKET}//a.txt`)).toBe(false);
    expect(await allowed(pattern, `${BUCKET}/blue/a.txt`, { context: { 'aws:PrincipalTag/team': 'blue' } })).toBe(true);
  });

  it('only that entry: another entry of the same Resource still matches', async () => {
    expect(await allowed([`${BUCKET}/\${aws:PrincipalTag/team}/*`, `${BUCKET}/public/*`], `${BUCKET}/public/a.txt`)).toBe(true);
  });

  it('a NotResource entry with it matches nothing, so a Deny NotResource applies to the resource', async () => {
    const report = await run({
      identity: [
        policy([
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Deny', Action: 's3:GetObject', NotResource: `${BUCKET}/\${aws:PrincipalTag/team}/*` },
        ]),
      ],
      resource: `${BUCKET}/blue/a.txt`,
    });
    expect(report.decision).toBe('ExplicitDeny');
  });

  const team = '${aws:PrincipalTag/team}';
  const ctx = { 's3:prefix': 'blue', 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:blue' };
  it.each([
    ['StringEquals does not match', { StringEquals: { 's3:prefix': team } }, false],
    ['StringEquals does not match even an empty request value', { StringEquals: { 's3:prefix': team } }, false, { 's3:prefix': '' }],
    ['StringEqualsIgnoreCase does not match', { StringEqualsIgnoreCase: { 's3:prefix': team } }, false],
    ['StringLike does not match', { StringLike: { 's3:prefix': `${team}*` } }, false],
    ['ArnLike does not match', { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:*:${team}` } }, false],
    ['ArnEquals does not match', { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:*:*:${team}` } }, false],
    ['StringNotEquals matches', { StringNotEquals: { 's3:prefix': team } }, true],
    ['StringNotEqualsIgnoreCase matches', { StringNotEqualsIgnoreCase: { 's3:prefix': team } }, true],
    ['StringNotLike matches', { StringNotLike: { 's3:prefix': `${team}*` } }, true],
    ['ArnNotLike matches', { ArnNotLike: { 'aws:SourceArn': `arn:aws:sns:*:*:${team}` } }, true],
    ['ArnNotEquals matches', { ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:*:*:${team}` } }, true],
    // Several values are ORed: the unresolved one matches nothing, the other still can.
    ['StringEquals with a second, plain value that matches', { StringEquals: { 's3:prefix': [team, 'blue'] } }, true],
  ] as [string, Json, boolean, Json?][])('in a condition: %s', async (_t, condition, expected, context) => {
    expect(await holds(condition, context ?? ctx)).toBe(expected);
  });

  it('a Deny with StringNotEquals and an unresolved variable applies', async () => {
    const { match } = await conditionCase('Deny', { StringNotEquals: { 's3:prefix': team } }, ctx);
    expect(match.applies).toBe(true);
  });
});

// VARS-cur: "You can use any single-valued condition key as a variable. You can't use a multivalued
// condition key as a variable." A multivalued key has no single value to substitute: unresolved.
describe('a multivalued key as a variable is unresolved (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  it('in Resource: the entry matches nothing', async () => {
    const pattern = `${BUCKET}/\${aws:TagKeys}/*`;
    expect(await allowed(pattern, `${BUCKET}/env/a.txt`, { context: { 'aws:TagKeys': ['env', 'team'] } })).toBe(false);
    // A one-element array is still a multivalued key.
    expect(await allowed(pattern, `${BUCKET}/env/a.txt`, { context: { 'aws:TagKeys': ['env'] } })).toBe(false);
  });

  it('in a condition: StringEquals does not match, StringNotEquals does', async () => {
    expect(await holds({ StringEquals: { 's3:prefix': '${aws:TagKeys}' } }, { 'aws:TagKeys': ['env'], 's3:prefix': 'env' })).toBe(false);
    expect(await holds({ StringNotEquals: { 's3:prefix': '${aws:TagKeys}' } }, { 'aws:TagKeys': ['env'], 's3:prefix': 'env' })).toBe(true);
  });
});

// Unit level: how template text is read (same page; `${key, 'default'}`, special characters).
describe('parseTemplate / resolveTemplate', () => {
  const lookup = (values: Record<string, string>) => (key: string) => values[key.toLowerCase()];
  const rows: [text: string, variables: boolean, values: Record<string, string>, expected: string | null][] = [
    ['home/${aws:username}/', true, { 'aws:username': 'alice' }, 'home/alice/'],
    ['home/${aws:username}/', true, {}, null],
    ['home/${aws:username}/', false, { 'aws:username': 'alice' }, 'home/${aws:username}/'],
    ["${aws:PrincipalTag/team, 'none'}", true, {}, 'none'],
    ["${aws:PrincipalTag/team, 'none'}", true, { 'aws:principaltag/team': 'blue' }, 'blue'],
    ['${*}${?}${$}', true, {}, '*?$'],
    ['${aws:username', true, { 'aws:username': 'alice' }, '${aws:username'],
    ['a${aws:username}b${aws:userid}c', true, { 'aws:username': 'alice', 'aws:userid': 'AIDA' }, 'aaliceb' + 'AIDAc'],
  ];
  it.each(rows)('%s (variables: %s)', (text, variables, values, expected) => {
    const t = parseTemplate(text, { variables, wildcards: false });
    const r = resolveTemplate(t, lookup(values));
    if (expected === null) expect(r.unresolved).toBeDefined();
    else {
      expect(r.unresolved).toBeUndefined();
      expect(r.pieces.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('')).toBe(expected);
    }
  });

  it('${*} stays a literal piece while * is a wildcard piece', () => {
    const t = parseTemplate('${*}*', { variables: true, wildcards: true });
    expect(t.pieces).toEqual([{ literal: '*' }, { wildcard: '*' }]);
  });
});
