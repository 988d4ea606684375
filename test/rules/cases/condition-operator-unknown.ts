import { doc, READ, type RuleTable } from '../table.js';

/** `condition-operator-unknown`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc({ ...READ, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }) }],
  invalid: [
    { text: doc({ ...READ, Condition: { StringEqual: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }), at: [{ line: 4, column: 108 }], message: /StringEquals/ },
  ],
};
