import { describe, expect, it } from 'vitest';
import { errorLine } from '../../helpers/evidence.js';
import { presignedUrlReader } from '../../../src/input/evidence/presigned-url.js';
import type { EvidenceOptions } from '../../../src/input/evidence/types.js';

/**
 * Presigned URLs as AWS writes them:
 * - the AWS CLI's `aws s3 presign` example (aws/aws-cli awscli/examples/s3/presign.rst, Example 1 output, verbatim);
 * - the S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)": "The
 *   following is an example presigned URL" with "The line feeds are added for readability" (its `<your-access-key-id>`
 *   and `<signature-value>` placeholders filled in);
 * - SigV2, S3 API Reference, "Signing and authenticating REST requests (AWS signature version 2)", "Query String
 *   Request Authentication" example: `GET /photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620`,
 *   `Host: johnsmith.s3.amazonaws.com`;
 * - the SDK for JavaScript v3 presigner's form: parameters sorted, `X-Amz-Content-Sha256=UNSIGNED-PAYLOAD`, the
 *   headers it hoists (`x-amz-acl`) and `x-id=PutObject`.
 */
const CLI_EXAMPLE =
  'https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE123456789%2F20210621%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20210621T041609Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=EXAMPLE1234494d5fba3fed607f98018e1dfc62e2529ae96d844123456';
const SIG = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const DOCS_EXAMPLE = `https://examplebucket.s3.amazonaws.com/test.txt
?X-Amz-Algorithm=AWS4-HMAC-SHA256
&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130721%2Fus-east-1%2Fs3%2Faws4_request
&X-Amz-Date=20130721T201207Z
&X-Amz-Expires=86400
&X-Amz-SignedHeaders=host
&X-Amz-Signature=${SIG}`;
const SIGV2 =
  'https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620';
const JS_V3 = `https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/report%202026.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20251231%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20251231T220000Z&X-Amz-Expires=3600&X-Amz-Signature=${SIG}&X-Amz-SignedHeaders=host&x-amz-acl=bucket-owner-full-control&x-id=PutObject`;

const NOW = new Date('2026-01-01T00:00:00Z');
const read = (text: string, options: Partial<EvidenceOptions> = {}) => presignedUrlReader.read({ label: 'url.txt', text }, { now: NOW, ...options });
const factsOf = async (text: string, options: Partial<EvidenceOptions> = {}) =>
  Object.fromEntries((await read(text, options)).facts.map((f) => [f.pointer, f.value]));
const errorOf = (text: string, options: Partial<EvidenceOptions> = {}) => errorLine(read(text, options));

