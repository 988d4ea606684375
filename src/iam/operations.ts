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
