import { doc, type RuleTable } from '../table.js';
import { DENY_HTTP } from '../spot.js';

/** `s3-secure-transport-missing`: the evaluator is asked whether an HTTP request (aws:SecureTransport false) to the bucket and to an object is denied. */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const READ = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: `${B}/*` };

export const table: RuleTable = {
  valid: [
    { text: doc(DENY_HTTP, READ), file: 'bucket-policy.json' },
    // Not a bucket policy: a key policy needs no such statement.
    { text: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }), file: 'key-policy.json' },
    // A statement that reads the key but lets HTTP through is s3-secure-transport-ineffective's.
    { text: doc({ ...READ, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(READ),
      file: 'bucket-policy.json',
      at: [{ line: 3, column: 3 }],
      message: /^the bucket policy does not deny HTTP requests: s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket\/witness is not denied/,
    },
  ],
};
