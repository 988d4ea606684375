import { describe, expect, it } from 'vitest';
import { ownedByCaller } from '../../../src/input/evidence/index.js';

/**
 * An account dump lists every user's and role's policies; only the caller's are placed. A role session's ARN
 * drops the role's path ("arn:aws:sts::account:assumed-role/role-name/role-session-name", IAM User Guide, "IAM
 * identifiers"), so a session matches its role by account and name; aws:PrincipalArn, when known, must match exactly.
 */
describe('whose policy is the caller’s', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/service-role/etl-writer', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job' }, true],
    ['arn:aws:iam::111122223333:role/etl-writer', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job' }, true],
    ['arn:aws:iam::444455556666:role/etl-writer', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job' }, false],
    ['arn:aws:iam::111122223333:role/etl-reader', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job' }, false],
    ['arn:aws:iam::111122223333:user/etl-writer', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job' }, false],
    [
      'arn:aws:iam::111122223333:role/etl-writer',
      { principal: 'arn:aws:sts::111122223333:assumed-role/etl-writer/job', principalArn: 'arn:aws:iam::111122223333:role/service-role/etl-writer' },
      false,
    ],
    ['arn:aws:iam::111122223333:user/division/alice', { principal: 'arn:aws:iam::111122223333:user/division/alice' }, true],
    ['arn:aws:iam::111122223333:user/alice', { principal: 'arn:aws:iam::111122223333:user/bob' }, false],
    ['arn:aws:iam::111122223333:role/etl-writer', {}, false],
  ])('%s for %j: %s', (owner, caller, expected) => {
    expect(ownedByCaller(owner, caller)).toBe(expected);
  });
});
