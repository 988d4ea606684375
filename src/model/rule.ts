import type { Severity } from './diagnostic.js';
import type { PolicyDocument } from './policy.js';
import type { SourceSpan } from './source.js';
import type { Lang } from './lang.js';
import type { BucketFacts, FileResource, PolicyOrigin, RuleMeta } from './check.js';

/** What a rule found in one policy: its id, where (the offending element, or the statement), and its message. */
export interface RuleFinding {
  rule: string;
  severity: Severity;
  /** The file the span points into, as the policy names it. */
  source: string;
  span: SourceSpan;
  statementIndex?: number;
  /** The element the finding is about, for its fingerprint: a line-free path and value (`Action/0=s3:GetObjet`). */
  element?: string;
  /** The message in each language, with the finding's data filled in. */
  message: Readonly<Record<Lang, string>>;
}

/** What a rule is given: the parsed policy and where it was found (its type, its host resource). */
export interface RuleContext {
  policy: PolicyDocument;
  origin: PolicyOrigin;
  /** The date of the AWS service reference data (`CheckResult.serviceDataDate`): messages of rules that read it name it. */
  serviceDataDate: string;
  /** For a bucket policy whose file declares its bucket: the bucket's Block Public Access and Object Ownership settings. */
  bucket?: BucketFacts;
  /** The other policies and the resources of the same file (a template, a plan, a stack), for rules about policies together. */
  file?: FileSet;
  /**
   * The document as compact JSON text (no whitespace outside strings), as read before parsing: what its size
   * is measured on. Computed when asked. IaC values known only at deployment stay `{{placeholders}}`.
   */
  documentText?: () => string;
}

/** A parsed policy of a file, with the resources it belongs to (`FileResource.id`s: the roles a policy is attached to, its key). */
export interface FilePolicy {
  policy: PolicyDocument;
  origin: PolicyOrigin;
  holders: readonly string[];
}

/** Every policy one file holds (parsed, the one in question included) and the resources and buckets it declares. */
export interface FileSet {
  policies: readonly FilePolicy[];
  resources: readonly FileResource[];
  buckets: readonly BucketFacts[];
}

/** What a rule reports: where, about which statement and element, and the data its message needs. */
export interface RuleReport<Data> {
  span: SourceSpan;
  statementIndex?: number;
  element?: string;
  /**
   * A severity other than the rule's default, for a finding that is a defect where the rule's others are
   * advice (an info rule's one warning case). A severity set in `.policy-why.json` still applies to all.
   */
  severity?: Severity;
  data: Data;
}

/**
 * One check of a policy document, ESLint-style: `meta` (id from the rules catalogue, severity, docs page,
 * messages in every language) and `check`, which reports findings as data. A rule is one file under
 * `src/rules/` plus one line in the registry (`src/rules/index.ts`), with a valid/invalid table in
 * `test/rules/` and a page in `docs/rules/<id>.md`.
 *
 * Rules without `check` are the problems the JSON reader and the policy parser find (`json-syntax`,
 * `policy-element-invalid` …): their diagnostics carry the rule id as their code, and `meta` describes them.
 */
export interface Rule<Data extends Record<string, string> = Record<string, string>> {
  meta: RuleMeta & {
    /** The finding's message in every language (methods, so a rule's own data type fits the registry). */
    message: { en(data: Data): string; ko(data: Data): string };
  };
  check?(context: RuleContext, report: (found: RuleReport<Data>) => void): void | Promise<void>;
  /** For a bucket the file declares and no bucket policy of the file names: a finding about the bucket itself. */
  checkBucket?(context: BucketContext, report: (found: RuleReport<Data>) => void): void;
}

/** What a rule about a bucket without a bucket policy is given: the bucket's facts and its file. */
export interface BucketContext {
  bucket: BucketFacts;
  file: string;
}
