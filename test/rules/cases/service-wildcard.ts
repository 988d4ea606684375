import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `service-wildcard`. AWS Config Developer Guide, iam-policy-no-statements-with-full-access: "The rule is
 * NON_COMPLIANT if any customer managed IAM policy allows full access to at least 1 AWS service." and "This
 * rule will return COMPLIANT if you use prefixed actions with a suffixed wildcard (for example,
 * `ec2:Describe*`). This rule will only return NON_COMPLIANT if you use unrestricted wildcards (for example,
 * `ec2:*`)."
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const S3_ALL = { Sid: 'Artifacts', Effect: 'Allow', Action: 's3:*', Resource: [B, `${B}/*`] };
const TWO = { Effect: 'Allow', Action: ['sqs:*', 'logs:CreateLogGroup', 'SNS:*'], Resource: '*' };
const PREFIX = { Effect: 'Allow', Action: ['ec2:Describe*', 's3:Get*'], Resource: '*' };
const DENY = { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const ADMIN = { Effect: 'Allow', Action: ['*', 's3:*'], Resource: '*' };
const IAM_ALL = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
const IAM_ROLES = { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/app-*' };
const KMS_ROOT = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const ENDPOINT = { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [B, `${B}/*`] };
const BUCKET = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Deploy' }, Action: 's3:*', Resource: [B, `${B}/*`] };
/**
 * The IAM User Guide's ABAC tutorial ("IAM tutorial: Define permissions to access AWS resources based on
 * tags"): `secretsmanager:*` only on secrets whose tags match the caller's — narrowed as admin-star reads it.
 */
const ABAC = {
  Effect: 'Allow',
  Action: 'secretsmanager:*',
  Resource: '*',
  Condition: { StringEquals: { 'aws:ResourceTag/access-project': '${aws:PrincipalTag/access-project}' } },
};
const CALLED_VIA = {
  Effect: 'Allow',
  Action: 'kms:*',
  Resource: '*',
  Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['dynamodb.amazonaws.com'] } },
};
/** A condition about the caller does not narrow the actions: still every action of the service. */
const MFA = { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const ALLOW_LIST = { Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' };

export const table: RuleTable = {
  valid: [
    { text: doc(PREFIX), file: 'role-policy.json' },
    { text: doc(DENY), file: 'role-policy.json' },
    // admin-star's findings.
    { text: doc(ADMIN), file: 'role-policy.json' },
    { text: doc(IAM_ALL), file: 'role-policy.json' },
    // Policies that do not grant to an identity, or that are about one resource.
    { text: doc(ALLOW_LIST), file: 'allow-list-scp.json' },
    { text: doc(ALLOW_LIST), file: 'permissions-boundary.json' },
    { text: doc(KMS_ROOT), file: 'key-policy.json' },
    { text: doc(ENDPOINT), file: 's3-vpce-policy.json' },
    { text: doc(BUCKET), file: 'bucket-policy.json' },
    // Narrowed by a resource tag, or to requests made through a service.
    { text: doc(ABAC), file: 'role-policy.json' },
    { text: doc(CALLED_VIA), file: 'role-policy.json' },
  ],
  invalid: [
    { text: doc(S3_ALL), file: 'role-policy.json', at: [spot(0, S3_ALL, '"s3:*"')], message: /^statement "Artifacts" allows `s3:\*`: every s3 action/ },
    { text: doc(TWO), file: 'role-policy.json', at: [spot(0, TWO, '"sqs:*"'), spot(0, TWO, '"SNS:*"')] },
    { text: doc(IAM_ROLES), at: [spot(0, IAM_ROLES, '"iam:*"')] },
    { text: doc(MFA), file: 'role-policy.json', at: [spot(0, MFA, '"ec2:*"')] },
  ],
};
