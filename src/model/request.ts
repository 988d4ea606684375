import type { PolicySet } from './policyset.js';
import type { HttpFacts, S3Facts } from './s3.js';

/** A context value as written in a request document: AWS compares strings, so scalars are kept as text too. */
export type ContextInput = string | number | boolean | (string | number | boolean)[];

/** Where a context value came from: the user's request, derived from the principal, or a documented default. */
export type ContextOrigin = 'request' | 'derived' | 'default';

export interface ContextEntry {
  /** The key as AWS spells it (or as the user wrote it). Lookups ignore case. */
  key: string;
  /** Every value as text, the way condition operators compare them. */
  values: string[];
  /** True for an array in the request (a multivalued key), even with one element. */
  multi: boolean;
  origin: ContextOrigin;
  /** The value as given, for display. */
  display: ContextInput;
  /** Why this value is an assumption (a derivation that guesses a part); documented defaults have origin `default`. */
  assumption?: AssumptionReason;
  /** The request header S3 reads this key from, when the input gave the header rather than the key (`x-amz-acl`). */
  header?: string;
}

/** Why something the decision rests on was assumed, as data (`explain/words` words it). */
export type AssumptionReason =
  /** The resource's owner taken from the principal: the ARN names no account. */
  | { code: 'resourceAccountFromPrincipal' }
  /** The request is taken to go through the VPC endpoint whose policy is given. */
  | { code: 'throughVpcEndpoint' }
  /** aws:SourceIp dropped: AWS does not set it behind a VPC endpoint. */
  | { code: 'sourceIpBehindEndpoint'; endpoint?: string; keptAsVpcSourceIp: boolean }
  /** s3:ExistingObjectTag/… dropped: S3 does not set it for this action. */
  | { code: 'existingObjectTagUnsupported'; key: string; action: string }
  /** The AWS managed key aws/s3's fixed key policy is used. */
  | { code: 'awsManagedKeyPolicy'; account: string; regionKnown: boolean }
  /** aws:PrincipalArn of a session: the role ARN with an assumed path. */
  | { code: 'roleArnOfSession'; session: string; sso: boolean }
  /** The bucket behind an access point taken to be in the access point's account. */
  | { code: 'bucketAccountFromAccessPoint' }
  /** aws:ResourceAccount / s3:ResourceAccount from the assumed resource owner. */
  | { code: 'resourceOwnerAssumed' }
  /** The other reading: the resource is taken to be another account's, whose id is not known. */
  | { code: 'resourceAccountOther' }
  /** The other reading: the bucket behind the access point is another account's, whose id is not known. */
  | { code: 'bucketAccountOther' }
  /** The other reading: the request does not go through the VPC endpoint whose policy is given. */
  | { code: 'notThroughVpcEndpoint' }
  /** The other reading: aws:PrincipalArn of a session is its role's ARN with another path. */
  | { code: 'rolePathOther'; session: string }
  /** The other reading: s3:x-amz-copy-source is the x-amz-copy-source header's value as sent. */
  | { code: 'copySourceAsSent'; header: string }
  /** The bucket's Object Ownership, not given, taken to leave ACLs enabled (ObjectWriter or BucketOwnerPreferred). */
  | { code: 'objectOwnershipAclsEnabled' }
  /** The other reading: the bucket's Object Ownership is BucketOwnerEnforced (ACLs disabled, the default for new buckets). */
  | { code: 'objectOwnershipEnforcedOther' }
  /** A header given whose condition key the service reference does not list for the action: not read into the context. */
  | { code: 'headerNotForAction'; header: string; key: string; action: string }
  /** s3:x-amz-copy-source read from the x-amz-copy-source header without its leading slash and URL-decoded. */
  | { code: 'copySourceFromHeader'; header: string }
  /** The action was given as an API operation (`s3:ListObjectsV2`) and read as the IAM action AWS authorizes it with (`s3:ListBucket`). */
  | {
      code: 'actionFromOperation';
      operation: string;
      /** Every action AWS requires for the operation; the first is evaluated. */
      actions: readonly string[];
      /** Actions needed on the copy source, a request not evaluated here. */
      onCopySource?: readonly string[];
      /** AWS's documentation sentence, with its page. */
      source: string;
    }
  /** The resource was given as an S3 URL and read as the ARN of the bucket or object it names. */
  | {
      code: 'resourceFromS3Url';
      url: string;
      style: 's3Uri' | 'virtualHosted' | 'pathStyle';
      /** Percent-escapes in the key were decoded. */
      decoded: boolean;
      /** A query string (a presigned URL's signature …) was left out. */
      queryDropped: boolean;
      /** The Region the host names, used as the request's Region. */
      region?: string;
      /** An `http://` URL: the request is taken to be sent without TLS (aws:SecureTransport false). */
      insecure?: boolean;
    };

