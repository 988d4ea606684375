import { doc, type RuleTable } from '../table.js';

const TAG = { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' };
const VOLUME = { Effect: 'Allow', Action: 'ec2:CreateVolume', Resource: 'arn:aws:ec2:*:111122223333:volume/*' };
const KEYS = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cost-center', 'Name'] } };
/** DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access control", its first example. */
const GAME_SCORES = {
  Effect: 'Allow',
  Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/GameScores',
  Condition: {
    'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${www.amazon.com:user_id}'], 'dynamodb:Attributes': ['UserId', 'GameTitle', 'Wins'] },
    StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
  },
};

/**
 * `set-operator-misuse`: documents it must pass and documents it must flag, with where (the operator).
 * IAM User Guide, "Set operators for multivalued context keys": "To compare your condition context key against a
 * request context key with multiple values, you must use the ForAllValues or ForAnyValue set operators"; of
 * ForAllValues, "It also returns true if there are no context keys in the request".
 */
export const table: RuleTable = {
  valid: [
    // ForAllValues on the multivalued aws:TagKeys, with the Null check AWS recommends; ForAnyValue in a Deny.
    { text: doc({ ...TAG, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] }, Null: { 'aws:TagKeys': 'false' } } }) },
    { text: doc({ ...TAG, Effect: 'Deny', Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'secret-*' } } }) },
    // A request tag the statement requires makes aws:TagKeys present: a Null check on it, or a positive condition.
    { text: doc({ ...VOLUME, Condition: { ...KEYS, Null: { 'aws:RequestTag/cost-center': 'false' } } }), policyType: 'identity' },
    { text: doc({ ...VOLUME, Condition: { ...KEYS, StringLike: { 'aws:RequestTag/cost-center': 'cc-*' } } }), policyType: 'identity' },
    // KMS Developer Guide, "AWS KMS condition keys": "However, if the request had no encryption context, the
    // kms:EncryptionContext:AppName condition would fail."
    {
      text: doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' },
        Action: 'kms:GenerateDataKey',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:EncryptionContext:AppName': 'ExampleApp' },
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['AppName'] },
        },
      }),
      policyType: 'kmsKey',
    },
    // DynamoDB's fine-grained access control: "you must use the ForAllValues modifier when using LeadingKeys in a condition".
    { text: doc(GAME_SCORES), policyType: 'identity' },
    // A single-valued key without a qualifier.
    { text: doc({ ...TAG, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }) },
  ],
  invalid: [
    {
      text: doc({ ...TAG, Condition: { 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': 'eu-west-1' } } }),
      at: [{ line: 4, column: 77 }],
      message: /single-valued/,
    },
    {
      text: doc({ ...TAG, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } }),
      at: [{ line: 4, column: 77 }],
      message: /no `aws:TagKeys` at all/,
    },
    { text: doc({ ...TAG, Effect: 'Deny', Condition: { StringEquals: { 'aws:TagKeys': 'secret' } } }), at: [{ line: 4, column: 76 }], message: /multivalued/ },
    {
      // An IfExists condition on a request tag does not make aws:TagKeys present.
      text: doc({ ...VOLUME, Condition: { ...KEYS, StringEqualsIfExists: { 'aws:RequestTag/cost-center': 'cc-1' } } }),
      policyType: 'identity',
      at: [{ line: 4, column: 113 }],
      message: /no `aws:TagKeys` at all/,
    },
  ],
};
