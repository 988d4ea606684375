import { pretty, type TfResource } from '../../input/check/plans.js';
import type { RuleTable } from '../table.js';

/**
 * `s3-requester-pays`: a Requester Pays bucket in a Terraform plan (`aws_s3_bucket_request_payment_configuration`
 * `payer = "Requester"`, or the legacy `aws_s3_bucket.request_payer`).
 *
 * S3 User Guide, "Downloading objects from Requester Pays buckets": "If x-amz-request-payer is not in the
 * request, Amazon S3 returns a 403 error and charges the bucket owner for the request." and "Bucket owners
 * do not need to add x-amz-request-payer to their requests."
 * S3 User Guide, "Using Requester Pays general purpose buckets for storage transfers and usage": "If you enable
 * Requester Pays on a general purpose bucket, anonymous access to that bucket is not allowed."
 * AWS CLI Command Reference, "aws s3 cp" (synopsis): `[--request-payer <value>]`.
 */
const BUCKET = 'amzn-s3-demo-bucket';
const SHARE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
    {
      Sid: 'DenyHttp',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

function plan(payer: Record<string, unknown> | undefined, opts: { legacy?: string; policy?: boolean } = {}): string {
  const resources: TfResource[] = [
    { address: 'aws_s3_bucket.data', type: 'aws_s3_bucket', values: { bucket: BUCKET, ...(opts.legacy ? { request_payer: opts.legacy } : {}) } },
  ];
  if (payer)
    resources.push({
      address: 'aws_s3_bucket_request_payment_configuration.data',
      type: 'aws_s3_bucket_request_payment_configuration',
      values: { bucket: BUCKET, ...payer },
    });
  if (opts.policy !== false) resources.push({ address: 'aws_s3_bucket_policy.data', type: 'aws_s3_bucket_policy', values: { bucket: BUCKET, policy: SHARE } });
  return pretty(resources);
}

export const table: RuleTable = {
  valid: [
    { file: 'tfplan.json', text: plan({ payer: 'BucketOwner' }) },
    { file: 'tfplan.json', text: plan(undefined) },
    { file: 'tfplan.json', text: plan({ payer: 'BucketOwner' }, { policy: false }) },
  ],
  invalid: [
    {
      // On the statement that lets another account in: its principal, in the policy string of the plan.
      file: 'tfplan.json',
      text: plan({ payer: 'Requester' }),
      at: [{ line: 41, column: 132 }],
      message:
        /^bucket aws_s3_bucket\.data is Requester Pays: requests that statement "Partner" lets arn:aws:iam::444455556666:root make must send `x-amz-request-payer: requester` \(CLI `--request-payer requester`/,
    },
    {
      // No bucket policy: where the payer is written.
      file: 'tfplan.json',
      text: plan({ payer: 'Requester' }, { policy: false }),
      at: [{ line: 28, column: 22 }],
      message: /^bucket aws_s3_bucket\.data is Requester Pays: every request from another account must send/,
    },
    {
      // The legacy argument of aws_s3_bucket (AWS provider 3.x).
      file: 'tfplan.json',
      text: plan(undefined, { legacy: 'Requester', policy: false }),
      at: [{ line: 16, column: 30 }],
    },
  ],
};
