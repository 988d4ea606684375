import { doc, type RuleTable } from '../table.js';

const LIST = { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' };

/**
 * `variable-misuse`: documents it must pass and documents it must flag, with where (the value).
 * IAM User Guide, "IAM policy elements: Variables and tags": "You can use policy variables in the Resource element
 * and in string comparisons in the Condition element."
 */
export const table: RuleTable = {
  valid: [
    // `${aws:username}` in a Resource and in a StringLike value, under Version 2012-10-17; ArnEquals with a variable.
    { text: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*' }) },
    { text: doc({ ...LIST, Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } }) },
    { text: doc({ ...LIST, Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}' } } }) },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username/*' }),
      at: [{ line: 4, column: 58 }],
      message: /never closes it/,
    },
    {
      text: doc({ ...LIST, Condition: { NumericLessThan: { 's3:max-keys': '${aws:PrincipalTag/limit}' } } }),
      at: [{ line: 4, column: 140 }],
      message: /only in string/,
    },
    {
      text: doc({ ...LIST, Principal: { AWS: 'arn:aws:iam::111122223333:user/${aws:username}' } }),
      file: 'bucket-policy.json',
      at: [{ line: 4, column: 113 }],
      message: /in Principal/,
    },
  ],
};
