import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { cli } from '../helpers/cli.js';

const NOW_TEXT = '2026-01-01T00:00:00Z';
const NOW = new Date(NOW_TEXT);
const NCLOUD = 'https://kr.object.ncloudstorage.com';
const CHUNKED = { 'Content-Encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' };

/** A boto3 put_object to Naver Cloud Object Storage, as scenario 5 describes it. */
const store = (extra: Record<string, unknown> = {}, headers: Record<string, string> = CHUNKED) => ({
  action: 's3:PutObject',
  resource: 's3://seong-contents-bucket/sdk_test.txt',
  region: 'kr-standard',
  http: { endpoint: NCLOUD, headers, userAgent: 'Boto3/1.36.2 md/Botocore#1.36.2' },
  ...extra,
});
const kinds = (r: { notes: { kind: string }[] }) => r.notes.map((n) => n.kind);

describe('a store that is not AWS, with no AWS policy', () => {
  it('is not evaluated (never "add an IAM policy"): the notes are the answer', async () => {
    const r = await evaluate(store({ principal: 'ncp_iam_BPAMKR1234567890' }), { now: NOW });
    expect(r.decision).toBe('NotEvaluated');
    expect(kinds(r)).toEqual(['noAwsPolicy', 'checksumHeaders']);
    expect(r.fixes).toEqual([]);
    expect(r.layers).toEqual([]);
  });
  it('principal may be left out', async () => {
    const r = await evaluate(store(), { now: NOW });
    expect(r.decision).toBe('NotEvaluated');
    expect(r.request.principal).toBe('external');
  });
  it('an AWS principal without AWS policies is not evaluated either', async () => {
    const r = await evaluate(store({ principal: 'arn:aws:iam::111122223333:user/backup' }), { now: NOW });
    expect(r.decision).toBe('NotEvaluated');
  });
  it('the fixed client (headers without a checksum) keeps only the no-policy note', async () => {
    const r = await evaluate(store({}, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), { now: NOW });
    expect(kinds(r)).toEqual(['noAwsPolicy']);
  });
  it('exit code 2 (no answer): neither yes nor no, --expect included', async () => {
    for (const extra of [[], ['--expect', 'Allowed'], ['--expect', 'Denied']]) {
      const r = await cli(['--request', 'samples/s3-compatible-no-aws-policy/request.json', '--now', NOW_TEXT, ...extra]);
      expect(r.code).toBe(2);
    }
  });
});

describe('input for a store that is not AWS', () => {
  const fails = async (doc: Record<string, unknown>, message: RegExp) => {
    await expect(evaluate(doc, { now: NOW })).rejects.toThrow(message);
  };
  it('a non-AWS caller with AWS policies is an error naming the principal', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] };
    await fails(
      store({ principal: 'ncp_iam_BPAMKR1234567890', policies: { identity: [policy] } }),
      /principal `ncp_iam_BPAMKR1234567890` is not an AWS principal/,
    );
  });
  it('principal is still required for AWS endpoints, and a bare name still gets its did-you-mean', async () => {
    await fails({ action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }, /`principal` is required/);
    await fails({ principal: 'etl-writer', action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }, /did you mean/);
  });
  it('a store Region (kr-standard) needs the store endpoint', async () => {
    await fails(
      { principal: 'anonymous', action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', region: 'kr-standard' },
      /region `kr-standard` is not an AWS Region/,
    );
  });
});
