import { doc, READ, type RuleTable } from '../table.js';

/** `principal-placement`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ), file: 'identity.json' }],
  invalid: [{ text: doc({ ...READ, Principal: '*' }), file: 'identity.json', at: [{ line: 4, column: 95 }] }],
};
