import type { RuleTable } from '../table.js';

/**
 * `s3-block-public-access`: a bucket policy read beside its bucket in one template.
 *
 * S3 API Reference, "PublicAccessBlockConfiguration": BlockPublicPolicy — "Setting this element to TRUE
 * causes Amazon S3 to reject calls to PUT Bucket policy if the specified bucket policy allows public
 * access."; RestrictPublicBuckets — "Setting this element to TRUE restricts access to this bucket to only
 * AWS service principals and authorized users within this account if the bucket has a public policy."
 * BlockPublicAcls: "PUT Bucket calls fail if the request includes a public ACL."; IgnorePublicAcls: "Setting
 * this element to TRUE causes Amazon S3 to ignore all public ACLs on this bucket and objects in this bucket."
 * S3 User Guide, "Configuring block public access settings for your account": "By default, new buckets,
 * access points, and objects do not allow public access."
 */
const PUBLIC = `
          - Sid: PublicRead
            Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*`;
const NAMED = `
          - Sid: Reader
            Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/reader}
            Action: s3:GetObject
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*`;

/** A bucket (from line 3, its properties from line 6) and its policy, linked by `Bucket: !Ref Site`. */
function template(bucketProps: string, statement: string, link = '!Ref Site'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:${bucketProps}
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: ${link}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:${statement}
`;
}

const bpa = (flags: Record<string, boolean>) =>
  `\n      BucketName: amzn-s3-demo-bucket\n      PublicAccessBlockConfiguration:\n${Object.entries(flags)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join('\n')}`;
const ALL_ON = bpa({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
const POLICY_OFF = bpa({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });

export const table: RuleTable = {
  valid: [
    // A non-public statement under every setting on: nothing to neutralise.
    { text: template(ALL_ON, NAMED), file: 'template.yaml' },
    // The policy names no bucket of the template: its settings are not known, nothing is said.
    { text: template(ALL_ON, PUBLIC, 'some-other-bucket'), file: 'template.yaml' },
    // A private canned ACL: nothing to neutralise.
    { text: template(`\n      AccessControl: Private${ALL_ON}`, NAMED), file: 'template.yaml' },
    // A configuration that leaves the policy flags out: what they are is not guessed, so nothing is said.
    { text: template(bpa({ BlockPublicAcls: true, IgnorePublicAcls: true }), PUBLIC), file: 'template.yaml' },
  ],
  invalid: [
    {
      // A public canned ACL under IgnorePublicAcls (line 9): S3 ignores it; flagged on AccessControl (line 6).
      text: template(`\n      AccessControl: PublicRead${bpa({ BlockPublicAcls: false, IgnorePublicAcls: true })}`, NAMED),
      file: 'template.yaml',
      at: [
        { line: 6, column: 22 },
        { line: 9, column: 26 },
      ],
      message: /^bucket Site (sets the public ACL PublicRead, but IgnorePublicAcls is true \(line 10\): S3 ignores public ACLs|turns BlockPublicAcls off)/,
    },
    {
      // BlockPublicPolicy on (line 10): the public statement (Principal on line 21) is rejected.
      text: template(ALL_ON, PUBLIC),
      file: 'template.yaml',
      at: [{ line: 21, column: 24 }],
      message: /^statement "PublicRead" is public .* but bucket Site sets BlockPublicPolicy true \(line 10\): S3 rejects a PutBucketPolicy/,
    },
    {
      // Only RestrictPublicBuckets on: the anonymous request is refused.
      text: template(bpa({ BlockPublicPolicy: false, RestrictPublicBuckets: true }), PUBLIC),
      file: 'template.yaml',
      at: [
        { line: 8, column: 28 },
        { line: 19, column: 24 },
      ],
      message: /BlockPublicPolicy off|sets RestrictPublicBuckets true \(line 9\): only AWS service principals/,
    },
    {
      // No PublicAccessBlockConfiguration: a new bucket blocks public access by default; linked by literal name.
      text: template('\n      BucketName: amzn-s3-demo-bucket', PUBLIC, 'amzn-s3-demo-bucket'),
      file: 'template.yaml',
      at: [{ line: 16, column: 24 }],
      message: /writes no PublicAccessBlockConfiguration: new buckets block public access by default/,
    },
    {
      // The policy flags turned off: each is reported where it is written.
      text: template(POLICY_OFF, NAMED),
      file: 'template.yaml',
      at: [
        { line: 10, column: 28 },
        { line: 11, column: 32 },
      ],
      message: /^bucket Site turns (BlockPublicPolicy|RestrictPublicBuckets) off/,
    },
  ],
};
