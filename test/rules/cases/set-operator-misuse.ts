import { doc, type RuleTable } from '../table.js';

const TAG = { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' };

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
  ],
};