describe('presigned URLs as AWS writes them', () => {
  it("the AWS CLI's `aws s3 presign` output", async () => {
    expect(await factsOf(CLI_EXAMPLE, { method: 'GET' })).toEqual({
      '/resource': 'arn:aws:s3:::amzn-s3-demo-bucket/key',
      '/region': 'us-west-2',
      '/http/requestTime': '2021-06-21T04:16:09Z',
      '/http/presignedExpiresAt': '2021-06-21T05:16:09Z',
      '/context/s3:signatureAge': NOW.getTime() - Date.parse('2021-06-21T04:16:09Z'),
      '/context/s3:authType': 'REST-QUERY-STRING',
      '/context/s3:signatureversion': 'AWS4-HMAC-SHA256',
      '/action': 's3:GetObject',
    });
  });

  it('the S3 API Reference example, with its line feeds; each fact names its line and column', async () => {
    const found = await read(DOCS_EXAMPLE, { method: 'GET' });
    const at = (pointer: string) => found.facts.find((f) => f.pointer === pointer)!.from;
    expect(at('/resource')).toBe('url.txt:1:9');
    expect(at('/region')).toBe('url.txt:3:53');
    expect(at('/http/requestTime')).toBe('url.txt:4:13');
    expect(at('/action')).toBe('--method');
    expect(Object.fromEntries(found.facts.map((f) => [f.pointer, f.value]))).toMatchObject({
      '/resource': 'arn:aws:s3:::examplebucket/test.txt',
      '/region': 'us-east-1',
      '/http/presignedExpiresAt': '2013-07-22T20:12:07Z',
    });
  });

  it('SigV2: the access key, Expires in epoch seconds, s3:signatureversion AWS, no signing time', async () => {
    expect(await factsOf(SIGV2, { method: 'GET' })).toEqual({
      '/resource': 'arn:aws:s3:::johnsmith/photos/puppy.jpg',
      '/http/presignedExpiresAt': '2007-03-29T03:40:20Z',
      '/context/s3:authType': 'REST-QUERY-STRING',
      '/context/s3:signatureversion': 'AWS',
      '/action': 's3:GetObject',
    });
  });

  it('JavaScript v3: x-id names the operation, hoisted headers become the request headers, the key is URL-decoded', async () => {
    const facts = await factsOf(JS_V3);
    expect(facts).toMatchObject({
      '/resource': 'arn:aws:s3:::amzn-s3-demo-bucket/uploads/report 2026.pdf',
      '/action': 's3:PutObject',
      '/http/headers/x-amz-acl': 'bucket-owner-full-control',
    });
    expect(Object.keys(facts).filter((k) => k.startsWith('/http/headers/'))).toEqual(['/http/headers/x-amz-acl']);
  });

  it('path style, and an http:// URL is sent without TLS', async () => {
    const url = CLI_EXAMPLE.replace(
      'https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/key',
      'http://s3.us-west-2.amazonaws.com/amzn-s3-demo-bucket/a%2Fb/c%3D1.csv',
    );
    expect(await factsOf(url, { method: 'PUT' })).toMatchObject({
      '/resource': 'arn:aws:s3:::amzn-s3-demo-bucket/a/b/c=1.csv',
      '/context/aws:SecureTransport': false,
      '/action': 's3:PutObject',
    });
  });

  it('an S3-compatible store: its endpoint, its region, its access key as the caller (not AWS)', async () => {
    const url = `https://kr.object.ncloudstorage.com/reports/q4.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ncp_iam_BPAMKR1EXAMPLE%2F20251231%2Fkr-standard%2Fs3%2Faws4_request&X-Amz-Date=20251231T220000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIG}`;
    const found = await read(url, { method: 'GET' });
    expect(Object.fromEntries(found.facts.map((f) => [f.pointer, f.value]))).toMatchObject({
      '/http/endpoint': 'https://kr.object.ncloudstorage.com',
      '/principal': 'ncp_iam_BPAMKR1EXAMPLE',
      '/region': 'kr-standard',
      '/resource': 'arn:aws:s3:::reports/q4.pdf',
    });
    expect(found.hints).toEqual([]);
  });

  it('s3:signatureAge only from --now: the time of the run is not when S3 received the request', async () => {
    expect(await factsOf(CLI_EXAMPLE, { method: 'GET', wallClock: true })).not.toHaveProperty(['/context/s3:signatureAge']);
  });
});

