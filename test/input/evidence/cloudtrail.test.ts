import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudTrailReader } from '../../../src/input/evidence/cloudtrail.js';
import { errorMessageReader } from '../../../src/input/evidence/error-message.js';
import { InputError } from '../../../src/model/errors.js';
import type { EvidenceOptions } from '../../../src/input/evidence/types.js';

/**
 * CloudTrail records in their four containers, each fixture named with its source in
 * test/fixtures/evidence/cloudtrail/README.md. The fields, as the CloudTrail User Guide ("CloudTrail record
 * contents") defines them: sourceIPAddress "The IP address that the request was made from … For services in
 * AWS, only the DNS name is displayed"; vpcEndpointId "Identifies the VPC endpoint in which requests were made
 * from a VPC to another AWS service, such as Amazon S3"; resources "Account ID of the resource owner"; eventTime
 * "The date and time the request was completed, in coordinated universal time (UTC)". userIdentity ("CloudTrail
 * userIdentity element"): sessionIssuer.arn "The ARN of the source (account, IAM user, or role) that was used to
 * get temporary security credentials"; invokedBy "The name of the AWS service that made the request"; AWSAccount
 * "The request was made by another AWS account".
 */
const DIR = 'test/fixtures/evidence/cloudtrail';
const read = async (file: string, options: Partial<EvidenceOptions> = {}) =>
  cloudTrailReader.read({ label: file, text: readFileSync(`${DIR}/${file}`, 'utf8') }, { now: new Date(0), ...options });
const factsOf = async (file: string, options: Partial<EvidenceOptions> = {}) =>
  Object.fromEntries((await read(file, options)).facts.map((f) => [f.pointer, f.value]));
const failure = async (file: string, options: Partial<EvidenceOptions> = {}) => {
  const e = await read(file, options).catch((error: unknown) => error);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
};

const OBJECT = 'arn:aws:s3:::amzn-s3-demo-bucket/exports/2025/12/01/orders.csv';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/RoleToBeAssumed/MySessionName';

