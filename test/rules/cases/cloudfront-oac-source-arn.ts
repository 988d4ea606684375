import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `cloudfront-oac-source-arn`: the evaluator allows CloudFront's read for another distribution. "Use a
 * `Condition` element in the policy to allow CloudFront to access the bucket only when the request is on
 * behalf of the CloudFront distribution that contains the S3 origin" (CloudFront Developer Guide,
 * "Restricting access to an Amazon S3 origin").
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OAC = {
  Sid: 'AllowCloudFrontServicePrincipalReadOnly',
  Effect: 'Allow',
  Principal: { Service: 'cloudfront.amazonaws.com' },
  Action: 's3:GetObject',
  Resource: `${B}/*`,
};
const ANY_DIST = { ...OAC, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' } } };

export const table: RuleTable = {
  valid: [
    {
      text: doc({ ...OAC, Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } } }),
      file: 'bucket-policy.json',
    },
    // A queue policy: not a bucket CloudFront reads.
    { text: doc({ ...OAC, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }), file: 'queue-policy.json' },
  ],
  invalid: [
    {
      text: doc(OAC),
      file: 'bucket-policy.json',
      at: [spot(0, OAC, '"cloudfront.amazonaws.com"')],
      message:
        /^statement "AllowCloudFrontServicePrincipalReadOnly" lets any CloudFront distribution read: s3:GetObject from arn:aws:cloudfront::999999999999:distribution\/EWITNESS is allowed/,
    },
    {
      text: doc(ANY_DIST),
      file: 'bucket-policy.json',
      at: [spot(0, ANY_DIST, '"cloudfront.amazonaws.com"')],
      message: /from arn:aws:cloudfront::111122223333:distribution\/x is allowed/,
    },
  ],
};