describe('what a URL does not say', () => {
  it('the principal: the access key, and how to find its owner', async () => {
    const found = await read(CLI_EXAMPLE, { method: 'GET' });
    expect(found.facts.some((f) => f.pointer === '/principal')).toBe(false);
    expect(found.hints?.find((h) => h.field === 'principal')?.text).toMatch(
      /^the URL names access key AKIAEXAMPLE123456789, not its owner: give --principal ARN \(`aws sts get-caller-identity` run with that key prints it; `aws sts get-access-key-info --access-key-id AKIAEXAMPLE123456789` prints its account/,
    );
    const session = await read(`${CLI_EXAMPLE}&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE`, { method: 'GET' });
    expect(session.hints?.find((h) => h.field === 'principal')?.text).toContain('a role session');
  });

  it('a signed header whose value the URL does not carry is asked for', async () => {
    const found = await read(CLI_EXAMPLE.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=host%3Bx-amz-acl%3Bx-amz-content-sha256'), { method: 'PUT' });
    expect(found.hints?.filter((h) => h.field.startsWith('/http/'))).toEqual([
      {
        field: '/http/headers/x-amz-acl',
        text: "the presigned URL is signed with header x-amz-acl (X-Amz-SignedHeaders) but does not carry its value: give --header 'x-amz-acl: VALUE' (the value the client sent)",
      },
    ]);
    const hoisted = await read(`${CLI_EXAMPLE.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=host%3Bx-amz-acl')}&x-amz-acl=private`, {
      method: 'PUT',
    });
    expect(hoisted.hints?.filter((h) => h.field.startsWith('/http/'))).toEqual([]);
  });

  it('the method: without x-id or --method, no action, and a hint', async () => {
    const found = await read(CLI_EXAMPLE);
    expect(found.facts.some((f) => f.pointer === '/action')).toBe(false);
    expect(found.hints?.find((h) => h.field === 'action')?.text).toContain('give --method GET|PUT|HEAD|DELETE|POST');
  });

  it.each([
    ['GET', '', 's3:GetObject'],
    ['HEAD', '', 's3:GetObject'],
    ['PUT', '', 's3:PutObject'],
    ['DELETE', '', 's3:DeleteObject'],
    ['get', '&versionId=3HL4kqtJlcpXroDTDmJ', 's3:GetObjectVersion'],
    ['DELETE', '&versionId=3HL4kqtJlcpXroDTDmJ', 's3:DeleteObjectVersion'],
    ['HEAD', '&versionId=3HL4kqtJlcpXroDTDmJ', 's3:GetObjectVersion'],
    ['PUT', '&partNumber=2&uploadId=VXBsb2FkIElE', 's3:PutObject'],
    ['POST', '&uploads=', 's3:PutObject'],
    ['POST', '&uploadId=VXBsb2FkIElE', 's3:PutObject'],
    ['GET', '&uploadId=VXBsb2FkIElE', 's3:ListMultipartUploadParts'],
    ['DELETE', '&uploadId=VXBsb2FkIElE', 's3:AbortMultipartUpload'],
    ['PUT', '&acl=', 's3:PutObjectAcl'],
    ['GET', '&tagging=', 's3:GetObjectTagging'],
  ])('%s on an object%s → %s', async (method, query, action) => {
    expect((await factsOf(`${CLI_EXAMPLE}${query}`, { method }))['/action']).toBe(action);
  });

  it.each([
    ['GET', '', 's3:ListBucket'],
    ['GET', '&versions=', 's3:ListBucketVersions'],
    ['GET', '&uploads=', 's3:ListBucketMultipartUploads'],
    ['HEAD', '', 's3:ListBucket'],
  ])('%s on a bucket%s → %s', async (method, query, action) => {
    const bucket = CLI_EXAMPLE.replace('.com/key?', '.com/?');
    expect((await factsOf(`${bucket}${query}`, { method }))['/action']).toBe(action);
  });

  it('x-id and --method that disagree: an error naming both', async () => {
    expect(await errorOf(JS_V3, { method: 'GET' })).toBe(
      '--method:undefined:undefined: --method GET means GetObject (s3:GetObject), but the URL was signed for PutObject (x-id), which needs s3:PutObject: which one is right?',
    );
    expect(await factsOf(JS_V3, { method: 'put' })).toMatchObject({ '/action': 's3:PutObject' });
  });
});

describe('almost-right URLs: one line, what is missing', () => {
  it('cut before the signature', async () => {
    const cut = CLI_EXAMPLE.slice(0, CLI_EXAMPLE.indexOf('&X-Amz-SignedHeaders'));
    expect(await errorOf(cut)).toBe(
      `url.txt:1:${cut.length}: the presigned URL is cut short: no X-Amz-SignedHeaders, X-Amz-Signature (a SigV4 presigned URL carries X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature): copy the whole URL`,
    );
  });

  it('a signature cut short', async () => {
    expect(await errorOf(DOCS_EXAMPLE.slice(0, -20))).toMatch(
      /^url\.txt:7:18: X-Amz-Signature has 44 characters, not SigV4's 64 hexadecimal digits: the URL is cut short/,
    );
  });

  it('a credential cut short', async () => {
    expect(await errorOf(`https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F2013`)).toMatch(
      /^url\.txt:1:106: the presigned URL is cut short: no X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature/,
    );
    const cut = DOCS_EXAMPLE.replace('%2Fs3%2Faws4_request', '');
    expect(await errorOf(cut)).toMatch(/^url\.txt:3:19: X-Amz-Credential `AKIAIOSFODNN7EXAMPLE\/20130721\/us-east-1` is cut short or not a credential scope/);
  });

  it('a SigV2 URL without its signature', async () => {
    expect(await errorOf(SIGV2.replace(/&Signature=[^&]+/, ''))).toMatch(/the presigned URL is cut short: no Signature/);
  });

  it('a host that is not S3', async () => {
    expect(await errorOf(CLI_EXAMPLE.replace('amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com', 'sqs.us-west-2.amazonaws.com'), { method: 'GET' })).toMatch(
      /^url\.txt:1:9: `sqs\.us-west-2\.amazonaws\.com` is not an S3 endpoint/,
    );
  });

  it('recognised among evidence files only when the text is a presigned URL', () => {
    expect(presignedUrlReader.recognises(DOCS_EXAMPLE)).toBe(true);
    expect(presignedUrlReader.recognises(`"${SIGV2}"\n`)).toBe(true);
    expect(presignedUrlReader.recognises('https://amzn-s3-demo-bucket.s3.amazonaws.com/key')).toBe(false);
    expect(presignedUrlReader.recognises('An error occurred (AccessDenied) when calling the GetObject operation: Access Denied')).toBe(false);
  });
});
