import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `passrole-unscoped`: iam:PassRole on every role without iam:PassedToService. IAM User Guide, "Grant a user
 * permissions to pass a role to an AWS service": "To pass a role (and its permissions) to an AWS service, a
 * user must have permissions to pass the role to the service." Its example scopes the role and the service:
 * `"Resource": "arn:aws:iam::account-id:role/EC2-roles-for-XYZ-*"` with `"iam:PassedToService": "ec2.amazonaws.com"`.
 */
const PASS_ANY = { Sid: 'Pass', Effect: 'Allow', Action: ['ecs:RunTask', 'iam:PassRole'], Resource: '*' };
const PASS_STAR = { Effect: 'Allow', Action: 'iam:Pass*', Resource: 'arn:aws:iam::111122223333:role/*' };
const IAM_GET = { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' };
const NOT_ACTION = { Effect: 'Allow', NotAction: ['s3:*', 'ec2:*'], Resource: '*' };
const POWER_USER = { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' };
const NOT_RESOURCE = { Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/Admin' };
const TO_EC2 = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } };
const NAMED = { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-task-role' };
const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };
const IAM_ALL = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
const DENY = { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' };

export const table: RuleTable = {
  valid: [
    { text: doc(TO_EC2), file: 'role-policy.json' },
    { text: doc(NAMED), file: 'role-policy.json' },
    { text: doc(IAM_GET), file: 'role-policy.json' },
    { text: doc(POWER_USER), file: 'role-policy.json' },
    { text: doc(DENY), file: 'role-policy.json' },
    // admin-star's findings, not this rule's: one finding per defect.
    { text: doc(ADMIN), file: 'role-policy.json' },
    { text: doc(IAM_ALL), file: 'role-policy.json' },
    // Not an identity policy.
    { text: doc(PASS_ANY), file: 'permissions-boundary.json' },
  ],
  invalid: [
    {
      text: doc(PASS_ANY),
      file: 'role-policy.json',
      at: [spot(0, PASS_ANY, '"*"')],
      message: /^statement "Pass" allows iam:PassRole on `\*` without an iam:PassedToService condition/,
    },
    {
      text: doc(PASS_STAR),
      file: 'role-policy.json',
      at: [spot(0, PASS_STAR, '"iam:Pass*"')],
      message: /through `iam:Pass\*`\) on `arn:aws:iam::111122223333:role\/\*`/,
    },
    { text: doc(NOT_ACTION), file: 'role-policy.json', at: [spot(0, NOT_ACTION, '["s3:*"')], message: /through `NotAction`/ },
    { text: doc(NOT_RESOURCE), file: 'role-policy.json', at: [spot(0, NOT_RESOURCE, '"arn:')], message: /every role its NotResource does not list/ },
  ],
};
