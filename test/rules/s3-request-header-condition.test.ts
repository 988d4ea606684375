import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/input/index.js';
import { checkScans } from '../../src/rules/index.js';
import { doc } from './table.js';

/**
 * `s3-request-header-condition` is an info rule with one warning case (a KMS key-id value that can never
 * match): the standard "deny unencrypted uploads" bucket policy (S3 User Guide, "Using server-side encryption
 * with AWS KMS keys (SSE-KMS)": a Deny of s3:PutObject with `StringNotEquals` `s3:x-amz-server-side-encryption`
 * `aws:kms`, and the `Null` form) gives info only.
 */
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const deny = (condition: Record<string, Record<string, string>>) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `${BUCKET}/*`,
  Condition: condition,
});

async function severities(text: string, severity?: 'error' | 'warning' | 'info') {
  const options = { serviceDataDate: 'test', ...(severity ? { severities: new Map([['s3-request-header-condition', severity] as const]) } : {}) };
  const { findings } = await checkScans([scanText('bucket-policy.json', text, {})], options);
  return findings.filter((f) => f.rule === 's3-request-header-condition').map((f) => f.severity);
}

describe('s3-request-header-condition severities', () => {
  it('the standard deny-unencrypted-uploads policies give info, never a warning', async () => {
    const text = doc(
      deny({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }),
      deny({ Null: { 's3:x-amz-server-side-encryption': 'true' } }),
      deny({
        StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      }),
    );
    expect(await severities(text)).toEqual(['info', 'info', 'info']);
  });

  it('a key-id value that is an alias is a warning; a severity set in the configuration applies to every finding', async () => {
    const text = doc(
      deny({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }),
      deny({ StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/uploads' } }),
    );
    expect(await severities(text)).toEqual(['info', 'warning']);
    expect(await severities(text, 'error')).toEqual(['error', 'error']);
  });
});
