import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `admin-star`: an identity policy's Allow of `*` or `iam:*` on every resource.
 *
 * Not in SCPs: AWS Organizations User Guide, "SCP evaluation": "This is why when you enable SCPs, AWS
 * Organizations attaches an AWS managed SCP policy named FullAWSAccess which allows all services and actions."
 * Not in key policies: AWS KMS Developer Guide, "Default key policy": "This default key policy has one policy
 * statement that gives the AWS account that owns the KMS key permission to use IAM policies to allow access
 * to all AWS KMS operations on the KMS key." Not in boundaries: IAM Identity Center API Reference,
 * "PermissionsBoundary": "Policies used as permissions boundaries don't provide permissions."
 */
const ADMIN = { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' };
const IAM_ALL = { Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: ['*'] };
const NOT_RESOURCE = { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };
const MFA = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const REGION = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
const DENY_ALL = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
const FULL_ACCESS = { Effect: 'Allow', Action: '*', Resource: '*' };
const DENY_LEAVE = { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' };
const KMS_ROOT = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const VIA_CFN = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } };
const TAGGED = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } };
const IAM_ROLES = { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/app-*' };

export const table: RuleTable = {
  valid: [
    // An SCP, a boundary, a key policy's root delegation, a Deny: none grants anything here.
    { text: doc(FULL_ACCESS), file: 'full-access-scp.json' },
    { text: doc(FULL_ACCESS), file: 'permissions-boundary.json' },
    { text: doc(KMS_ROOT), file: 'key-policy.json' },
    { text: doc(DENY_ALL), file: 'deny-identity.json' },
    // An inferred file with the FullAWSAccess-plus-deny-list shape of an SCP.
    { text: doc(FULL_ACCESS, DENY_LEAVE) },
    // Conditions that limit the actions reached; `iam:*` on some roles only.
    { text: doc(VIA_CFN), file: 'role-policy.json' },
    { text: doc(TAGGED), file: 'role-policy.json' },
    { text: doc(IAM_ROLES), file: 'role-policy.json' },
  ],
  invalid: [
    {
      text: doc(ADMIN),
      file: 'role-policy.json',
      at: [spot(0, ADMIN, '"*"')],
      message: /^statement "Admin" allows `\*` on every resource: full administrator access/,
    },
    { text: doc(ADMIN), at: [spot(0, ADMIN, '"*"')] },
    { text: doc(IAM_ALL), file: 'role-policy.json', at: [spot(0, IAM_ALL, '"iam:*"')], message: /can grant themselves any permission/ },
    { text: doc(NOT_RESOURCE), file: 'role-policy.json', at: [spot(0, NOT_RESOURCE, '"*"')] },
    // Caller and network conditions: whoever meets them may still do everything.
    { text: doc(MFA), file: 'role-policy.json', at: [spot(0, MFA, '"*"')] },
    { text: doc(REGION, DENY_ALL), file: 'role-policy.json', at: [spot(0, REGION, '"*"')] },
  ],
};
