import type { PolicyType } from '../../src/model/policy.js';

/** One document for a rule's table: its text (a file of its own), and for an invalid one where it is flagged. */
export interface RuleCase {
  text: string;
  /** The file's name (default `policy.json`): a name can give the policy type, e.g. `bucket-policy.json`. */
  file?: string;
  /** The policy type, as `.policy-why.json` would map the file (default: from the name, else inferred). */
  policyType?: PolicyType;
  /** For an invalid case: every finding of the rule, line and column (1-based), in order. */
  at?: { line: number; column: number }[];
  /** For an invalid case: the English message must match. */
  message?: RegExp;
}

export interface RuleTable {
  valid: RuleCase[];
  invalid: (RuleCase & { at: { line: number; column: number }[] })[];
}

/** A policy document, one statement per line, so a case's line and column are easy to read: statement i is on line i + 3. */
export function doc(...statements: unknown[]): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
export const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` };
