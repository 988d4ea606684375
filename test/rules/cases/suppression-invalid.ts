import type { RuleTable } from '../table.js';

/** A template whose bucket policy allows everyone but the admin role, with the comment written above the statement. */
const template = (comment: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: amzn-s3-demo-bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          ${comment}
          - Sid: Partners
            Effect: Allow
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' }
            Action: s3:GetObject
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*
`;

/** `suppression-invalid`: a comment with a rule and a reason is valid; without either, or naming no rule, it suppresses nothing and says so on the comment. */
export const table: RuleTable = {
  valid: [
    { text: template('# policy-why-ignore notprincipal-with-allow -- partner access until SEC-142'), file: 'template.yaml' },
    { text: template('# a comment that is no suppression'), file: 'template.yaml' },
  ],
  invalid: [
    { text: template('# policy-why-ignore notprincipal-with-allow'), file: 'template.yaml', at: [{ line: 10, column: 11 }], message: /without a reason/ },
    {
      text: template('# policy-why-ignore notprincipal-with-alow -- legacy'),
      file: 'template.yaml',
      at: [{ line: 10, column: 11 }],
      message: /is no policy-why rule/,
    },
    { text: template('# policy-why-ignore -- legacy'), file: 'template.yaml', at: [{ line: 10, column: 11 }], message: /names no rule/ },
  ],
};
