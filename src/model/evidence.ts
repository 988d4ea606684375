import type { PolicyType } from './policy.js';

/**
 * Evidence: what a stuck user already has (an error message, a CloudTrail record, the AWS CLI command they
 * ran, a presigned URL, AWS CLI outputs), read into the facts of a request and the policies AWS consults.
 * Every fact says which input gave it and how it was derived, so the report can show its sources.
 */
export type EvidenceKind =
  /** An AccessDenied message, in any SDK or CLI wrapper, or S3's XML error body. */
  | 'errorMessage'
  /** A CloudTrail record, a trail log file, `lookup-events` output or an EventBridge envelope. */
  | 'cloudTrail'
  /** An AWS CLI command (`aws s3 cp …`). */
  | 'cliCommand'
  /** A presigned URL or presigned POST form. */
  | 'presignedUrl'
  /** AWS CLI output that carries policies or facts (`get-account-authorization-details`, `get-bucket-policy` …). */
  | 'cliOutput';

/** How a fact was obtained from its input, as data (`explain/words` words it). */
export type FactHow =
  /** Written in the input as the request needs it. */
  | { code: 'stated' }
  /** An API operation name read as the IAM action(s) AWS authorizes it with (S3 API Reference, per operation). */
  | { code: 'operation'; operation: string }
  /** A CloudTrail event source and name (`s3.amazonaws.com` + `PutObject`). */
  | { code: 'eventName'; eventSource: string; eventName: string }
  /** An S3 bucket (and key) turned into the resource ARN. */
  | { code: 's3Location' }
  /** The account taken from an ARN that names it. */
  | { code: 'accountOfArn'; arn: string }
  /** A CloudTrail record's field (`userIdentity.invokedBy`, `tlsDetails.tlsVersion`) read as the request document takes it. */
  | { code: 'recordField'; field: string }
  /** A URL's bucket and key (URL-decoded) as the resource ARN: from the host and path, or the path alone. */
  | { code: 'urlResource'; style: 'virtualHosted' | 'pathStyle' }
  /** The HTTP method a presigned URL was used with, and the query's subresources, read as an S3 operation. */
  | { code: 'httpMethod'; method: string; operation: string }
  /** The Region of a presigned URL's credential scope (`X-Amz-Credential`). */
  | { code: 'credentialScope' }
  /** A signed request's access key id, the caller of a store that is not AWS. */
  | { code: 'accessKey' }
  /** What a request signed in the query string is to S3: `s3:authType` REST-QUERY-STRING, `s3:signatureversion`. */
  | { code: 'queryAuth' }
  /** `s3:signatureversion`: `AWS4-HMAC-SHA256` for SigV4 (`X-Amz-Algorithm`), `AWS` for SigV2. */
  | { code: 'signatureVersion'; version: 'SigV4' | 'SigV2' }
  /** `s3:signatureAge`: `--now` minus the signing time `X-Amz-Date`, in milliseconds. */
  | { code: 'signatureAge'; signed: string; now: string }
  /** A presigned URL's end of validity: `X-Amz-Date` plus `X-Amz-Expires` seconds. */
  | { code: 'expiresAfter'; signed: string; seconds: number }
  /** A request header the signer moved into the query string (`x-amz-acl=private`). */
  | { code: 'queryHeader' }
  /** An `http://` URL: sent without TLS. */
  | { code: 'plainHttp' }
  /** The first call an AWS CLI command makes, and what its other calls need (requests not evaluated here). */
  | { code: 'cliCommand'; command: string; also: readonly string[] }
  /** An AWS CLI flag that sends a request header (`--acl` → `x-amz-acl`). */
  | { code: 'cliFlag'; flag: string }
  /** `--no-sign-request`: the AWS CLI sends the request unsigned, as an anonymous caller. */
  | { code: 'unsigned' };

/** One fact of the request, as a value at a place of the request document, with its source. */
export interface EvidenceFact {
  /** Where the value lands in the request document, as a JSON pointer (`/principal`, `/context/aws:SourceIp`). */
  pointer: string;
  /** The value, as the request document takes it. */
  value: unknown;
  /** The input that gave it, with its place: `error.txt:1:9`, `--error`, `trail.json:4:5`. */
  from: string;
  how: FactHow;
  /** Set when another source (a flag, the request document) gave this field instead; the value shown is the one not used. */
  overriddenBy?: string;
}

