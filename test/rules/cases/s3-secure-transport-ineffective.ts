import { doc, type RuleTable } from '../table.js';
import { DENY_HTTP, spot } from '../spot.js';

/**
 * `s3-secure-transport-ineffective`: a policy that reads aws:SecureTransport, under which the evaluator still
 * does not deny an HTTP request to the bucket or to an object.
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OBJECTS_ONLY = { ...DENY_HTTP, Sid: 'ObjectsOnly', Resource: `${B}/*` };
const ALLOW_TLS = {
  Sid: 'AllowTls',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' },
  Action: 's3:*',
  Resource: [B, `${B}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'true' } },
};
const DENY_TRUE = { ...DENY_HTTP, Sid: 'Backwards', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };

export const table: RuleTable = {
  valid: [
    { text: doc(DENY_HTTP), file: 'bucket-policy.json' },
    { text: doc(ALLOW_TLS, DENY_HTTP), file: 'bucket-policy.json' },
    { text: doc({ ...DENY_HTTP, Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(OBJECTS_ONLY),
      file: 'bucket-policy.json',
      at: [spot(0, OBJECTS_ONLY, '"aws:SecureTransport"')],
      message: /^statement "ObjectsOnly" reads aws:SecureTransport, but the HTTP request s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket is not denied/,
    },
    {
      text: doc(ALLOW_TLS),
      file: 'bucket-policy.json',
      at: [spot(0, ALLOW_TLS, '"aws:SecureTransport"')],
      message: /the HTTP request s3:GetObject on .*\/witness is not denied/,
    },
    { text: doc(DENY_TRUE), file: 'bucket-policy.json', at: [spot(0, DENY_TRUE, '"aws:SecureTransport"')], message: /^statement "Backwards"/ },
  ],
};
