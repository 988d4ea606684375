import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `s3-put-acl-needs-putobjectacl`: the evaluator decides an upload carrying the ACL header the bucket policy
 * demands, with its chained s3:PutObjectAcl. "s3:PutObjectAcl - To successfully change the objects ACL of
 * your PutObject request, you must have the s3:PutObjectAcl" (Amazon S3 API Reference, "PutObject").
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OTHER = 'arn:aws:iam::444455556666:root';
const BOFC = { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } };
const PUT = { Sid: 'CrossAccountPut', Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:PutObject', Resource: `${B}/*`, Condition: BOFC };
const PUT_AND_ACL = { ...PUT, Action: ['s3:PutObject', 's3:PutObjectAcl'] };
const ORG_PUT = { ...PUT, Principal: '*', Condition: { ...BOFC, StringEquals: { ...BOFC.StringEquals, 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const PLAIN_PUT = { Sid: 'CrossAccountPut', Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:PutObject', Resource: `${B}/*` };
const DENY_WITHOUT = {
  Sid: 'RequireOwnerFullControl',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
};
const GRANT = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:role/writer' },
  Action: 's3:PutObject',
  Resource: `${B}/*`,
  Condition: { StringLike: { 's3:x-amz-grant-full-control': 'id=*' } },
};

export const table: RuleTable = {
  valid: [
    // The demand and the ACL permission granted together (the S3 User Guide's cross-account example).
    { text: doc(PUT_AND_ACL), file: 'bucket-policy.json' },
    { text: doc(DENY_WITHOUT, { ...PLAIN_PUT, Action: ['s3:PutObject', 's3:PutObjectAcl'] }), file: 'bucket-policy.json' },
    // Anyone of the organization, ACL permission granted too (a condition the witness meets).
    {
      text: doc({ ...PUT_AND_ACL, Principal: '*', Condition: { ...BOFC, StringEqualsIgnoreCase: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      file: 'bucket-policy.json',
    },
    // A service principal's delivery with bucket-owner-full-control (CloudTrail's documented bucket policy).
    {
      text: doc({
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${B}/AWSLogs/111122223333/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '111122223333' } },
      }),
      file: 'bucket-policy.json',
    },
    // A Deny that forbids a public ACL demands nothing.
    { text: doc(PLAIN_PUT, { ...DENY_WITHOUT, Condition: { StringEquals: { 's3:x-amz-acl': 'public-read' } } }), file: 'bucket-policy.json' },
    // No ACL condition at all.
    { text: doc(PLAIN_PUT), file: 'bucket-policy.json' },
  ],
  invalid: [
    {
      text: doc(PUT),
      file: 'bucket-policy.json',
      at: [spot(0, PUT, '"s3:x-amz-acl"')],
      message:
        /^statement "CrossAccountPut" lets arn:aws:iam::444455556666:root upload, but an upload with s3:x-amz-acl=bucket-owner-full-control also needs s3:PutObjectAcl/,
    },
    { text: doc(DENY_WITHOUT, PLAIN_PUT), file: 'bucket-policy.json', at: [spot(0, DENY_WITHOUT, '"s3:x-amz-acl"')] },
    // Anyone of the organization may upload, with the header, but not set the ACL it demands.
    { text: doc(ORG_PUT), file: 'bucket-policy.json', at: [spot(0, ORG_PUT, '"s3:x-amz-acl"')] },
    { text: doc(GRANT), file: 'bucket-policy.json', at: [spot(0, GRANT, '"s3:x-amz-grant-full-control"')] },
  ],
};
