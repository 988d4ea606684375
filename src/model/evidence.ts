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
  | { code: 'recordField'; field: string };

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

/** Everything the evidence gave: the inputs, the facts, the policies, AWS's verdict. */
export interface EvidenceLog {
  inputs: EvidenceInput[];
  facts: EvidenceFact[];
  policies: EvidencePolicy[];
  verdict?: AwsVerdict;
  /** IAM users and roles whose identity policies the evidence lists completely (an account dump): none missing, even if none. */
  covers: string[];
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
