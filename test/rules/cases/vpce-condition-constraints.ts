import { doc, type RuleTable } from '../table.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const GET = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` };

/**
 * `vpce-condition-constraints`: documents it must pass and documents it must flag, with where (the value, or the
 * operator for a numeric one). AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies",
 * "Considerations": "You can't use wildcard characters (* or ?) or numeric condition operators with global context
 * keys that reference system-generated identifiers (for example, aws:PrincipalAccount or aws:SourceVpc)." "When
 * you use a string condition operator, you must use at least six consecutive characters before or after each
 * wildcard character." "When you specify an ARN in a resource or condition element, the account portion of the
 * ARN can include an account ID or a wildcard character, but not both."
 */
export const table: RuleTable = {
  valid: [
    // Exact ids on system-generated keys, and long literal runs around wildcards.
    {
      text: doc({
        ...GET,
        Condition: {
          StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:SourceVpc': 'vpc-1a2b3c4d' },
          StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app-*' },
        },
      }),
      policyType: 'vpcEndpoint',
    },
    // An account wildcard alone in an ARN, and the default endpoint policy.
    {
      text: doc({ ...GET, Resource: 'arn:aws:s3:::*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } } }),
      policyType: 'vpcEndpoint',
    },
    { text: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), policyType: 'vpcEndpoint' },
    // The same wildcards in a bucket policy are not an endpoint policy's business.
    { text: doc({ ...GET, Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc({ ...GET, Condition: { StringLike: { 'aws:SourceVpc': 'vpc-1a2b*' } } }),
      policyType: 'vpcEndpoint',
      at: [{ line: 4, column: 154 }],
      message: /system-generated identifier/,
    },
    {
      text: doc({ ...GET, Condition: { NumericEquals: { 'aws:PrincipalAccount': '111122223333' } } }),
      policyType: 'vpcEndpoint',
      at: [{ line: 4, column: 124 }],
      message: /numeric operator/,
    },
    {
      text: doc({ ...GET, Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/*', 'ab*cd'] } } }),
      policyType: 'vpcEndpoint',
      at: [{ line: 4, column: 193 }],
      message: /at least six consecutive characters/,
    },
    {
      text: doc({ ...GET, Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::1111*:role/x' } } }),
      policyType: 'vpcEndpoint',
      at: [{ line: 4, column: 154 }],
      message: /account id or a wildcard, not both/,
    },
  ],
};