describe('the four containers', () => {
  it.each([
    ['one record', 'record-assumed-role.json'],
    ['a trail log file: the one denied record', 'trail-log-file.json'],
    ['an EventBridge event: the record in detail', 'eventbridge-put-object.json'],
  ])('%s', async (_name, file) => {
    const facts = await factsOf(file);
    expect(facts).toMatchObject({ '/principal': SESSION, '/action': 's3:PutObject', '/resource': OBJECT, '/resourceAccount': '111122223333' });
    expect((await read(file)).verdict).toMatchObject({ errorCode: 'AccessDenied', kind: 'implicit', policyType: 'identity' });
  });

  it('lookup-events output: the record is the CloudTrailEvent string, its facts placed on that line', async () => {
    const found = await read('lookup-events-kms-decrypt.json');
    const facts = Object.fromEntries(found.facts.map((f) => [f.pointer, f]));
    expect(facts['/action']?.value).toBe('kms:Decrypt');
    expect(facts['/resource']?.value).toBe('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(facts['/context/kms:EncryptionContext:Department']?.value).toBe('Engineering');
    const line = readFileSync(`${DIR}/lookup-events-kms-decrypt.json`, 'utf8').split('\n');
    const at = line.findIndex((l) => l.includes('"CloudTrailEvent"')) + 1;
    // The column is the place of the value inside the string as the file writes it (escapes counted).
    const column = line[at - 1]!.indexOf('\\"eventName\\":\\"Decrypt\\"') + '\\"eventName\\":'.length + 1;
    expect(facts['/action']?.from).toBe(`lookup-events-kms-decrypt.json:${at}:${column}`);
    expect(found.verdict).toMatchObject({ errorCode: 'AccessDenied', kind: 'implicit', policyType: 'resource' });
  });

  it('a fact of a plain file names the line and column of its value', async () => {
    const found = await read('record-assumed-role.json');
    const lines = readFileSync(`${DIR}/record-assumed-role.json`, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"eventName"')) + 1;
    expect(found.facts.find((f) => f.pointer === '/action')?.from).toBe(`record-assumed-role.json:${line}:${lines[line - 1]!.indexOf('"PutObject"') + 1}`);
  });

  it('is tried before the error-message reader, whose test a record also passes (errorCode AccessDenied)', () => {
    const text = readFileSync(`${DIR}/record-assumed-role.json`, 'utf8');
    expect(errorMessageReader.recognises(text)).toBe(true);
    expect(cloudTrailReader.recognises(text)).toBe(true);
    expect(cloudTrailReader.recognises('An error occurred (AccessDenied) when calling the PutObject operation: Access Denied')).toBe(false);
  });
});

describe('choosing the record of a log file', () => {
  it('--event-id chooses any record, denied or not', async () => {
    expect(await factsOf('trail-log-file.json', { eventId: '5c2d1a90-8d6e-4a3c-9f57-6d0d5e2f1a11' })).toMatchObject({
      '/principal': 'arn:aws:iam::123456789012:user/Alice',
      '/action': 's3:GetObject',
    });
  });

  it.each([
    [
      'several denied records',
      'trail-log-file-two-denied.json',
      {},
      /^2 records were denied \(eventIDs 3074546e-\S+, 9b1e7c44-\S+\): choose one with --event-id ID$/,
    ],
    [
      'no denied record (the S3 User Guide example)',
      's3-userguide-log-file.json',
      {},
      /^no record of the 3 was denied \(errorCode AccessDenied\): choose one with --event-id ID \(eventIDs cdc4b7ed-/,
    ],
    ['an eventID no record has', 'trail-log-file.json', { eventId: 'nope' }, /^no record has eventID nope \(the 2 records: /],
    ["a single record's other eventID", 'record-iam-user.json', { eventId: 'nope' }, /^--event-id nope is not this record's eventID/],
  ])('%s is a one-line error', async (_name, file, options, message) => {
    const e = await failure(file, options);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('the S3 User Guide log file, GetBucketVersioning by --event-id: host array ignored, SigV4 and AuthHeader as S3 names them', async () => {
    expect(await factsOf('s3-userguide-log-file.json', { eventId: 'f2b287f3-0df1-4961-a2f4-c4bdfed47657' })).toEqual({
      '/principal': 'arn:aws:iam::111122223333:user/myUserName',
      '/action': 's3:GetBucketVersioning',
      '/resource': 'arn:aws:s3:::DOC-EXAMPLE-BUCKET1',
      '/region': 'us-west-2',
      // S3 API Reference, "Amazon S3 Signature Version 4 Authentication Specific Policy Keys":
      // "AWS4-HMAC-SHA256" identifies Signature Version 4; s3:authType valid values REST-HEADER, REST-QUERY-STRING, POST.
      '/context/s3:signatureversion': 'AWS4-HMAC-SHA256',
      '/context/s3:authType': 'REST-HEADER',
      '/context/aws:CurrentTime': '2019-02-01T03:26:37Z',
      '/context/aws:EpochTime': 1548991597,
    });
  });

  it('the same file, ListBuckets: its action is not the event name (S3 API Reference, ListBuckets: "you must add the s3:ListAllMyBuckets policy action"); SigV2 and QueryString; 127.0.0.1 is an IP', async () => {
    const listBuckets = { eventId: 'cdc4b7ed-e171-4cef-975a-ad829d4123e8' };
    expect(await factsOf('s3-userguide-log-file.json', listBuckets)).toMatchObject({
      '/action': 's3:ListAllMyBuckets',
      '/context/s3:signatureversion': 'AWS',
      '/context/s3:authType': 'REST-QUERY-STRING',
      '/context/aws:SourceIp': '127.0.0.1',
    });
  });
});

describe('userIdentity in all its forms', () => {
  it('AssumedRole: the session ARN, and the role ARN with its path as aws:PrincipalArn', async () => {
    const found = await read('record-assumed-role.json');
    expect(found.facts.find((f) => f.pointer === '/context/aws:PrincipalArn')).toMatchObject({
      value: 'arn:aws:iam::123456789012:role/service-role/RoleToBeAssumed',
      how: { code: 'recordField', field: 'sessionContext.sessionIssuer.arn' },
    });
  });

  it.each([
    ['IAMUser', 'record-iam-user.json', 'arn:aws:iam::123456789012:user/Alice'],
    ['Root', 'record-root.json', 'arn:aws:iam::123456789012:root'],
    ['FederatedUser', 'record-federated-user.json', 'arn:aws:sts::123456789012:federated-user/bob'],
    ['AWSAccount ANONYMOUS_PRINCIPAL', 'record-anonymous.json', 'anonymous'],
    ['AWSService with invokedBy', 'record-aws-service.json', 'cloudfront.amazonaws.com'],
  ])('%s', async (_name, file, principal) => {
    const facts = await factsOf(file);
    expect(facts['/principal']).toBe(principal);
    expect(facts['/context/aws:PrincipalArn']).toBeUndefined();
  });

  it("AWSAccount without an ARN (the owner's copy) is an error saying where the caller's ARN is, never the account's root", async () => {
    const e = await failure('record-aws-account.json');
    expect(e.message).toMatch(
      /^userIdentity is AWSAccount AROAIDPPEZS35WEXAMPLE:MySessionName of account 444455556666 without an ARN: .*that account's trail has the record with the caller's ARN.*give --principal ARN$/,
    );
    expect(e.line).toBeGreaterThan(1);
  });

  it('… unless --principal gives the caller', async () => {
    const facts = await factsOf('record-aws-account.json', { given: (p) => p === '/principal' });
    expect(facts['/principal']).toBeUndefined();
    expect(facts['/action']).toBe('s3:GetObject');
  });

  it("AWSAccount without an ARN, but the enhanced message names the caller: AWS's own words give it (at the errorMessage)", async () => {
    const caller = 'arn:aws:sts::444455556666:assumed-role/RoleToBeAssumed/MySessionName';
    const text = readFileSync(`${DIR}/record-aws-account.json`, 'utf8').replace(
      '"Access Denied"',
      `"User: ${caller} is not authorized to perform: s3:GetObject on resource: \\"arn:aws:s3:::amzn-s3-demo-bucket/exports/2025/12/01/orders.csv\\" because no resource-based policy allows the s3:GetObject action"`,
    );
    const found = await cloudTrailReader.read({ label: 'owner.json', text }, { now: new Date(0) });
    const line = text.split('\n').findIndex((l) => l.includes('"errorMessage"')) + 1;
    const principal = found.facts.find((f) => f.pointer === '/principal');
    expect(principal?.value).toBe(caller);
    expect(principal?.from).toMatch(new RegExp(`^owner\\.json:${line}:\\d+$`));
    expect(found.verdict).toMatchObject({ kind: 'implicit', policyType: 'resource' });
  });

  it('an AWS service calling is not from an IP address: no aws:SourceIp', async () => {
    expect((await factsOf('record-aws-service.json'))['/context/aws:SourceIp']).toBeUndefined();
  });
});

describe('the request facts', () => {
  it('S3 request headers from requestParameters; TLS; the bucket owner; the Region; the time', async () => {
    expect(await factsOf('record-assumed-role.json')).toEqual({
      '/principal': SESSION,
      '/context/aws:PrincipalArn': 'arn:aws:iam::123456789012:role/service-role/RoleToBeAssumed',
      '/action': 's3:PutObject',
      '/resource': OBJECT,
      '/resourceAccount': '111122223333',
      '/region': 'us-east-1',
      '/context/aws:SourceIp': '203.0.113.7',
      '/context/aws:SecureTransport': true,
      '/context/s3:signatureversion': 'AWS4-HMAC-SHA256',
      '/context/s3:authType': 'REST-HEADER',
      '/http/headers/x-amz-server-side-encryption': 'aws:kms',
      '/http/headers/x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      '/http/headers/x-amz-storage-class': 'STANDARD_IA',
      '/http/headers/x-amz-acl': 'bucket-owner-full-control',
      '/context/aws:CurrentTime': '2025-12-01T09:15:42Z',
      '/context/aws:EpochTime': 1764580542,
    });
  });

  it('SSEApplied is what S3 applied, not a header the request sent; `Host` is not a header either', async () => {
    const facts = await factsOf('record-iam-user.json');
    expect(Object.keys(facts).filter((k) => k.startsWith('/http/'))).toEqual([]);
  });

  it('through a VPC endpoint: aws:SourceVpce, the private address as aws:VpcSourceIp, a grant nested under accessControlList; no tlsDetails leaves TLS unknown', async () => {
    const facts = await factsOf('record-vpc-endpoint.json');
    expect(facts).toMatchObject({
      '/context/aws:SourceVpce': 'vpce-1a2b3c4d',
      '/context/aws:VpcSourceIp': '10.0.12.34',
      '/http/headers/x-amz-grant-read': 'uri="http://acs.amazonaws.com/groups/global/AllUsers"',
    });
    expect(facts['/context/aws:SourceIp']).toBeUndefined();
    expect(facts['/context/aws:SecureTransport']).toBeUndefined();
  });

  it('KMS (the KMS Developer Guide example): the key from resources, the encryption context, "AWS Internal" is no IP… but 192.0.2.0 is', async () => {
    expect(await factsOf('kms-decrypt.json')).toMatchObject({
      '/principal': 'arn:aws:iam::111122223333:user/Alice',
      '/action': 'kms:Decrypt',
      '/resource': 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      '/context/kms:EncryptionContext:Department': 'Engineering',
      '/context/kms:EncryptionContext:Project': 'Alpha',
      '/context/kms:EncryptionContextKeys': ['Department', 'Project'],
      '/context/aws:SourceIp': '192.0.2.0',
    });
    expect((await read('kms-decrypt.json')).verdict).toBeUndefined();
  });

  it("S3's bare Access Denied: a verdict that says nothing more", async () => {
    expect((await read('record-iam-user.json')).verdict).toMatchObject({ errorCode: 'AccessDenied', kind: 'unknown' });
  });
});

describe('almost-right records are one-line errors at their place', () => {
  it.each([
    ['S3 on Outposts (S3 User Guide)', 's3-outposts-put-object.json', /^eventSource s3-outposts\.amazonaws\.com is Amazon S3 on Outposts, another service/, 12],
    [
      'a service policy-why does not model (the AWS CLI lookup-events example)',
      'aws-cli-lookup-events-console-login.json',
      /^records of signin\.amazonaws\.com are not read: policy-why reads records of Amazon S3 \(s3\.amazonaws\.com\), AWS KMS/,
      7,
    ],
    ["the KMS guide's failure example, invalid JSON as published", 'kms-decrypt-failure.json', /^invalid JSON/, 18],
    [
      'an EventBridge event that is not a CloudTrail record',
      'eventbridge-object-created.json',
      /^an EventBridge event whose detail-type is "Object Created": expected "AWS API Call via CloudTrail"/,
      4,
    ],
  ])('%s', async (_name, file, message, line) => {
    const e = await failure(file);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
    expect(e.source).toBe(file);
    expect(e.line).toBe(line);
  });

  it('an error that is not a denial has no policy decision to explain', async () => {
    const text = readFileSync(`${DIR}/kms-decrypt-failure.json`, 'utf8').replace('"IncorrectKeyException"\n', '"IncorrectKeyException",\n');
    const e = await cloudTrailReader.read({ label: 'f.json', text }, { now: new Date(0) }).catch((error: unknown) => error as InputError);
    expect((e as InputError).message).toMatch(/^errorCode IncorrectKeyException is not an access denial/);
  });
});
