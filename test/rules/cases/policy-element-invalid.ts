import { doc, READ, type RuleTable } from '../table.js';

/** `policy-element-invalid`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ) }],
  invalid: [
    { text: doc({ ...READ, Effect: 'allow' }), at: [{ line: 4, column: 15 }] },
    {
      text: doc({ ...READ, Condition: { StringEquals: { 'aws:username': { a: 1 } } } }),
      at: [{ line: 4, column: 139 }],
      message: /must be string, number, boolean or array, not an object$/,
    },
  ],
};
