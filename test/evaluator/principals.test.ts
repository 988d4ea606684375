import { describe, expect, it } from 'vitest';
import { matchPrincipal } from '../../src/evaluator/match/principal.js';
import { parsePrincipal } from '../../src/iam/principal.js';
import type { PrincipalValue } from '../../src/model/policy.js';
import {
  ownedByCaller,
  ACCOUNT,
  ALICE,
  BOB,
  BUCKET,
  OTHER_ACCOUNT,
  OTHER_USER,
  policy,
  ROLE,
  run,
  SESSION,
  statements,
  type Json,
} from '../helpers/evaluate.js';

/**
 * The Principal and NotPrincipal elements of a resource-based policy, per IAM User Guide, "AWS JSON
 * policy elements: Principal" and "AWS JSON policy elements: NotPrincipal" (docs/aws-semantics.md,
 * sections 3-5). Matching is checked on the resource statement's `applies`, which does not depend on
 * whether the grant is enough to allow (that is evaluate.test.ts).
 */

const SESSION_2 = `arn:aws:sts::${ACCOUNT}:assumed-role/app/session-2`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/fed`;
const DAVE = `arn:aws:iam::${ACCOUNT}:user/staff/dave`;
const CLOUDFRONT = 'cloudfront.amazonaws.com';

/** Does an Allow statement with this Principal element apply to `caller`? */
async function principalApplies(principal: Json | string, caller: string, element: 'Principal' | 'NotPrincipal' = 'Principal'): Promise<boolean> {
  const report = await run({
    principal: caller,
    resourcePolicy: policy([{ Effect: element === 'Principal' ? 'Allow' : 'Deny', [element]: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]),
  });
  return statements(report, 'resource')[0]!.applies;
}

type Row = [title: string, principal: Json | string, caller: string, applies: boolean];

// PRIN: "For resource-based policies, using a wildcard (*) with an Allow effect grants access to all users,
// including anonymous users (public access)." "For anonymous users, the following elements are equivalent:
// "Principal": "*" / "Principal" : { "AWS" : "*" }".
describe('"*" and {"AWS": "*"} (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: Row[] = [
    ['"*" names an IAM user', '*', ALICE, true],
    ['"*" names a role session', '*', SESSION, true],
    ['"*" names a user of another account', '*', OTHER_USER, true],
    ['"*" names an anonymous caller', '*', 'anonymous', true],
    ['{"AWS": "*"} names an IAM user', { AWS: '*' }, ALICE, true],
    ['{"AWS": "*"} names an anonymous caller', { AWS: '*' }, 'anonymous', true],
    ['{"AWS": ["*"]} names an anonymous caller', { AWS: ['*'] }, 'anonymous', true],
  ];
  it.each(rows)('%s', async (_t, principal, caller, applies) => {
    expect(await principalApplies(principal, caller)).toBe(applies);
  });
});

// PRIN: "You can specify AWS account identifiers in the Principal element [...]. This delegates authority to
// the account." "The account ARN and the shortened account ID behave the same way. Both delegate
// permissions to the account. Using the account ARN in the Principal element does not limit permissions to
// only the root user of the account."
describe('an account: id or root ARN (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: Row[] = [];
  for (const [form, value] of [
    ['account id', ACCOUNT],
    ['root ARN', ROOT],
  ] as const) {
    rows.push(
      [`${form} names an IAM user of the account`, { AWS: value }, ALICE, true],
      [`${form} names a role session of the account`, { AWS: value }, SESSION, true],
      [`${form} names a federated user of the account`, { AWS: value }, FEDERATED, true],
      [`${form} names the root user`, { AWS: value }, ROOT, true],
      [`${form} names the root user given as an account id`, { AWS: value }, ACCOUNT, true],
      [`${form} does not name a user of another account`, { AWS: value }, OTHER_USER, false],
      [`${form} does not name an anonymous caller`, { AWS: value }, 'anonymous', false],
      [`${form} does not name a service principal`, { AWS: value }, CLOUDFRONT, false],
    );
  }
  it.each(rows)('%s', async (_t, principal, caller, applies) => {
    expect(await principalApplies(principal, caller)).toBe(applies);
  });
});

// PRIN: "In a Principal element, the user name part of the Amazon Resource Name (ARN) is case sensitive."
// "When you specify a role principal in a resource-based policy, the effective permissions for the principal
// are limited by any policy types that limit permissions for the role" (the caller is a session of the
// role). "When you specify an assumed-role session in a Principal element, you cannot use a wildcard "*" to
// mean all sessions. Principals must always name a specific session." Role names are unique in an account
// whatever their path (IAM quotas, "IAM name requirements"); the session ARN carries no path.
describe('user, role, session and federated user ARNs (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: Row[] = [
    ['a user ARN names that user', { AWS: ALICE }, ALICE, true],
    ['a user ARN does not name another user', { AWS: ALICE }, BOB, false],
    ['the user name is case-sensitive', { AWS: `arn:aws:iam::${ACCOUNT}:user/Alice` }, ALICE, false],
    ['a user ARN with a path', { AWS: DAVE }, DAVE, true],
    ['a user ARN does not name the account root', { AWS: ALICE }, ROOT, false],
    ['a user ARN of another account', { AWS: OTHER_USER }, OTHER_USER, true],
    ['a role ARN names a session of the role', { AWS: ROLE }, SESSION, true],
    ['a role ARN names every session of the role', { AWS: ROLE }, SESSION_2, true],
    ['a role ARN names the role (given as its ARN)', { AWS: ROLE }, ROLE, true],
    ['a role ARN with a path names a session of the role', { AWS: `arn:aws:iam::${ACCOUNT}:role/service/app` }, SESSION, true],
    ['a role ARN does not name a session of another role', { AWS: `arn:aws:iam::${ACCOUNT}:role/other` }, SESSION, false],
    ['a role ARN does not name a role of the same name in another account', { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/app` }, SESSION, false],
    ['a role ARN does not name a user of the same name', { AWS: `arn:aws:iam::${ACCOUNT}:role/alice` }, ALICE, false],
    ['a session ARN names that session', { AWS: SESSION }, SESSION, true],
    ['a session ARN does not name another session of the role', { AWS: SESSION }, SESSION_2, false],
    ['a federated user ARN', { AWS: FEDERATED }, FEDERATED, true],
    ['several principals are ORed', { AWS: [BOB, ALICE] }, ALICE, true],
    ['several principals, none names the caller', { AWS: [BOB, OTHER_USER] }, ALICE, false],
  ];
  it.each(rows)('%s', async (_t, principal, caller, applies) => {
    expect(await principalApplies(principal, caller)).toBe(applies);
  });
});

