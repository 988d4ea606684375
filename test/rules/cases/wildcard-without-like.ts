import { doc, READ, type RuleTable } from '../table.js';

/**
 * `wildcard-without-like`: documents it must pass and documents it must flag, with where (the value).
 * IAM User Guide, "IAM JSON policy elements: Condition operators": StringEquals "Exact matching, case sensitive";
 * StringLike "Case-sensitive matching. The values can include multi-character match wildcards (*) and
 * single-character match wildcards (?) anywhere in the string."
 */
export const table: RuleTable = {
  valid: [
    // Wildcards under StringLike and ArnEquals (which takes them), and `${*}` written literally.
    { text: doc({ ...READ, Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } } }) },
    { text: doc({ ...READ, Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } } }) },
    { text: doc({ ...READ, Condition: { StringEquals: { 's3:prefix': 'literal-${*}-${?}' } } }) },
  ],
  invalid: [
    {
      text: doc({ ...READ, Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } } }),
      at: [{ line: 4, column: 143 }],
      message: /use StringLike for a pattern/,
    },
    {
      text: doc({ ...READ, Condition: { 'ForAnyValue:StringNotEqualsIgnoreCase': { 'aws:TagKeys': ['team', 'env-?'] } } }),
      at: [{ line: 4, column: 171 }],
      message: /StringNotLike/,
    },
  ],
};
