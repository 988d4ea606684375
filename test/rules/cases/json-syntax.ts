import { doc, READ, type RuleTable } from '../table.js';
import { documentTemplate, wholeDocuments } from '../iac-not-resolved-cfn.js';

/** `json-syntax`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  // A document known only at deployment is not JSON yet: told by iac-not-resolved, never a syntax error.
  valid: [{ text: doc(READ) }, ...wholeDocuments.map(({ text, file }) => ({ text, file }))],
  invalid: [
    {
      text: '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, ]\n}\n',
      at: [{ line: 3, column: 74 }],
      message: /a trailing comma before `\]`/,
    },
    {
      text: documentTemplate('!Sub \'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "${PolicyJson}",}]}\''),
      file: 'template.yaml',
      at: [{ line: 12, column: 136 }], // the trailing comma, in the template's own columns
    },
    { text: '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect": "Allow",, } ]\n}\n', at: [{ line: 3, column: 37 }] },
  ],
};
