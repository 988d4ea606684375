import { doc, READ, type RuleTable } from '../table.js';

/**
 * `sid-invalid`: documents it must pass and documents it must flag, with where (the Sid's value).
 * IAM User Guide, "IAM JSON policy elements: Sid": "In IAM, the Sid value must be unique within a JSON policy."
 * "The Sid element supports uppercase letters, lowercase letters, and numbers."
 */
export const table: RuleTable = {
  valid: [
    { text: doc({ Sid: 'ReadObjects1', ...READ }, { Sid: 'ReadObjects2', ...READ }), policyType: 'identity' },
    // Other services' Sids are sub-ids of their own: spaces and repeats are theirs to judge.
    { text: doc({ Sid: 'Allow read', Principal: '*', ...READ }, { Sid: 'Allow read', Principal: '*', ...READ }), file: 'bucket-policy.json' },
  ],
  invalid: [
    { text: doc({ Sid: 'Read', ...READ }, { Sid: 'Read', ...READ }), policyType: 'identity', at: [{ line: 5, column: 12 }], message: /must be unique/ },
    { text: doc({ Sid: 'Read objects', ...READ }), policyType: 'identity', at: [{ line: 4, column: 12 }], message: /only letters/ },
  ],
};
