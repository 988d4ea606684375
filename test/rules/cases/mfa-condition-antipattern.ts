import { doc, type RuleTable } from '../table.js';

const DENY = { Effect: 'Deny', NotAction: ['iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*' };

/**
 * `mfa-condition-antipattern`: documents it must pass and documents it must flag, with where (the operator).
 * IAM User Guide, "AWS global condition context keys", aws:MultiFactorAuthPresent: "The aws:MultiFactorAuthPresent
 * key is not present when an API or CLI command is called with long-term credentials, such as user access key
 * pairs. Therefore we recommend that when you check for this key that you use the ...IfExists versions of the
 * condition operators."
 */
export const table: RuleTable = {
  valid: [
    // The right pattern: BoolIfExists … false in a Deny; Bool … true in an Allow is another rule's business.
    { text: doc({ ...DENY, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }) },
    { text: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) },
    { text: doc({ ...DENY, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
  ],
  invalid: [
    { text: doc({ ...DENY, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }), at: [{ line: 4, column: 107 }], message: /use BoolIfExists/ },
    { text: doc({ ...DENY, Condition: { Bool: { 'AWS:MultiFactorAuthPresent': ['false'] } } }), at: [{ line: 4, column: 107 }] },
  ],
};
