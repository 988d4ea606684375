import { doc, type RuleTable } from '../table.js';

/**
 * `vpce-gateway-principal`: documents it must pass and documents it must flag, with where (the principal).
 * AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies", "Principals for gateway
 * endpoints": "With gateway endpoints, the Principal element must be set to *. To specify a principal, use the
 * aws:PrincipalArn condition key." … "If you specify the principal in the following format, access is granted
 * to the AWS account root user only, not all users and roles for the account."
 */
export const table: RuleTable = {
  valid: [
    // The default endpoint policy, and Principal "*" narrowed by aws:PrincipalArn.
    { text: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), policyType: 'vpcEndpoint' },
    {
      text: doc({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
        Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/reader' } },
      }),
      policyType: 'vpcEndpoint',
    },
    // An interface endpoint of another service may name principals.
    {
      text: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 'sqs:SendMessage', Resource: '*' }),
      policyType: 'vpcEndpoint',
    },
    // A bucket policy naming an account is not an endpoint policy.
    {
      text: doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }),
      file: 'bucket-policy.json',
    },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }),
      policyType: 'vpcEndpoint',
      at: [{ line: 4, column: 42 }],
      message: /admits only the account's root user/,
    },
    {
      text: doc({ Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:role/app'] }, Action: 'dynamodb:GetItem', Resource: '*' }),
      policyType: 'vpcEndpoint',
      at: [
        { line: 4, column: 43 },
        { line: 4, column: 58 },
      ],
    },
  ],
};
