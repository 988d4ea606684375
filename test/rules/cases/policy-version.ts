import { doc, READ, type RuleTable } from '../table.js';

const HOME = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*' };

/**
 * `policy-version`: documents it must pass and documents it must flag, with where. IAM User Guide, "IAM JSON
 * policy elements: Version": "If you do not include a Version element, the value defaults to 2008-10-17, but
 * newer features, such as policy variables, will not work with your policy. For example, variables such as
 * ${aws:username} aren't recognized as variables and are instead treated as literal strings in the policy."
 */
export const table: RuleTable = {
  valid: [{ text: doc(HOME) }, { text: doc({ ...READ, Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } }) }],
  invalid: [
    {
      text: `{\n  "Statement": [\n    ${JSON.stringify(READ)}\n  ]\n}\n`,
      at: [{ line: 1, column: 1 }],
      message: /^the policy has no Version/,
    },
    {
      text: doc(HOME, { ...READ, Condition: { StringEquals: { 's3:prefix': '${aws:userid}' } } }).replace('2012-10-17', '2008-10-17'),
      at: [
        { line: 4, column: 58 },
        { line: 5, column: 136 },
      ],
      message: /holds a policy variable, but under Version 2008-10-17 AWS reads it as plain text/,
    },
  ],
};
