import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `--url` / `--method`, and a presigned URL given as a file (samples/evidence-presigned-url: the JavaScript v3 presigner's form). */
const SAMPLE = 'samples/evidence-presigned-url';
const URL = readFileSync(`${SAMPLE}/url.txt`, 'utf8').trim();
const PRINCIPAL = ['--principal', 'arn:aws:iam::111122223333:user/uploader'];
const json = (stdout: string) => JSON.parse(stdout) as { decision: string; deciding: unknown[]; notes: { kind: string }[] };

describe('a presigned URL as evidence', () => {
  it('--url gives the same decision, deciding set and expiry note as the hand-written request', async () => {
    const now = ['--now', '2026-01-01T00:00:00Z', '--format', 'json'];
    const fromUrl = json(
      (await cli(['--url', URL, ...PRINCIPAL, '--resource-account', '111122223333', '--identity', `${SAMPLE}/identity.json`, ...now])).stdout,
    );
    const fromRequest = json((await cli(['--request', `${SAMPLE}/request.json`, ...now])).stdout);
    expect(fromUrl.decision).toBe(fromRequest.decision);
    expect(fromUrl.deciding).toEqual(fromRequest.deciding);
    expect(fromUrl.notes.map((n) => n.kind)).toContain('presignedExpired');
  });

  it('without --principal: one line naming the access key and how to find its owner, exit 2', async () => {
    const r = await cli(['--url', URL, '--identity', `${SAMPLE}/identity.json`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^policy-why: error: no principal in --url: the URL names access key AKIAIOSFODNN7EXAMPLE, not its owner: give --principal ARN \(`aws sts get-caller-identity`/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a URL without x-id needs --method; --method alone is a usage error', async () => {
    const noXid = URL.replace('&x-id=PutObject', '');
    const r = await cli(['--url', noXid, ...PRINCIPAL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no action in --url: a presigned URL does not say its HTTP method: give --method GET|PUT|HEAD|DELETE|POST');
    const ok = await cli(['--url', noXid, '--method', 'PUT', ...PRINCIPAL, '--format', 'json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ request: { action: 's3:PutObject' } });
    const alone = await cli(['--method', 'PUT', ...PRINCIPAL, '--action', 's3:PutObject', '--resource', 's3://b/k']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--method goes with a presigned URL');
  });

  it('a signed x-amz-acl without its value: an error until --header gives it', async () => {
    const signed = URL.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=host%3Bx-amz-acl');
    const r = await cli(['--url', signed, ...PRINCIPAL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("signed with header x-amz-acl (X-Amz-SignedHeaders) but does not carry its value: give --header 'x-amz-acl: VALUE'");
    const ok = await cli(['--url', signed, ...PRINCIPAL, '--header', 'X-Amz-Acl: private', '--format', 'json']);
    expect(ok.stderr).toBe('');
  });

  it('a URL cut short: one line, where, what is missing', async () => {
    const r = await cli(['--url', URL.slice(0, URL.indexOf('&X-Amz-Signature')), ...PRINCIPAL, '--method', 'PUT']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-why: error: --url:1:\d+: the presigned URL is cut short: no X-Amz-SignedHeaders, X-Amz-Signature /);
  });

  it('an S3-compatible store: its access key is the caller, nothing AWS decides (NotEvaluated, exit 2)', async () => {
    const url = URL.replace('amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/', 'kr.object.ncloudstorage.com/amzn-s3-demo-bucket/')
      .replace('AKIAIOSFODNN7EXAMPLE', 'ncp_iam_BPAMKR1EXAMPLE')
      .replace('us-east-1', 'kr-standard');
    const r = await cli(['--url', url, '--now', '2026-01-01T00:00:00Z', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'NotEvaluated' });
  });
});