// PRIN: "You cannot use a wildcard to match part of a principal name or ARN." Grammar: "you can use * only
// to specify "everyone/anonymous." You cannot use it to specify part of a name or ARN."
describe('a partial wildcard never matches (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: Row[] = [
    ['user/*', { AWS: `arn:aws:iam::${ACCOUNT}:user/*` }, ALICE, false],
    ['user/al?ce', { AWS: `arn:aws:iam::${ACCOUNT}:user/al?ce` }, ALICE, false],
    ['assumed-role/app/* (all sessions)', { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/app/*` }, SESSION, false],
    ['role/*', { AWS: `arn:aws:iam::${ACCOUNT}:role/*` }, SESSION, false],
    ['an account wildcard in a root ARN', { AWS: 'arn:aws:iam::*:root' }, ALICE, false],
    ['a wildcard service name', { Service: '*.amazonaws.com' }, CLOUDFRONT, false],
  ];
  it.each(rows)('%s', async (_t, principal, caller, applies) => {
    expect(await principalApplies(principal, caller)).toBe(applies);
  });

  it('the statement says why: wildcards inside a principal match nobody', async () => {
    const report = await run({
      resourcePolicy: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]),
    });
    const s = statements(report, 'resource')[0]!;
    expect(s.failedElement).toBe('Principal');
    expect(s.reason).toMatch(/wildcard/);
  });
});

// PRIN: "A service principal is an identifier for a service." "`service-name.amazonaws.com`".
// "Principal": { "Federated": ... } names an identity provider (trust policies), never a request's caller.
describe('Service and Federated (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const rows: Row[] = [
    ['Service names that service', { Service: CLOUDFRONT }, CLOUDFRONT, true],
    ['Service in a list', { Service: ['logs.amazonaws.com', CLOUDFRONT] }, CLOUDFRONT, true],
    ['Service does not name another service', { Service: 'logs.amazonaws.com' }, CLOUDFRONT, false],
    ['Service does not name an IAM user', { Service: CLOUDFRONT }, ALICE, false],
    ['AWS does not name a service (an account)', { AWS: ACCOUNT }, CLOUDFRONT, false],
    ['Federated never names a request caller', { Federated: 'cognito-identity.amazonaws.com' }, ALICE, false],
    ['AWS and Service together: either names the caller', { AWS: ALICE, Service: CLOUDFRONT }, CLOUDFRONT, true],
  ];
  it.each(rows)('%s', async (_t, principal, caller, applies) => {
    expect(await principalApplies(principal, caller)).toBe(applies);
  });
});

// NOTP: "When you use NotPrincipal in the same policy statement as "Effect": "Deny", the actions specified
// in the policy statement are explicitly denied to all principals except for the ones specified."
describe('NotPrincipal with Deny (IAM User Guide, "AWS JSON policy elements: NotPrincipal")', () => {
  const bob = `arn:aws:iam::${OTHER_ACCOUNT}:user/Bob`;
  const bobAccount = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
  const auditRole = `arn:aws:iam::${OTHER_ACCOUNT}:role/cross-account-read-only-role`;
  const auditSession = `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/cross-account-read-only-role/cross-account-audit-app`;
  // The page's examples (awsdocs/iam-user-guide, reference_policies_elements_notprincipal.md @0491d91).
  const bobExample = { AWS: [bob, bobAccount] };
  const roleExample = { AWS: [auditSession, auditRole, bobAccount] };
  const rows: Row[] = [
    ['the listed user is not denied', bobExample, bob, false],
    ['a user of another account is denied', bobExample, ALICE, true],
    ['an anonymous caller is denied', bobExample, 'anonymous', true],
    ['a service principal is denied', bobExample, CLOUDFRONT, true],
    ['the listed session is not denied', roleExample, auditSession, false],
    // "you must also specify the account ARN of the not-denied principal. Otherwise, the policy might deny
    // access to the entire account": on a "might", the Deny applies (never report Allowed wrongly).
    ['a user ARN alone (no account ARN): that user is still denied', { AWS: ALICE }, ALICE, true],
    ['a user ARN alone: another user is denied', { AWS: ALICE }, BOB, true],
  ];
  it.each(rows)('%s', async (_t, principal, caller, denied) => {
    expect(await principalApplies(principal, caller, 'NotPrincipal')).toBe(denied);
  });

  // "In the following example, all principals *except* the user named Bob in AWS account 444455556666 are
  // explicitly denied access to a resource." The account ARN is listed only so that the account-level
  // check does not deny Bob; it does not spare the account's other users.
  it("the documented Bob example denies another user of Bob's account", async () => {
    expect(await principalApplies(bobExample, `arn:aws:iam::${OTHER_ACCOUNT}:user/alice`, 'NotPrincipal')).toBe(true);
  });

  // "all principals *except* the assumed-role user named cross-account-audit-app in AWS account
  // 444455556666 are explicitly denied access to a resource." The role ARN is listed so that the role-level
  // check does not deny; it does not spare the role's other sessions.
  it('the documented role example denies another session of the same role', async () => {
    const other = `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/cross-account-read-only-role/other-session`;
    expect(await principalApplies(roleExample, other, 'NotPrincipal')).toBe(true);
  });
});

// Unit level: matchPrincipal on parsed request principals, and what kind of grant it reports (an account
// value delegates; a role ARN reaches the role's sessions; a named user or session is a direct grant; "*"
// is everyone).
describe('matchPrincipal (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const v = (type: PrincipalValue['type'], value: string): PrincipalValue => ({ type, value, span });
  const rows: [title: string, values: PrincipalValue[], caller: string, grant: string | null][] = [
    ['"*"', [v('*', '*')], 'anonymous', 'everyone'],
    ['AWS "*"', [v('AWS', '*')], ALICE, 'everyone'],
    ['account id', [v('AWS', ACCOUNT)], ALICE, 'account'],
    ['root ARN', [v('AWS', ROOT)], SESSION, 'account'],
    ['user ARN', [v('AWS', ALICE)], ALICE, 'principal'],
    ['role ARN for a session', [v('AWS', ROLE)], SESSION, 'role'],
    ['session ARN', [v('AWS', SESSION)], SESSION, 'principal'],
    ['service', [v('Service', CLOUDFRONT)], CLOUDFRONT, 'principal'],
    ['first matching value wins', [v('AWS', ACCOUNT), v('AWS', ALICE)], ALICE, 'account'],
    ['partial wildcard', [v('AWS', `arn:aws:iam::${ACCOUNT}:user/*`)], ALICE, null],
    ['another partition', [v('AWS', `arn:aws-cn:iam::${ACCOUNT}:user/alice`)], ALICE, null],
    ['CanonicalUser never matches', [v('CanonicalUser', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be')], ALICE, null],
  ];
  it.each(rows)('%s', (_t, values, caller, grant) => {
    const m = matchPrincipal(values, parsePrincipal(caller, {}));
    expect(m.matched).toBe(grant !== null);
    if (grant !== null) expect(m.grant).toBe(grant);
  });
});

// IAM User Guide, "AWS JSON policy elements: NotPrincipal" (current): "The NotPrincipal element with a
// Deny effect will always deny any IAM principal that has a permissions boundary policy attached,
// regardless of the values specified in the NotPrincipal element."
describe('NotPrincipal and permissions boundaries', () => {
  it('a Deny with NotPrincipal listing the caller at every level still denies a caller with a boundary', async () => {
    const { evaluate } = await import('../../src/index.js');
    const user = 'arn:aws:iam::111122223333:user/alice';
    const policy = (extra: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra }] });
    const doc = (boundary: boolean) => ({
      principal: user,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt',
      policies: {
        identity: [policy({})],
        ...(boundary ? { boundary: policy({}) } : {}),
        resource: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'DenyOthers', Effect: 'Deny', NotPrincipal: { AWS: [user, 'arn:aws:iam::111122223333:root'] }, Action: 's3:*', Resource: '*' }],
        },
      },
    });
    const now = new Date('2026-01-01T00:00:00Z');
    expect((await evaluate(ownedByCaller(doc(false)), { now })).decision).toBe('Allowed');
    const r = await evaluate(ownedByCaller(doc(true)), { now });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deciding.map((d) => d.sid)).toEqual(['DenyOthers']);
  });
});
