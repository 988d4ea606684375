import { doc, READ, type RuleTable } from '../table.js';

/** `notprincipal-with-allow`: documents it must pass and documents it must flag, with where. */
export const table: RuleTable = {
  valid: [
    { text: doc({ ...READ, Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' } }), file: 'bucket-policy.json' },
    { text: doc({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc({ ...READ, Principal: '*' }, { Sid: 'Everyone', ...READ, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' } }),
      file: 'bucket-policy.json',
      at: [{ line: 5, column: 127 }],
      message: /^statement "Everyone" allows every principal/,
    },
  ],
};
