import { doc, type RuleTable } from '../table.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

/**
 * `scp-rcp-grammar`: documents it must pass and documents it must flag, with where.
 * AWS Organizations User Guide, "RCP syntax": "The effect of Allow is only supported for the RCPFullAWSAccess
 * policy." Its elements summary lists Version, Statement, Sid, Effect, Principal, Action, Resource, NotResource
 * and Condition (no NotAction, no NotPrincipal), and its examples use "Principal": "*".
 * "SCP syntax": the elements summary gives Condition and NotResource the supported effects "Allow, Deny", so an
 * SCP with them, or with a wildcard inside an action name, is valid.
 */
export const table: RuleTable = {
  valid: [
    // RCPFullAWSAccess, and a data-perimeter Deny with Principal "*" narrowed by conditions, on NotResource.
    { text: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), policyType: 'rcp' },
    {
      text: doc({
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'sts:AssumeRole'],
        NotResource: `${BUCKET}/public/*`,
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      }),
      policyType: 'rcp',
    },
    // SCPs: an Allow with a condition, NotResource, and a wildcard in the middle of an action name.
    {
      text: doc({ Effect: 'Allow', Action: 'ec2:*Instances', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
      policyType: 'scp',
    },
    { text: doc({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:role/admin' }), policyType: 'scp' },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
      policyType: 'rcp',
      at: [{ line: 4, column: 5 }],
      message: /only for the AWS-managed RCPFullAWSAccess/,
    },
    {
      text: doc({ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }),
      policyType: 'rcp',
      at: [{ line: 4, column: 41 }],
      message: /Principal must be "\*"/,
    },
    { text: doc({ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }), policyType: 'rcp', at: [{ line: 4, column: 50 }] },
    { text: doc({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }), policyType: 'rcp', at: [{ line: 4, column: 37 }] },
    {
      text: doc({ Effect: 'Deny', Principal: '*', Action: ['s3:GetObject', 'ec2:RunInstances'], Resource: '*' }),
      policyType: 'rcp',
      at: [{ line: 4, column: 63 }],
      message: /resource control policies do not apply to/,
    },
  ],
};