export type PrincipalKind =
  | 'user'
  | 'role'
  | 'assumedRole'
  | 'root'
  | 'federatedUser'
  | 'service'
  /** A CloudFront origin access identity: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`. */
  | 'oai'
  /**
   * A web-identity or SAML caller of AssumeRoleWithWebIdentity / AssumeRoleWithSAML, named by its
   * identity provider as a trust policy's `Federated` principal names it: `accounts.google.com`,
   * `cognito-identity.amazonaws.com`, `arn:aws:iam::ACCT:oidc-provider/HOST`, `arn:aws:iam::ACCT:saml-provider/NAME`.
   */
  | 'identityProvider'
  | 'anonymous'
  /**
   * A caller of a store that is not AWS (an S3-compatible store's own access key, or no principal given):
   * only with an endpoint that is not AWS and no AWS policies; nothing is evaluated for it.
   */
  | 'external';

/** The caller, parsed from the request's `principal`. */
export interface RequestPrincipal {
  kind: PrincipalKind;
  /** As written in the request. */
  text: string;
  /** Account that owns the principal (absent for services and anonymous callers). */
  account?: string;
  partition?: string;
  /** Value of aws:PrincipalArn: for an assumed-role session this is the role's ARN. */
  principalArn?: string;
  /** IAM user name, role name or federated user name. */
  name?: string;
  /** Role session name, for assumed-role sessions. */
  sessionName?: string;
  /** Service principal name, e.g. `cloudfront.amazonaws.com`. */
  service?: string;
}

/** A request, ready for evaluation: everything parsed and checked. */
export interface Request {
  principal: RequestPrincipal;
  /** Action as AWS names it (`s3:PutObject`), canonical case when the action is known. */
  action: string;
  resource: string;
  /** Account that owns the resource, when known. */
  resourceAccount?: string;
  /** True when resourceAccount was not given and was taken from the principal. */
  resourceAccountAssumed: boolean;
  /**
   * The other reading of an unknown owner: the resource belongs to some account other than the caller's,
   * whose id is not known (resourceAccount is then absent). The evaluation is cross-account.
   */
  resourceAccountOther?: true;
  context: Map<string, ContextEntry>;
  /** The organization's management account, when the request names it (SCPs/RCPs do not apply there). */
  managementAccount?: string;
  /** Service prefixes RCPs apply to (from the service reference); undefined when unknown. */
  rcpServices?: ReadonlySet<string>;
  /** Gateway or interface endpoint: they read an account principal differently. Default: Gateway. */
  vpcEndpointType?: 'Gateway' | 'Interface';
  /** The AWS Region the request was sent to, when known. */
  region?: string;
  /** For KMS requests: the key is an AWS managed key (aws/s3), whose policy cannot be changed. */
  kmsKeyAwsManaged?: boolean;
  s3?: S3Facts;
  http?: HttpFacts;
  /** aws:CurrentTime defaults to the time of this run (no --now): notes do not compare times with it. */
  wallClock?: boolean;
  /** The condition keys AWS can set for this action (its own, its resource types', the global ones), from the service reference. */
  conditionKeys?: KeyVocabulary;
  /** Context keys the request gives that no service and no global key defines: AWS never sets them. */
  unknownContextKeys?: { key: string; suggestion?: string }[];
}

/** Condition keys as AWS spells them; a key with a variable part (`s3:RequestObjectTag/<key>`) stands for every key after its `/`. */
export interface KeyVocabulary {
  action: string;
  keys: readonly string[];
}

/** An assumption made while reading or completing a request, shown in the output. */
export interface AssumptionNote {
  key: string;
  value: string;
  why: AssumptionReason;
}

/**
 * A request as an input format gives it, before AWS's own facts are added: what the person said, checked
 * and typed, with nothing derived. `request/` completes it the same way whatever format it came from.
 */
export interface RequestDraft {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  /** The resource's owner, when the input names it. */
  resourceAccount?: string;
  managementAccount?: string;
  region?: string;
  vpcEndpointType?: 'Gateway' | 'Interface';
  /** Context keys as given (origin `request`). */
  context: Map<string, ContextEntry>;
  s3?: S3Facts;
  http?: HttpFacts;
  policies: PolicySet;
  /** The time for aws:CurrentTime / aws:EpochTime when the context does not set them. */
  now: Date;
  /** True when `now` is merely the time of this run (no --now): time-based notes then say nothing. */
  wallClock: boolean;
  /** How the input was read where it needed reading (an S3 URL as the resource …), shown under assumptions. */
  readings?: AssumptionNote[];
}

/** A complete request and its policies, ready for the evaluator. */
export interface LoadedRequest {
  request: Request;
  policies: PolicySet;
  /** Assumptions made while completing the request (e.g. the resource owner), shown in the output. */
  notes: AssumptionNote[];
}
