import { describe, expect, it } from 'vitest';
import { errorMessageReader } from '../../../src/input/evidence/error-message.js';
import { InputError } from '../../../src/model/errors.js';

/**
 * AccessDenied messages in the wrappers people paste (IAM User Guide, "Troubleshoot access denied error
 * messages": "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRespositories
 * because no identity-based policy allows the codecommit:ListRepositories action"; S3 User Guide, "Troubleshoot access
 * denied (403 Forbidden) errors": "…with an explicit deny in a service control policy"), and the 2025 policy-ARN suffix
 * (AWS Security Blog, "Enhanced access denied error messages with policy ARNs").
 */
const read = async (text: string, label = 'err.txt') => errorMessageReader.read({ label, text }, { now: new Date(0) });
const factsOf = async (text: string) => Object.fromEntries((await read(text)).facts.map((f) => [f.pointer, f.value]));

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/etl-writer/jane@example.com';
const MSG = `User: ${PRINCIPAL} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket/exports/data.csv" because no identity-based policy allows the s3:PutObject action`;
const EXPECTED = { '/principal': PRINCIPAL, '/action': 's3:PutObject', '/resource': 'arn:aws:s3:::amzn-s3-demo-bucket/exports/data.csv' };

describe('AccessDenied messages in every wrapper', () => {
  it.each([
    ['AWS CLI', `\nAn error occurred (AccessDenied) when calling the PutObject operation: ${MSG}\n`],
    [
      'aws s3 cp',
      `upload failed: ./data.csv to s3://amzn-s3-demo-bucket/exports/data.csv An error occurred (AccessDenied) when calling the PutObject operation: ${MSG}`,
    ],
    [
      'boto3 traceback',
      `Traceback (most recent call last):\n  File "job.py", line 12, in <module>\n    s3.put_object(Bucket=b, Key=k, Body=data)\nbotocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: ${MSG}`,
    ],
    ['SDK for Go v2', `operation error S3: PutObject, https response error StatusCode: 403, RequestID: 7X1V, HostID: abc=, api error AccessDenied: ${MSG}`],
    ['SDK for Java v1', `${MSG} (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 7X1V; S3 Extended Request ID: abc=; Proxy: null)`],
    ['SDK for JavaScript v3', `AccessDenied: ${MSG}\n    at throwDefaultError (node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)`],
    [
      'S3 XML body',
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${MSG}</Message><RequestId>7X1V</RequestId><HostId>abc=</HostId></Error>`,
    ],
    ['broken by a web page', MSG.replace(' is not authorized', '\nis not authorized').replace(' because', '\n  because')],
  ])('%s', async (_name, text) => {
    expect(await factsOf(text)).toEqual(EXPECTED);
    const v = (await read(text)).verdict!;
    expect(v).toMatchObject({ errorCode: 'AccessDenied', kind: 'implicit', policyType: 'identity' });
  });

  it('points each fact at its line and column in the pasted text', async () => {
    const found = await read(`line one\nAn error occurred (AccessDenied) when calling the PutObject operation: ${MSG}`);
    const principal = found.facts.find((f) => f.pointer === '/principal')!;
    expect(principal.from).toBe(`err.txt:2:${'An error occurred (AccessDenied) when calling the PutObject operation: User: '.length + 1}`);
  });

  it.each([
    ['service control policy', 'scp'],
    ['resource control policy', 'rcp'],
    ['VPC endpoint policy', 'vpcEndpoint'],
    ['permissions boundary', 'boundary'],
    ['session policy', 'session'],
    ['resource-based policy', 'resource'],
    ['identity-based policy', 'identity'],
  ])('explicit deny in a %s', async (phrase, type) => {
    const text = `User: ${PRINCIPAL} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" with an explicit deny in ${/^[aeiouAEIOU]/.test(phrase) ? 'an' : 'a'} ${phrase}`;
    expect((await read(text)).verdict).toMatchObject({ kind: 'explicit', policyType: type });
  });

  it.each([
    [': arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'],
    [', with policy ARN: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'],
  ])('the denying policy ARN (%s)', async (suffix) => {
    const text = `User: ${PRINCIPAL} is not authorized to perform: s3:GetObject with an explicit deny in a service control policy${suffix}`;
    expect((await read(text)).verdict).toMatchObject({
      kind: 'explicit',
      policyType: 'scp',
      policyArn: 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd',
    });
    expect(await factsOf(text)).toEqual({ '/principal': PRINCIPAL, '/action': 's3:GetObject' });
  });

  it("KMS's AccessDeniedException, resource unquoted", async () => {
    const text =
      'An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:iam::111122223333:user/ana is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab because no resource-based policy allows the kms:Decrypt action';
    expect(await factsOf(text)).toEqual({
      '/principal': 'arn:aws:iam::111122223333:user/ana',
      '/action': 'kms:Decrypt',
      '/resource': 'arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect((await read(text)).verdict).toMatchObject({ errorCode: 'AccessDeniedException', kind: 'implicit', policyType: 'resource' });
  });

  it("S3's bare Access Denied: the operation gives the action (S3 API Reference, ListObjectsV2: s3:ListBucket), the verdict says nothing more", async () => {
    const found = await read('An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied');
    expect(found.facts).toEqual([
      expect.objectContaining({ pointer: '/action', value: 's3:ListBucket', how: { code: 'operation', operation: 'ListObjectsV2' } }),
    ]);
    expect(found.verdict).toMatchObject({ errorCode: 'AccessDenied', kind: 'unknown' });
  });

  it('an operation with the same name as its action', async () => {
    expect(await factsOf('An error occurred (AccessDenied) when calling the DeleteObject operation: Access Denied')).toEqual({ '/action': 's3:DeleteObject' });
  });

  it.each([
    [
      'Google Cloud Storage',
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>sa@p.iam.gserviceaccount.com does not have storage.objects.get access</Details></Error>',
      /Google Cloud Storage's error, not AWS's/,
    ],
    ['Azure', 'AuthorizationPermissionMismatch: This request is not authorized to perform this operation using this permission.', /Azure Storage's error/],
    [
      'an unmapped operation',
      'An error occurred (AccessDenied) when calling the FrobnicateWidget operation: Access Denied',
      /FrobnicateWidget operation is not one policy-why can map.*--action/,
    ],
    ['no message at all', 'hello world', /no AccessDenied message found/],
  ])('%s is a located error, never a guess', async (_name, text, message) => {
    const error = await read(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).line).toBe(1);
  });
});
