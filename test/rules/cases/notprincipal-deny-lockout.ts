import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `notprincipal-deny-lockout`: the evaluator decides a request by a session of each role NotPrincipal names.
 * IAM User Guide ("AWS JSON policy elements: NotPrincipal"): "When you use NotPrincipal with Deny, you
 * must also specify the account ARN of the not-denied principal", and a role's requests are made by its
 * assumed-role session, whose ARN must be listed too.
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/admin/ops';
const ROOT = 'arn:aws:iam::111122223333:root';
const deny = (aws: string[], sid?: string) => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: 'Deny',
  NotPrincipal: { AWS: aws },
  Action: 's3:*',
  Resource: [B, `${B}/*`],
});
const ROLE_ONLY = deny([ADMIN], 'OnlyAdmins');
const NO_ACCOUNT = deny([ADMIN, SESSION]);

export const table: RuleTable = {
  valid: [
    { text: doc(deny([ADMIN, SESSION, ROOT])), file: 'bucket-policy.json' },
    {
      text: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [B, `${B}/*`], Condition: { ArnNotLike: { 'aws:PrincipalArn': ADMIN } } }),
      file: 'bucket-policy.json',
    },
    // Not a role: a user makes its own requests.
    { text: doc(deny(['arn:aws:iam::111122223333:user/alice', ROOT])), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(ROLE_ONLY),
      file: 'bucket-policy.json',
      at: [spot(0, ROLE_ONLY, `"${ADMIN}"`)],
      message:
        /^statement "OnlyAdmins" means to exempt arn:aws:iam::111122223333:role\/admin, but the role's own request is denied: arn:aws:sts::111122223333:assumed-role\/admin\/witness-session is denied s3:GetObject/,
    },
    { text: doc(NO_ACCOUNT), file: 'bucket-policy.json', at: [spot(0, NO_ACCOUNT, `"${ADMIN}"`)], message: /assumed-role\/admin\/ops is denied/ },
  ],
};
