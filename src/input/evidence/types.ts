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
  /** True when `now` is merely the time of this run (no `--now`): no fact is computed from it. */
  wallClock?: boolean;
}

/** What one piece of evidence gave. */
export interface EvidenceFound {
  facts: EvidenceFact[];
  policies: EvidencePolicy[];
  verdict?: AwsVerdict;
  /** How to get what this evidence cannot give (a presigned URL's caller). */
  hints?: EvidenceHint[];
}

/** A reader of one kind of evidence: a cheap test of the text, then the reading (which throws located InputErrors). */
export interface EvidenceReader {
  kind: EvidenceKind;
  recognises(text: string): boolean;
  read(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound>;
}
