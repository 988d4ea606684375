import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `tag-condition-unsupported`. IAM User Guide, "IAM JSON policy elements: Condition operators": "If the key that
 * you specify in a policy condition is not present in the request context, the values do not match and the
 * condition is false. If the policy condition requires that the key is not matched, such as StringNotLike or
 * ArnNotLike, and the right key is not present, the condition is true." Which actions carry the tag keys comes
 * from the service reference (the table runs with its date shown as `test`).
 */
const DESCRIBE = {
  Effect: 'Allow',
  Action: ['ec2:StartInstances', 'ec2:DescribeInstances'],
  Resource: '*',
  Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } },
};
const DENY_REQUEST_TAG = { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/env': 'prod' } } };
const DESCRIBE_ALL = { Effect: 'Allow', Action: 'iam:List*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } } };
const START = { Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } };
const EC2_ALL = { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } };
const RUN = {
  Effect: 'Deny',
  Action: 'ec2:RunInstances',
  Resource: 'arn:aws:ec2:*:*:instance/*',
  Condition: { Null: { 'aws:RequestTag/CostCenter': 'true' } },
};
const NOT_EQUALS = {
  Effect: 'Deny',
  Action: 'ec2:DescribeInstances',
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'data' } },
};
const IF_EXISTS = { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'data' } } };
const ALL = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } };

export const table: RuleTable = {
  valid: [
    { text: doc(START), file: 'role-policy.json' },
    // A wildcard some of whose actions carry the key: the usual grant by tag.
    { text: doc(EC2_ALL), file: 'role-policy.json' },
    { text: doc(ALL), file: 'role-policy.json' },
    // True on an absent key: Null, negated operators, IfExists.
    { text: doc(RUN), file: 'role-policy.json' },
    { text: doc(NOT_EQUALS), file: 'role-policy.json' },
    { text: doc(IF_EXISTS), file: 'role-policy.json' },
  ],
  invalid: [
    {
      text: doc(DESCRIBE),
      file: 'role-policy.json',
      at: [spot(0, DESCRIBE, '"aws:ResourceTag/team"')],
      message:
        /^condition key `aws:ResourceTag\/team` is not set for `ec2:DescribeInstances` \(AWS service reference of test\): .* this Allow never grants them$/,
    },
    { text: doc(DENY_REQUEST_TAG), file: 'role-policy.json', at: [spot(0, DENY_REQUEST_TAG, '"aws:RequestTag/env"')], message: /this Deny never denies them$/ },
    { text: doc(DESCRIBE_ALL), file: 'role-policy.json', at: [spot(0, DESCRIBE_ALL, '"aws:TagKeys"')], message: /not set for `iam:List\*`/ },
  ],
};
