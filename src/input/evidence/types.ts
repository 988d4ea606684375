import type { AwsVerdict, EvidenceFact, EvidenceHint, EvidenceKind, EvidencePolicy } from '../../model/evidence.js';

/** One piece of evidence as given: a file's text (or standard input), or a flag's string. */
export interface EvidenceItem {
  /** The file name as shown, `-`, or the flag (`--error`). */
  label: string;
  text: string;
  /** Set by the flags that say what they carry (`--error`, `--url`, `--cli`). */
  kind?: EvidenceKind;
  /** For files: the absolute path, so policies inside can be referenced. */
  path?: string;
}

/** What the evidence readers are told besides the text. */
export interface EvidenceOptions {
  /** `--event-id`: which CloudTrail record of a log file. */
  eventId?: string;
  /** `--method`: the HTTP method a presigned URL was used with. */
  method?: string;
  now: Date;
  /** Whether a flag or the request file already gives a field (a JSON pointer): a reader then need not refuse for lack of it. */
  given?: (pointer: string) => boolean;
  /** True when `now` is merely the time of this run (no `--now`): no fact is computed from it. */
  wallClock?: boolean;
}

/** What one piece of evidence gave. */
export interface EvidenceFound {
  facts: EvidenceFact[];
  policies: EvidencePolicy[];
  verdict?: AwsVerdict;
  /** IAM users and roles (ARNs with their paths) whose identity policies this input lists completely. */
  covers?: string[];
  /** A policy of some user or role that the input names but does not contain: an error when it is the caller's. */
  gaps?: EvidenceGap[];
  /** An account dump: the accounts whose users and roles it lists, so a caller of that account missing from it is an error. */
  lists?: { accounts: string[]; truncated: boolean };
  /** How to get what this evidence cannot give (a presigned URL's caller). */
  hints?: EvidenceHint[];
}

/** A policy an input names (attached, or a group's) without its document. */
export interface EvidenceGap {
  /** The IAM user or role ARN it applies to. */
  owner: string;
  layer: 'identity' | 'boundary';
  /** What is missing, as the input names it (`AWS managed policy arn:aws:iam::aws:policy/ReadOnlyAccess attached to role/etl`). */
  what: string;
  from: string;
  /** How to get it: a command, or the flag that gives the layer. */
  fix: string;
}

/** A reader of one kind of evidence: a cheap test of the text, then the reading (which throws located InputErrors). */
export interface EvidenceReader {
  kind: EvidenceKind;
  recognises(text: string): boolean;
  read(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound>;
}
