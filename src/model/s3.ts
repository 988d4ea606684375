/**
 * Facts about S3 that decide requests beyond the policies: ownership, ACLs, Block Public Access,
 * requester pays, encryption. Shapes follow what the AWS CLI prints (`get-bucket-acl`,
 * `get-public-access-block`, `get-bucket-encryption`), normalised here.
 */
export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY_URI = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

export interface AclGrant {
  /** CanonicalUser id, or a group URI (AllUsers, AuthenticatedUsers, LogDelivery). */
  grantee: { type: 'CanonicalUser'; id: string } | { type: 'Group'; uri: string } | { type: 'AmazonCustomerByEmail'; email: string };
  permission: AclPermission;
}

export interface Acl {
  ownerId?: string;
  grants: AclGrant[];
  /** Where the ACL was written, for explanations. */
  source: string;
}

export interface BlockPublicAccess {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export interface Encryption {
  algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/**
 * The S3 access point a request went through (its resource is an access point ARN): the bucket behind it
 * and its network origin, as `aws s3control get-access-point` prints them.
 */
export interface AccessPointFacts {
  /** The underlying bucket's name. */
  bucket: string;
  /** The account that owns the underlying bucket (default: the access point's account, an assumption). */
  bucketAccount?: string;
  /** `Internet`, or `VPC` for an access point restricted to one VPC. */
  networkOrigin: 'Internet' | 'VPC';
  vpcId?: string;
}

export interface S3Facts {
  /** The access point the request went through, when its resource is an access point ARN. */
  accessPoint?: AccessPointFacts;
  /** Account that owns the bucket (default: the request's resource account). */
  bucketOwner?: string;
  /** Account that owns the object (object operations). */
  objectOwner?: string;
  objectOwnership?: ObjectOwnership;
  bucketAcl?: Acl;
  objectAcl?: Acl;
  /** Effective Block Public Access: the account's and the bucket's settings combined (either one on ⇒ on). */
  blockPublicAccess?: BlockPublicAccess;
  requesterPays?: boolean;
  /** The bucket's default encryption. */
  defaultEncryption?: Encryption;
  /** How the object being read is encrypted. */
  objectEncryption?: Encryption;
  /** Who manages the KMS key in play: AWS (aws/s3) or the customer. */
  kmsKeyManager?: 'AWS' | 'CUSTOMER';
  /** The upload is a multipart upload (needs kms:Decrypt too under SSE-KMS). */
  multipartUpload?: boolean;
  /** False when the object being read does not exist (403 versus 404). */
  objectExists?: boolean;
  /** Canonical user id of each account, to match ACL grants: `{"111122223333": "79a59df9…"}`. */
  canonicalUserIds?: Record<string, string>;
}

/** Facts about the HTTP exchange, for causes that are not policies. */
export interface HttpFacts {
  /** The endpoint the client called, e.g. `https://kr.object.ncloudstorage.com`. */
  endpoint?: string;
  /** Request headers as sent, by lowercase name (names are case-insensitive), each with where it was written. */
  headers?: ReadonlyMap<string, HttpHeader>;
  /** The client's User-Agent, e.g. `aws-cli/2.23.0 …` or `Boto3/1.36.2 …`. */
  userAgent?: string;
  /** When the request was signed (x-amz-date), ISO 8601 in UTC (read from any form AWS prints a time in). */
  requestTime?: string;
  /** For presigned URLs: when the URL expires, ISO 8601 in UTC. */
  presignedExpiresAt?: string;
}

/** One request header as the input gave it. */
export interface HttpHeader {
  /** The name as written (`X-Amz-Acl`). */
  name: string;
  value: string;
  /** Where it was written: file, line and column of its name. */
  source: string;
  line: number;
  column: number;
}
