import { doc, READ, type RuleTable } from '../table.js';

/**
 * `arn-malformed`: documents it must pass and documents it must flag, with where (the Resource or NotResource
 * value). Amazon S3 User Guide, "Amazon S3 resources" (awsdocs/amazon-s3-developer-guide, s3-arn-format.md):
 * "An Amazon S3 ARN excludes the AWS Region and namespace" — "The ARN format for Amazon S3 resources reduces
 * to the following: arn:aws:s3:::bucket_name/key_name". Access points, Multi-Region Access Points, jobs and
 * Storage Lens configurations do carry a Region or an account (their ARN formats in the Service Authorization
 * Reference), so the rule reads the formats, not a list.
 */
const at = (Resource: string) => doc({ ...READ, Resource });
const VALUE = [{ line: 4, column: 58 }];

export const table: RuleTable = {
  valid: [
    { text: doc(READ) },
    { text: at('arn:aws:s3:us-east-1:111122223333:accesspoint/reports/object/*') },
    { text: at('arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap/object/*') },
    { text: at('arn:aws:s3:us-east-1:111122223333:job/*') },
    { text: at('arn:aws:s3:*:111122223333:*') },
    { text: at('arn:aws:s3:::*') },
    { text: at('arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*') },
    { text: at('arn:aws-cn:s3:::amzn-s3-demo-bucket/*') },
    { text: at('arn:aws:sqs:us-east-1:111122223333:orders') },
    { text: at('arn:aws:iam::111122223333:role/reader') },
    { text: at('arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890') },
    { text: at('arn:aws:s3:*') },
  ],
  invalid: [
    { text: at('amzn-s3-demo-bucket/*'), at: VALUE, message: /neither an ARN nor/ },
    {
      text: at('arn:aws:s3:us-east-1:111122223333:amzn-s3-demo-reports/*'),
      at: VALUE,
      message:
        /has Region `us-east-1`, but no s3 resource type it can name \(bucket, object\) has a Region in its ARN \(AWS service reference of test\): it never matches$/,
    },
    { text: at('arn:aws:s3:us-east-1::amzn-s3-demo-bucket/*'), at: VALUE, message: /has Region `us-east-1`/ },
    {
      text: at('arn:aws:s3::111122223333:amzn-s3-demo-bucket'),
      at: VALUE,
      message: /has account `111122223333`, but no s3 resource type it can name \(bucket\) has an account/,
    },
    { text: at('arn:AWS:s3:::amzn-s3-demo-bucket/*'), at: VALUE, message: /names partition `AWS`, which is not an AWS partition/ },
    { text: at('arn:aws:s3:::'), at: VALUE, message: /names no resource/ },
    { text: at('arn:aws:s3:amzn-s3-demo-bucket'), at: VALUE, message: /has 4 colon-separated parts/ },
    {
      text: doc({
        Effect: 'Deny',
        Action: 's3:*',
        NotResource: ['arn:aws:s3:::amzn-s3-demo-bucket/*', 'arn:aws:s3:us-east-1:111122223333:amzn-s3-demo-bucket/*'],
      }),
      at: [{ line: 4, column: 90 }],
    },
  ],
};
