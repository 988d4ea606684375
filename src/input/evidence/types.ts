import type { AwsVerdict, EvidenceFact, EvidenceKind, EvidencePolicy } from '../../model/evidence.js';

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
}

/** What one piece of evidence gave. */
export interface EvidenceFound {
  facts: EvidenceFact[];
  policies: EvidencePolicy[];
  verdict?: AwsVerdict;
  /** IAM users and roles (ARNs with their paths) whose identity policies this input lists completely. */
  covers?: string[];
}

/** A reader of one kind of evidence: a cheap test of the text, then the reading (which throws located InputErrors). */
export interface EvidenceReader {
  kind: EvidenceKind;
  recognises(text: string): boolean;
  read(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound>;
}
