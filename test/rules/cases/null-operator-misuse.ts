import { doc, READ, type RuleTable } from '../table.js';

/** `null-operator-misuse`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc({ ...READ, Condition: { Null: { 'aws:SourceVpce': 'false' } } }) }],
  invalid: [{ text: doc({ ...READ, Condition: { NullIfExists: { 'aws:SourceVpce': 'false' } } }), at: [{ line: 4, column: 108 }] }],
};
