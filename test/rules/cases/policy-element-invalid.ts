import { doc, READ, type RuleTable } from '../table.js';

/** `policy-element-invalid`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ) }],
  invalid: [{ text: doc({ ...READ, Effect: 'allow' }), at: [{ line: 4, column: 15 }] }],
};
