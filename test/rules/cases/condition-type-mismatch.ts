import { doc, READ, type RuleTable } from '../table.js';

/**
 * `condition-type-mismatch`: documents it must pass and documents it must flag, with where (the operator, or
 * the value). IAM User Guide, "IAM policy validation check reference" (Access Analyzer,
 * Error – Data type mismatch): "The value in the condition key-value pair must match the data type of the
 * condition key and condition operator."
 */
export const table: RuleTable = {
  valid: [
    { text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'] } } }) },
    // String operators on a Bool key compare its text ("false"), as the S3 secure-transport examples do.
    {
      text: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } }),
      file: 'bucket-policy.json',
    },
    // aws:EpochTime is both Date and Numeric; dates without a time are ISO 8601 dates.
    { text: doc({ ...READ, Condition: { NumericLessThan: { 'aws:EpochTime': '1767225600' }, DateLessThan: { 'aws:CurrentTime': '2027-01-01' } } }) },
    { text: doc({ ...READ, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }) },
    // String and ARN operators on ARN keys; a policy variable in a value; Null with true/false.
    {
      text: doc({
        ...READ,
        Condition: {
          StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops-*' },
          ArnEquals: { 'aws:SourceArn': '${aws:PrincipalArn}' },
          Null: { 'aws:SourceVpce': 'true' },
        },
      }),
    },
  ],
  invalid: [
    {
      // The catalogue's example: a String operator on an IP address key.
      text: doc({ ...READ, Condition: { StringEquals: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      at: [{ line: 4, column: 108 }],
      message: /^StringEquals does not fit `aws:SourceIp`, whose type is IPAddress .* use an operator of the IpAddress family$/,
    },
    {
      text: doc({ ...READ, Condition: { NumericEquals: { 'aws:PrincipalAccount': '111122223333' } } }),
      at: [{ line: 4, column: 108 }],
      message: /NumericEquals does not fit `aws:PrincipalAccount`/,
    },
    {
      text: doc({ ...READ, Condition: { Bool: { 'aws:SecureTransport': 'yes' } } }),
      at: [{ line: 4, column: 138 }],
      message: /^the value "yes" of `aws:SecureTransport` under Bool is not true or false/,
    },
    {
      text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/33'] } } }),
      at: [{ line: 4, column: 154 }],
      message: /is not an IP address or CIDR range/,
    },
    {
      text: doc({ ...READ, Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-02-30' }, Null: { 'aws:SourceVpce': 'no' } } }),
      at: [
        { line: 4, column: 145 },
        { line: 4, column: 184 },
      ],
    },
  ],
};
