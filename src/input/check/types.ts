import type { Diagnostic } from '../../model/diagnostic.js';
import type { BucketFacts, CheckFormat, FileResource, PolicyHost, PolicyOrigin, SuppressionRule } from '../../model/check.js';
import type { PolicyType } from '../../model/policy.js';
import type { JsonNode } from '../../json/index.js';

/** A policy document found in a file: where (as data) and its JSON tree, every span in the file's own lines and columns. */
export interface FoundPolicy {
  origin: PolicyOrigin;
  root: JsonNode;
  /** For a bucket policy: what the same file says about its bucket, where the file links the two (`Bucket: !Ref X`). */
  bucket?: BucketFacts;
  /** The resources of the file it belongs to (`FileResource.id`): the roles, users or groups it is attached to, its key, its endpoint. */
  holders?: string[];
}

/** What a reader found in one file: its policies, and every problem that kept a part of it from being read. */
export interface FileScan {
  file: string;
  format?: CheckFormat;
  policies: FoundPolicy[];
  /** The S3 buckets the file declares, with their Block Public Access and Object Ownership settings. */
  buckets?: BucketFacts[];
  /** The roles, users, groups, KMS keys and VPC endpoints the file declares, for rules about its policies together. */
  resources?: FileResource[];
  /**
   * Problems of the file itself, each with a rule id as its code and a span in the file: `json-syntax`
   * (the file or an embedded document is not JSON/YAML), `iac-not-resolved` (a value the reader could not
   * resolve statically) …
   */
  diagnostics: Diagnostic[];
  /** The file's text, for code frames (undefined when it could not be read). */
  text?: string;
  /** The suppressions that apply to the file: its own comments, and the configuration's entries for it. */
  suppressions?: SuppressionRule[];
}

/** The policy type the configuration gives a plain JSON file, when it gives one. */
export interface TypeMapping {
  policyType: PolicyType;
  host?: PolicyHost;
}

export interface ReadOptions {
  /** The policy type `.policy-why.json` maps the file to, if any. */
  typeOf?: (file: string) => TypeMapping | undefined;
  /** The configuration's suppressions that cover the file. */
  suppressionsFor?: (file: string) => SuppressionRule[];
}

/**
 * One reader per kind of file (cfn-lint's decoders): it says whether it reads a file, from the name and the
 * text, and reads it into located policy documents. A new format is one file and one line in `READERS`.
 * A reader never throws on bad input: every problem is a diagnostic in the file's scan.
 */
export interface PolicyReader {
  format: CheckFormat;
  claims(file: string, text: string): boolean;
  read(file: string, text: string, options: ReadOptions): FileScan;
}
