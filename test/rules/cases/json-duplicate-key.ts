import { doc, READ, type RuleTable } from '../table.js';

/** `json-duplicate-key`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ) }],
  invalid: [
    {
      text: '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}]\n}\n',
      at: [{ line: 3, column: 63 }],
    },
  ],
};