/** A policy found in the evidence, placed into a layer of the request. */
export interface EvidencePolicy {
  layer: PolicyType;
  /** The request document's reference to it: `file#/json/pointer`. */
  ref: string;
  /** What the policy is, as the input names it (`role/etl-writer inline policy s3-write`). */
  label: string;
  from: string;
  /**
   * Whose policy it is, when the input says: the IAM user or role ARN (with its path) an identity policy or
   * boundary applies to — a group's policies are given once per member user. Placed only when it is the caller.
   */
  owner?: string;
  /** For SCPs and RCPs: the organization level, 0 = root, the account last. */
  level?: number;
  /**
   * The requests it belongs to, when the input says: `trustOf` a role ARN for its trust policy (placed for
   * `sts:AssumeRole*` on that role), `sourceVpce` an endpoint id (placed when the request's `aws:SourceVpce` is it).
   */
  appliesTo?: { trustOf?: string; sourceVpce?: string; orUnsaid?: true };
  /** Set when it was not placed: a flag or the request file gives this layer (`--identity`), or it belongs to another principal (`other principal`) or request (`other request`). */
  notUsed?: string;
}

/** AWS's own answer, when the evidence carries it (an error message, a CloudTrail `errorCode`). */
export interface AwsVerdict {
  /** The error code as AWS wrote it (`AccessDenied`, `AccessDeniedException`). */
  errorCode: string;
  /** `explicit` for "with an explicit deny in …", `implicit` for "because no … allows", `unknown` for S3's bare "Access Denied". */
  kind: 'explicit' | 'implicit' | 'unknown';
  /** The policy type AWS blamed, when its message names one. */
  policyType?: PolicyType;
  /** The denying policy's ARN, when the message ends with one. */
  policyArn?: string;
  from: string;
}

/** The inputs read, in the order given. */
export interface EvidenceInput {
  kind: EvidenceKind;
  /** The file name, `-` (standard input), or the flag (`--error`). */
  label: string;
}

/** What a piece of evidence knows about a field it cannot give: how to get it (`the URL names access key AKIA…`). */
export interface EvidenceHint {
  /** `principal`, `action`, `resource`, or a header the request is known to carry (`/http/headers/x-amz-acl`): needed, so an error when nothing gives it. */
  field: 'principal' | 'action' | 'resource' | `/http/headers/${string}`;
  /** What to do, in the words of an input error: `give --principal ARN (…)`. */
  text: string;
}

/** Everything the evidence gave: the inputs, the facts, the policies, AWS's verdict. */
export interface EvidenceLog {
  inputs: EvidenceInput[];
  facts: EvidenceFact[];
  policies: EvidencePolicy[];
  verdict?: AwsVerdict;
  /** IAM users and roles whose identity policies the evidence lists completely (an account dump): none missing, even if none. */
  covers: string[];
  /** How to get the fields the evidence does not give, where it knows (used when nothing else gives them). */
  hints?: EvidenceHint[];
}

/** How AWS's verdict compares with the evaluation of the evidence, as data. */
export type VerdictAgreement =
  /** The same decision, and where AWS named a policy type, the same type decides. */
  | { code: 'agrees' }
  /** AWS named a policy type of which no policy was given. */
  | { code: 'notGiven'; policyType: PolicyType }
  /** AWS named an explicit deny in one type; the evaluation finds it in another. */
  | { code: 'otherType'; said: PolicyType; found: PolicyType }
  /** AWS says a policy of this type denies (or does not allow); the given one does not, so it may be stale, or a fact differs. */
  | { code: 'notDenying'; policyType: PolicyType }
  /** AWS denied; the evaluation of what was given allows: something not given decides. */
  | { code: 'allowedButDenied' }
  /** AWS says nothing allows; the evaluation finds an explicit deny (AWS names one reason of several). */
  | { code: 'explicitFound'; found: PolicyType };

/** What the evidence did not give that the answer may rest on, and the AWS CLI command that fetches it. */
export type MissingEvidence =
  | { code: 'identityPolicies'; principal: string; command: string }
  | { code: 'resourcePolicy'; resource: string; command: string }
  | { code: 'organizationPolicies'; kind: 'scp' | 'rcp'; account?: string; command: string }
  | { code: 'vpcEndpointPolicy'; endpoint: string; command: string }
  | { code: 'kmsKeyPolicy'; key: string; command: string };
