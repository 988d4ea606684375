import { doc, READ, type RuleTable } from '../table.js';

/** `arn-malformed`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [{ text: doc(READ) }],
  invalid: [{ text: doc({ ...READ, Resource: 'amzn-s3-demo-bucket/*' }), at: [{ line: 4, column: 58 }], message: /neither an ARN nor/ }],
};
