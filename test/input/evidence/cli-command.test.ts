import { describe, expect, it } from 'vitest';
import { errorLine } from '../../helpers/evidence.js';
import { cliCommandReader, tokenize } from '../../../src/input/evidence/cli-command.js';

/**
 * AWS CLI commands as the AWS CLI's own examples write them (aws/aws-cli awscli/examples/s3/cp.rst, mv.rst, rm.rst,
 * ls.rst, sync.rst; s3api/put-object.rst, get-object.rst, copy-object.rst, head-object.rst, list-objects-v2.rst), with
 * their line continuations. A command is tokenised as a shell would, never run.
 */
const read = (text: string) => cliCommandReader.read({ label: 'cmd.sh', text }, { now: new Date(0) });
const factsOf = async (text: string) => Object.fromEntries((await read(text)).facts.map((f) => [f.pointer, f.value]));
const errorOf = (text: string) => errorLine(read(text));

describe('shell words', () => {
  it.each([
    [`aws s3 cp 'my file.txt' s3://b/k`, ['aws', 's3', 'cp', 'my file.txt', 's3://b/k']],
    [`aws s3 cp "a \\"b\\" c" s3://b/k`, ['aws', 's3', 'cp', 'a "b" c', 's3://b/k']],
    [`aws s3 cp my\\ file s3://b/k # a comment`, ['aws', 's3', 'cp', 'my file', 's3://b/k']],
    [`aws s3api put-object \\\n    --bucket b \\\n    --key k`, ['aws', 's3api', 'put-object', '--bucket', 'b', '--key', 'k']],
    [`aws s3 ls s3://b/ | grep x`, ['aws', 's3', 'ls', 's3://b/']],
    [`aws s3 cp a s3://b/k''`, ['aws', 's3', 'cp', 'a', 's3://b/k']],
  ])('%s', (text, words) => {
    expect(tokenize(text).map((t) => t.text)).toEqual(words);
  });
});

