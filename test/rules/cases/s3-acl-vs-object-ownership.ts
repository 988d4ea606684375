import type { RuleTable } from '../table.js';

/**
 * `s3-acl-vs-object-ownership`: a bucket policy read beside its bucket in one template.
 *
 * S3 User Guide, "Troubleshooting" (Controlling ownership of objects): "After you apply the Bucket owner
 * enforced setting for Object Ownership, ACLs are disabled. Requests to set ACLs or update ACLs fail with a
 * 400 error and return the AccessControlListNotSupported error code." and "In your PUT operations, you must
 * either specify bucket owner full control ACLs or not specify an ACL. Otherwise, your PUT operations fail."
 * S3 API Reference, "CreateBucket" (ObjectOwnership): "By default, ObjectOwnership is set to
 * BucketOwnerEnforced and ACLs are disabled."
 * S3 User Guide, "Bucket policies for Amazon S3": "The permissions attached to the bucket apply to all of the
 * objects in the bucket that are owned by the bucket owner. These permissions don't apply to objects that
 * are owned by other AWS accounts."
 */
function template(ownership: string | undefined, condition: string, effect = 'Allow', before = ''): string {
  const controls = ownership ? `\n      OwnershipControls:\n        Rules:\n          - ObjectOwnership: ${ownership}` : '';
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-bucket${controls}
  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Version: '2012-10-17'
        Statement:${before}
          - Sid: Partner
            Effect: ${effect}
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: s3:PutObject
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*
            Condition:
              ${condition}
`;
}

/** A first statement that names the bucket owner's account (the policy's owner, as the witness reads it). */
const OWNER = `
          - Sid: Owner
            Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/admin}
            Action: s3:*
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*`;

export const table: RuleTable = {
  valid: [
    // The canned ACL a bucket with ACLs disabled still accepts.
    { text: template('BucketOwnerEnforced', 'StringEquals: {s3:x-amz-acl: bucket-owner-full-control}'), file: 'template.yaml' },
    // A Deny of every request without bucket-owner-full-control: still satisfiable.
    { text: template(undefined, 'StringNotEquals: {s3:x-amz-acl: bucket-owner-full-control}', 'Deny'), file: 'template.yaml' },
    // ACLs enabled on purpose: the header is accepted.
    { text: template('BucketOwnerPreferred', 'StringEquals: {s3:x-amz-acl: public-read}'), file: 'template.yaml' },
    // ObjectWriter, and the only writer is of the owner's account (the other account's statement is a Deny).
    { text: template('ObjectWriter', 'Bool: {aws:SecureTransport: "false"}', 'Deny', OWNER), file: 'template.yaml' },
  ],
  invalid: [
    {
      text: template('BucketOwnerEnforced', 'StringEquals: {s3:x-amz-acl: public-read}'),
      file: 'template.yaml',
      at: [{ line: 23, column: 30 }],
      message:
        /^statement "Partner" depends on the ACL header s3:x-amz-acl, but bucket Uploads has ACLs disabled \(ObjectOwnership BucketOwnerEnforced\): .*400 AccessControlListNotSupported/,
    },
    {
      // No OwnershipControls: a new bucket's default is BucketOwnerEnforced; a grant header in a Deny with a negated operator.
      text: template(undefined, 'StringNotLike: {s3:x-amz-grant-read: "id=*"}', 'Deny'),
      file: 'template.yaml',
      at: [{ line: 20, column: 31 }],
      message: /s3:x-amz-grant-read, but bucket Uploads has ACLs disabled \(ObjectOwnership BucketOwnerEnforced, the default of a new bucket\)/,
    },
    {
      // ObjectWriter: account 444455556666 may upload (the evaluator allows its role s3:PutObject), and keeps what it writes.
      text: template('ObjectWriter', 'Bool: {aws:SecureTransport: "true"}', 'Allow', OWNER),
      file: 'template.yaml',
      at: [{ line: 24, column: 30 }],
      message: /^statement "Partner" lets arn:aws:iam::444455556666:root upload objects, but bucket Uploads is ObjectWriter/,
    },
  ],
};
