import { doc, type RuleTable } from '../table.js';

/**
 * `kms-no-root-delegation`: the evaluator denies an administrator role of the key's account, allowed
 * everything by IAM, kms:PutKeyPolicy or kms:Decrypt. "Unlike other AWS resource policies, an AWS KMS key
 * policy does not automatically give permission to the account or any of its users" (AWS KMS
 * Developer Guide, "Default key policy").
 */
const ROOT = { Sid: 'EnableIAM', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const ADMIN = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/key-admin' }, Action: 'kms:*', Resource: '*' };
const USE = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' };

export const table: RuleTable = {
  valid: [
    { text: doc(ROOT), file: 'key-policy.json' },
    { text: doc({ ...ROOT, Principal: { AWS: '111122223333' } }, USE), file: 'key-policy.json' },
    // Everyone in the account, by condition: IAM policies decide within it.
    {
      text: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }),
      file: 'key-policy.json',
    },
  ],
  invalid: [
    {
      text: doc(ADMIN, USE),
      file: 'key-policy.json',
      at: [{ line: 3, column: 3 }],
      message: /^no IAM policy in account 111122223333 can grant kms:PutKeyPolicy on this key: the key policy does not allow arn:aws:iam::111122223333:root/,
    },
    {
      text: doc({ ...ROOT, Action: ['kms:Decrypt', 'kms:PutKeyPolicy'], Principal: { AWS: 'arn:aws:iam::111122223333:role/key-admin' } }),
      file: 'key-policy.json',
      at: [{ line: 3, column: 3 }],
    },
  ],
};
