/** A place in an input file. Lines and columns are 1-based, as editors show them. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a document came from: the path shown to the user, and, for inline documents, the file holding them. */
export interface SourceRef {
  /** Path as shown to the user (relative to the working directory when possible). */
  source: string;
  /** Set when the document is an inline value inside another file (e.g. a request document). */
  inline?: boolean;
}
