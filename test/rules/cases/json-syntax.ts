import { doc, READ, type RuleTable } from '../table.js';

/** `json-syntax`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ) }],
  invalid: [{ text: '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect": "Allow",, } ]\n}\n', at: [{ line: 3, column: 37 }] }],
};