describe('aws s3', () => {
  it.each([
    ['aws s3 cp test.txt s3://amzn-s3-demo-bucket/test2.txt', 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/test2.txt'],
    ['aws s3 cp test.txt s3://amzn-s3-demo-bucket/archive/', 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/archive/test.txt'],
    ['aws s3 cp s3://amzn-s3-demo-bucket/test.txt test2.txt', 's3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/test.txt'],
    ['aws s3 cp s3://amzn-s3-demo-bucket/test.txt s3://amzn-s3-demo-bucket2/', 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket2/test.txt'],
    ['aws s3 cp - s3://amzn-s3-demo-bucket/stream.txt', 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/stream.txt'],
    [
      'aws s3 cp mydoc.txt s3://arn:aws:s3:us-west-2:123456789012:accesspoint/myaccesspoint/mykey',
      's3:PutObject',
      'arn:aws:s3:us-west-2:123456789012:accesspoint/myaccesspoint/object/mykey',
    ],
    ['aws s3 mv test.txt s3://amzn-s3-demo-bucket/test2.txt', 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/test2.txt'],
    ['aws s3 rm s3://amzn-s3-demo-bucket/test2.txt', 's3:DeleteObject', 'arn:aws:s3:::amzn-s3-demo-bucket/test2.txt'],
    ['aws s3 rm s3://amzn-s3-demo-bucket/ --recursive', 's3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['aws s3 ls', 's3:ListAllMyBuckets', '*'],
    ['aws s3 ls s3://amzn-s3-demo-bucket', 's3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['aws s3 sync . s3://amzn-s3-demo-bucket', 's3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket'],
  ])('%s → %s on %s', async (text, action, resource) => {
    expect(await factsOf(text)).toMatchObject({ '/action': action, '/resource': resource });
  });

  it('a copy: s3:PutObject on the destination, x-amz-copy-source sent, s3:GetObject on the source said to be another request', async () => {
    const found = await read('aws s3 cp s3://amzn-s3-demo-bucket/test.txt s3://amzn-s3-demo-bucket/test2.txt --acl public-read-write');
    expect(Object.fromEntries(found.facts.map((f) => [f.pointer, f.value]))).toMatchObject({
      '/http/headers/x-amz-copy-source': 'amzn-s3-demo-bucket/test.txt',
      '/http/headers/x-amz-acl': 'public-read-write',
    });
    expect(found.facts.find((f) => f.pointer === '/action')?.how).toEqual({ code: 'cliCommand', command: 'aws s3 cp', also: ['s3:GetObject on the source'] });
  });

  it('ls sends the prefix and, without --recursive, the delimiter /', async () => {
    expect(await factsOf('aws s3 ls s3://amzn-s3-demo-bucket/logs/')).toMatchObject({ '/context/s3:prefix': 'logs/', '/context/s3:delimiter': '/' });
    expect(await factsOf('aws s3 ls s3://amzn-s3-demo-bucket/logs/ --recursive')).not.toHaveProperty(['/context/s3:delimiter']);
  });

  it('the headers its flags send: --sse alone is AES256, --grants as cp.rst writes them', async () => {
    const text =
      'aws s3 cp file.txt s3://amzn-s3-demo-bucket/ --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers full=id=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be --sse --storage-class STANDARD_IA';
    expect(await factsOf(text)).toMatchObject({
      '/resource': 'arn:aws:s3:::amzn-s3-demo-bucket/file.txt',
      '/http/headers/x-amz-grant-read': 'uri="http://acs.amazonaws.com/groups/global/AllUsers"',
      '/http/headers/x-amz-grant-full-control': 'id="79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"',
      '/http/headers/x-amz-server-side-encryption': 'AES256',
      '/http/headers/x-amz-storage-class': 'STANDARD_IA',
    });
    expect(await factsOf('aws s3 cp f s3://b/k --sse aws:kms --sse-kms-key-id alias/reports')).toMatchObject({
      '/http/headers/x-amz-server-side-encryption': 'aws:kms',
      '/http/headers/x-amz-server-side-encryption-aws-kms-key-id': 'alias/reports',
    });
  });

  it('--recursive copies many objects: the resource is asked for', async () => {
    const found = await read('aws s3 cp myDir s3://amzn-s3-demo-bucket/ --recursive --exclude "*.jpg"');
    expect(found.facts.some((f) => f.pointer === '/resource')).toBe(false);
    expect(found.hints?.find((h) => h.field === 'resource')?.text).toContain('give --resource s3://BUCKET/KEY of the one that failed');
  });

  it('global options: the Region, the endpoint, an unsigned request; the caller is asked for, with the profile', async () => {
    const found = await read('$ aws --profile etl --region eu-west-1 s3 cp a.csv s3://b/a.csv');
    expect(Object.fromEntries(found.facts.map((f) => [f.pointer, f.value]))).toMatchObject({ '/region': 'eu-west-1' });
    expect(found.facts.find((f) => f.pointer === '/region')?.from).toBe('cmd.sh:1:30');
    expect(found.hints?.find((h) => h.field === 'principal')?.text).toBe(
      'the command does not say who ran it: give --principal ARN (`aws sts get-caller-identity --profile etl` prints it)',
    );
    expect(await factsOf('aws s3 cp s3://b/k . --no-sign-request')).toMatchObject({ '/principal': 'anonymous' });
    expect(await factsOf('aws s3 cp a s3://b/k --endpoint-url https://kr.object.ncloudstorage.com')).toMatchObject({
      '/http/endpoint': 'https://kr.object.ncloudstorage.com',
    });
  });
});

describe('aws s3api and aws kms', () => {
  it.each([
    [
      'aws s3api put-object --bucket amzn-s3-demo-bucket --key my-dir/MySampleImage.png --body MySampleImage.png',
      's3:PutObject',
      'arn:aws:s3:::amzn-s3-demo-bucket/my-dir/MySampleImage.png',
    ],
    [
      'aws s3api get-object --bucket text-content --key dir/my_images.tar.bz2 my_images.tar.bz2',
      's3:GetObject',
      'arn:aws:s3:::text-content/dir/my_images.tar.bz2',
    ],
    ['aws s3api get-object --bucket b --key k --version-id 3HL4kqtJ out', 's3:GetObjectVersion', 'arn:aws:s3:::b/k'],
    ['aws s3api head-object --bucket amzn-s3-demo-bucket --key index.html', 's3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/index.html'],
    ['aws s3api head-object --bucket b --key k --version-id 3HL4kqtJ', 's3:GetObjectVersion', 'arn:aws:s3:::b/k'],
    ['aws s3api list-objects-v2 \\\n    --bucket amzn-s3-demo-bucket', 's3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['aws s3api list-object-versions --bucket amzn-s3-demo-bucket --prefix index', 's3:ListBucketVersions', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['aws s3api get-bucket-policy --bucket amzn-s3-demo-bucket', 's3:GetBucketPolicy', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['aws s3api list-buckets', 's3:ListAllMyBuckets', '*'],
    [
      'aws kms decrypt --key-id arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --ciphertext-blob fileb://x',
      'kms:Decrypt',
      'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
  ])('%s → %s on %s', async (text, action, resource) => {
    expect(await factsOf(text)).toMatchObject({ '/action': action, '/resource': resource });
  });

  it('copy-object: s3:PutObject on the destination, the copy source as sent, s3:GetObject on it named', async () => {
    const found = await read('aws s3api copy-object --copy-source bucket-1/test.txt --key test.txt --bucket bucket-2');
    expect(Object.fromEntries(found.facts.map((f) => [f.pointer, f.value]))).toMatchObject({
      '/action': 's3:PutObject',
      '/resource': 'arn:aws:s3:::bucket-2/test.txt',
      '/http/headers/x-amz-copy-source': 'bucket-1/test.txt',
    });
    expect(found.facts.find((f) => f.pointer === '/action')?.how).toMatchObject({ also: ['s3:GetObject on the copy source'] });
  });

  it('flags that send headers', async () => {
    expect(
      await factsOf(
        'aws s3api put-object --bucket b --key k --acl bucket-owner-full-control --server-side-encryption aws:kms --ssekms-key-id 1234abcd --request-payer requester --expected-bucket-owner 111122223333',
      ),
    ).toMatchObject({
      '/http/headers/x-amz-acl': 'bucket-owner-full-control',
      '/http/headers/x-amz-server-side-encryption': 'aws:kms',
      '/http/headers/x-amz-server-side-encryption-aws-kms-key-id': '1234abcd',
      '/http/headers/x-amz-request-payer': 'requester',
      '/http/headers/x-amz-expected-bucket-owner': '111122223333',
    });
  });

  it('a KMS key named by id or alias: the key ARN is asked for', async () => {
    const found = await read('aws kms encrypt --key-id alias/reports --plaintext fileb://x');
    expect(found.hints?.find((h) => h.field === 'resource')?.text).toBe(
      '--key-id `alias/reports` names no account and Region: give --resource arn:aws:kms:REGION:ACCOUNT:key/KEY_ID (`aws kms describe-key --key-id …` prints it)',
    );
  });
});

describe('almost-right commands: one line', () => {
  it.each([
    ['aws s3 cp $FILE s3://$BUCKET/k', 'cmd.sh:1:11: `$FILE` is a shell variable or command: its value is not in the command; write the value out'],
    ['aws ec2 describe-instances', 'cmd.sh:1:5: `aws ec2` is not a command policy-why reads: expected aws s3, aws s3api or aws kms'],
    ['aws s3 presign s3://b/k', 'cmd.sh:1:8: `aws s3 presign` is not a command policy-why reads: cp, mv, rm, ls, sync (or aws s3api …)'],
    [
      'aws s3api put-objekt --bucket b',
      'cmd.sh:1:11: `aws s3api put-objekt` is not an S3 operation policy-why can map to an IAM action: give --action SERVICE:ACTION',
    ],
    ["aws s3 cp 'a s3://b/k", 'cmd.sh:1:22: unclosed single quote'],
    ['aws s3 cp a.txt b.txt', 'cmd.sh:1:8: `aws s3 cp` needs a source and a destination, one of them s3://BUCKET/KEY'],
  ])('%s', async (text, message) => {
    expect(await errorOf(text)).toBe(message);
  });

  it('recognised among evidence files', () => {
    expect(cliCommandReader.recognises('$ aws s3 cp a s3://b/k')).toBe(true);
    expect(cliCommandReader.recognises('aws --region us-east-1 s3api get-object --bucket b --key k out')).toBe(true);
    expect(cliCommandReader.recognises('upload failed: ./a to s3://b/k An error occurred (AccessDenied)')).toBe(false);
  });
});
