import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/** `kms-wildcard-principal`: a key policy Allow to "*" that the evaluator grants to anyone; `Resource: "*"` means this key. */
const ROOT = { Sid: 'EnableIAM', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const CALLER = {
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
  Resource: '*',
  Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
};
const ORG = { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const DENY = { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const OPEN = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' };
const VIA_ANY = {
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 'kms:*',
  Resource: '*',
  Condition: { StringLike: { 'kms:ViaService': '*.amazonaws.com' } },
};

export const table: RuleTable = {
  valid: [
    { text: doc(ROOT), file: 'key-policy.json' },
    { text: doc(ROOT, CALLER), file: 'key-policy.json' },
    { text: doc(ROOT, ORG), file: 'key-policy.json' },
    { text: doc(ROOT, DENY), file: 'key-policy.json' },
  ],
  invalid: [
    {
      text: doc(ROOT, OPEN),
      file: 'key-policy.json',
      at: [spot(1, OPEN, '"*"')],
      message:
        /^statement "Anyone" lets any AWS account use this key: the request anonymous kms:Decrypt on arn:aws:kms:us-east-1:111122223333:key\/witness is allowed/,
    },
    { text: doc(ROOT, VIA_ANY), file: 'key-policy.json', at: [spot(1, VIA_ANY, '"*"')], message: /with kms:ViaService=x\.amazonaws\.com is allowed/ },
  ],
};
