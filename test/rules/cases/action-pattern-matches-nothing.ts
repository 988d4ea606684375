import { doc, type RuleTable } from '../table.js';

/** `action-pattern-matches-nothing`: documents it must pass and documents it must flag, with where (the pattern). */
export const table: RuleTable = {
  valid: [
    { text: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:*Acl', 'iam:List*Tags', 'ec2:Describe?pcs', '*'], Resource: '*' }) },
    // An unknown service is unknown-action's finding, not this rule's.
    { text: doc({ Effect: 'Allow', Action: 'nosuchservice:Get*', Resource: '*' }) },
  ],
  invalid: [
    {
      text: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*Acls'], Resource: '*' }),
      at: [{ line: 4, column: 48 }],
      message: /^`s3:Get\*Acls` matches no action/,
    },
  ],
};
