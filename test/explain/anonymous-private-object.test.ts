import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { BUCKET, NOW, policy, run } from '../helpers/evaluate.js';

/**
 * A dead end gets an answer (issue 9, part 2): an anonymous read of an object that is not public is the
 * bucket doing its job; the way to share it changes no bucket policy.
 *
 * "You can use presigned URLs to grant time-limited access to objects in Amazon S3 without updating your
 * bucket policy." — Download and upload objects with presigned URLs, Amazon S3 User Guide
 * (docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html)
 * "Makes sure that viewers (users) can access the content in the AWS origin only through the specified
 * CloudFront distribution." — Restrict access to an AWS origin, Amazon CloudFront Developer Guide
 * (docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-origin.html)
 */
const privateBucket = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);

describe('anonymous read of a private object', () => {
  it('gets a note: a presigned URL, or CloudFront with origin access control', async () => {
    const report = await run({ principal: 'anonymous', resource: `${BUCKET}/reports/q1.pdf`, resourcePolicy: privateBucket });
    expect(report.decision).toBe('ImplicitDeny');
    const note = report.notes.find((n) => n.kind === 'anonymousPrivateObject');
    expect(note).toBeDefined();
    expect(note!.fix).toContain('aws s3 presign s3://amzn-s3-demo-bucket/reports/q1.pdf');
    expect(note!.fix).toContain('CloudFront with origin access control');
  });

  it('is worded in Korean too', async () => {
    const report = await evaluate(
      { principal: 'anonymous', action: 's3:GetObject', resource: `${BUCKET}/a.txt`, resourceAccount: '111122223333', policies: { resource: privateBucket } },
      { baseDir: process.cwd(), now: NOW, lang: 'ko' },
    );
    expect(report.notes.find((n) => n.kind === 'anonymousPrivateObject')?.fix).toContain('미리 서명된 URL');
  });

  it('is not given to a signed caller, nor when the object is public', async () => {
    const signed = await run({ resourcePolicy: privateBucket });
    expect(signed.notes.some((n) => n.kind === 'anonymousPrivateObject')).toBe(false);
    const open = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const pub = await run({ principal: 'anonymous', resourcePolicy: open });
    expect(pub.decision).toBe('Allowed');
    expect(pub.notes.some((n) => n.kind === 'anonymousPrivateObject')).toBe(false);
  });
});
