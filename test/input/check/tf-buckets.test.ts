import { describe, expect, it } from 'vitest';
import { scanText } from '../../../src/input/index.js';
import { checkScans } from '../../../src/rules/index.js';
import { planObject, pretty, type TfResource } from './plans.js';

/**
 * Bucket facts from a Terraform plan: `aws_s3_bucket_public_access_block` and
 * `aws_s3_bucket_ownership_controls` (planned values) are joined to the `aws_s3_bucket` they name, and the
 * `aws_s3_bucket_policy` of the same bucket gets them — by the configuration's reference
 * (`bucket = aws_s3_bucket.site.id`, whose planned value is known only after apply) or by the planned name.
 *
 * S3 API Reference, "PublicAccessBlockConfiguration", BlockPublicPolicy: "Setting this element to TRUE
 * causes Amazon S3 to reject calls to PUT Bucket policy if the specified bucket policy allows public access."
 */

const PUBLIC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }],
});

function resources(policyBucket: Record<string, unknown>, pabBucket: Record<string, unknown>): TfResource[] {
  return [
    { address: 'aws_s3_bucket.site', type: 'aws_s3_bucket', values: { bucket: 'amzn-s3-demo-bucket' } },
    {
      address: 'aws_s3_bucket_public_access_block.site',
      type: 'aws_s3_bucket_public_access_block',
      values: { ...pabBucket, block_public_acls: true, ignore_public_acls: false, block_public_policy: true, restrict_public_buckets: true },
    },
    {
      address: 'aws_s3_bucket_ownership_controls.site',
      type: 'aws_s3_bucket_ownership_controls',
      values: { ...pabBucket, rule: [{ object_ownership: 'BucketOwnerEnforced' }] },
    },
    { address: 'aws_s3_bucket_policy.site', type: 'aws_s3_bucket_policy', values: { ...policyBucket, policy: PUBLIC } },
  ];
}

async function blockFindings(text: string) {
  const result = await checkScans([scanText('tfplan.json', text, {})], { serviceDataDate: 'test' });
  return result.findings.filter((f) => f.rule === 's3-block-public-access').map((f) => `${f.span.line}:${f.span.column} ${f.message.en.slice(0, 60)}`);
}

describe('Terraform plan: bucket facts', () => {
  it('joins the settings to the bucket and the policy by the planned bucket name', async () => {
    const text = pretty(resources({ bucket: 'amzn-s3-demo-bucket' }, { bucket: 'amzn-s3-demo-bucket' }));
    const scan = scanText('tfplan.json', text, {});
    expect(scan.buckets?.map((b) => [b.bucket, b.name, b.objectOwnership?.value, b.publicAccessBlock?.blockPublicPolicy?.value])).toEqual([
      ['aws_s3_bucket.site', 'amzn-s3-demo-bucket', 'BucketOwnerEnforced', true],
    ]);
    expect(scan.policies[0]!.bucket?.bucket).toBe('aws_s3_bucket.site');
    const lines = text.split('\n');
    const off = lines.findIndex((l) => l.includes('"ignore_public_acls": false')) + 1;
    const principal = lines.findIndex((l) => l.includes('Principal')) + 1;
    const found = await blockFindings(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(new RegExp(`^${off}:\\d+ bucket aws_s3_bucket.site turns IgnorePublicAcls off`));
    expect(found[1]).toMatch(new RegExp(`^${principal}:\\d+ statement "PublicRead" is public`));
  });

  it('joins them by the configuration reference when the planned name is known only after apply', () => {
    const plan = planObject(resources({}, {})) as {
      configuration: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
    };
    for (const r of plan.configuration.root_module.resources) {
      if (r.address !== 'aws_s3_bucket.site') r.expressions.bucket = { references: ['aws_s3_bucket.site.id', 'aws_s3_bucket.site'] };
    }
    const scan = scanText('tfplan.json', JSON.stringify(plan, null, 2) + '\n', {});
    expect(scan.policies[0]!.bucket?.publicAccessBlock?.restrictPublicBuckets?.value).toBe(true);
    expect(scan.policies[0]!.bucket?.objectOwnership?.value).toBe('BucketOwnerEnforced');
  });

  it('reads who pays for requests: the request payment configuration, over the legacy bucket argument', () => {
    const bucket = (request_payer?: string): TfResource => ({
      address: 'aws_s3_bucket.data',
      type: 'aws_s3_bucket',
      values: { bucket: 'amzn-s3-demo-bucket', ...(request_payer ? { request_payer } : {}) },
    });
    const payment = (payer: string): TfResource => ({
      address: 'aws_s3_bucket_request_payment_configuration.data',
      type: 'aws_s3_bucket_request_payment_configuration',
      values: { bucket: 'amzn-s3-demo-bucket', payer },
    });
    const payer = (rs: TfResource[]) => scanText('tfplan.json', pretty(rs), {}).buckets?.map((b) => b.requestPayer?.value);
    expect(payer([bucket(), payment('Requester')])).toEqual(['Requester']);
    expect(payer([bucket('Requester')])).toEqual(['Requester']);
    expect(payer([bucket('Requester'), payment('BucketOwner')])).toEqual(['BucketOwner']);
    expect(payer([bucket()])).toEqual([undefined]);
  });

  it('gives a policy of another bucket no facts', async () => {
    const text = pretty(resources({ bucket: 'other-bucket' }, { bucket: 'amzn-s3-demo-bucket' }));
    expect(scanText('tfplan.json', text, {}).policies[0]!.bucket).toBeUndefined();
    expect(await blockFindings(text)).toEqual([]);
  });
});
