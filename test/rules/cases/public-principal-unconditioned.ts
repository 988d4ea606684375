import { doc, type RuleTable } from '../table.js';
import { DENY_HTTP, spot } from '../spot.js';

/**
 * `public-principal-unconditioned`: the evaluator is asked for a request anyone can make. "To be considered
 * non-public, a bucket policy must grant access only to fixed values (values that don't contain a wildcard
 * or an AWS Identity and Access Management Policy Variable) for one or more of the following" (Amazon S3
 * User Guide, "Blocking public access to your Amazon S3 storage", "The meaning of "public"").
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const get = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${B}/*`, ...extra });
const ORG = get({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
const VPCE = get({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } });
const SOURCE = {
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/audit' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
};
const CIDR = get({ Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
const OPEN = get();
const TLS_ONLY = get({ Sid: 'TlsOnly', Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
const WIDE_VPC = get({ Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } });
const WIDE_IP = get({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } });
const NOT_ORG = { ...get(), Action: 's3:*', Resource: [B, `${B}/*`], Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const QUEUE = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:orders' };
const TRUST = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };

export const table: RuleTable = {
  valid: [
    { text: doc(ORG), file: 'bucket-policy.json' },
    { text: doc(VPCE), file: 'bucket-policy.json' },
    { text: doc(SOURCE), file: 'bucket-policy.json' },
    { text: doc(CIDR), file: 'bucket-policy.json' },
    { text: doc(DENY_HTTP, ORG), file: 'bucket-policy.json' },
    // A key policy's Principal "*" is kms-wildcard-principal's; Resource "*" there means this key.
    { text: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }), file: 'key-policy.json' },
    {
      text: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: `${B}/*` }),
      file: 'bucket-policy.json',
    },
    // An Allow to everyone that a Deny takes back for everyone outside the organization.
    { text: doc(OPEN, { ...DENY_HTTP, Sid: 'OrgOnly', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(OPEN),
      file: 'bucket-policy.json',
      at: [spot(0, OPEN, '"*"')],
      message: /^statement #0 is public: the request anonymous s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket\/x is allowed/,
    },
    {
      text: doc(DENY_HTTP, TLS_ONLY),
      file: 'bucket-policy.json',
      at: [spot(1, TLS_ONLY, '"*"')],
      message: /^statement "TlsOnly" is public: the request anonymous s3:GetObject on .* with aws:SecureTransport=true is allowed/,
    },
    { text: doc(WIDE_VPC), file: 'bucket-policy.json', at: [spot(0, WIDE_VPC, '"*"')], message: /with aws:SourceVpc=vpc-x is allowed/ },
    { text: doc(WIDE_IP), file: 'bucket-policy.json', at: [spot(0, WIDE_IP, '"*"')], message: /with aws:SourceIp=0\.0\.0\.0 is allowed/ },
    { text: doc(ORG, NOT_ORG), file: 'bucket-policy.json', at: [spot(1, NOT_ORG, '"*"')], message: /the request anonymous s3:GetObject/ },
    {
      text: doc(QUEUE),
      file: 'queue-policy.json',
      at: [spot(0, QUEUE, '"*"')],
      message: /anonymous sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:orders/,
    },
    { text: doc(TRUST), file: 'trust-policy.json', at: [spot(0, TRUST, '"*"')], message: /the request arn:aws:iam::999999999999:role\/witness sts:AssumeRole/ },
  ],
};
