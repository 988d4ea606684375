/**
 * Where a value sits in a document built by `doc()`: statement `index` is on line index + 4, indented four
 * spaces, so a marker at offset k of the statement's JSON is at column k + 5 (the n-th occurrence, 1-based).
 */
export function spot(index: number, statement: unknown, marker: string, nth = 1): { line: number; column: number } {
  const json = JSON.stringify(statement);
  let at = -1;
  for (let i = 0; i < nth; i++) at = json.indexOf(marker, at + 1);
  if (at < 0) throw new Error(`${marker} not in statement ${index}`);
  return { line: index + 4, column: at + 5 };
}

const B = 'arn:aws:s3:::amzn-s3-demo-bucket';

/** The S3 User Guide's statement that denies every request sent without TLS, on the bucket and its objects. */
export const DENY_HTTP = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [B, `${B}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
