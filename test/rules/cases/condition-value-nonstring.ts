import { doc, READ, type RuleTable } from '../table.js';

/** `condition-value-nonstring`: documents it must pass and documents it must flag, with where (the value). */
export const table: RuleTable = {
  valid: [{ text: doc({ ...READ, Condition: { Bool: { 'aws:SecureTransport': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }) }],
  invalid: [
    {
      text: doc({ ...READ, Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } } }),
      at: [
        { line: 4, column: 138 },
        { line: 4, column: 189 },
      ],
      message: /is a JSON (boolean|number); it is compared as the string "(true|3600)"/,
    },
  ],
};
