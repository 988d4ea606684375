/**
 * A place in an input file. Lines and columns are 1-based, as editors show them. Columns count UTF-16 code
 * units (JavaScript string indices: an emoji counts two), and `endColumn` is the column just after the last
 * character, as SARIF's `region` wants them (`columnKind: utf16CodeUnits`); every reader must keep to this.
 */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Where a document came from, as data: the file, the JSON pointer of the document inside it (`''` for
 * the whole file, `/policies/identity/0` for an inline policy), and, when the document was a JSON string
 * inside another document (`aws s3api get-bucket-policy` prints `{"Policy": "{...}"}`), where that string
 * was. Positions inside an embedded document count from the start of the embedded text.
 */
export interface DocumentRef {
  /** Path as shown to the user (relative to the working directory when possible), or a `(label)` for a generated document. */
  file: string;
  /** JSON pointer (RFC 6901) of the document within `file`, or within the embedded text. */
  pointer: string;
  /** Set when the document was a JSON string inside `file`. */
  embeddedIn?: { pointer: string; line: number };
  /** True for a document inside a request document (an inline policy). */
  inline?: boolean;
  /** Set for a document policy-why wrote itself: the AWS managed key aws/s3's fixed key policy. */
  generated?: { code: 'awsManagedS3KeyPolicy'; account: string };
}
