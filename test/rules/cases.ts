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
function doc(...statements: unknown[]): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` };

/** Every rule's table, by id (a test fails when a rule has none). One file per rule group may replace this as tables grow. */
export const CASES: Readonly<Record<string, RuleTable>> = {
  'arn-malformed': {
    valid: [{ text: doc(READ) }],
    invalid: [{ text: doc({ ...READ, Resource: 'amzn-s3-demo-bucket/*' }), at: [{ line: 4, column: 58 }], message: /neither an ARN nor/ }],
  },
  'condition-operator-unknown': {
    valid: [{ text: doc({ ...READ, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }) }],
    invalid: [
      { text: doc({ ...READ, Condition: { StringEqual: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }), at: [{ line: 4, column: 108 }], message: /StringEquals/ },
    ],
  },
  'json-duplicate-key': {
    valid: [{ text: doc(READ) }],
    invalid: [
      {
        text: '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}]\n}\n',
        at: [{ line: 3, column: 63 }],
      },
    ],
  },
  'json-syntax': {
    valid: [{ text: doc(READ) }],
    invalid: [{ text: '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect": "Allow",, } ]\n}\n', at: [{ line: 3, column: 37 }] }],
  },
  'notprincipal-with-allow': {
    valid: [
      { text: doc({ ...READ, Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' } }), file: 'bucket-policy.json' },
      { text: doc({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }), file: 'bucket-policy.json' },
    ],
    invalid: [
      {
        text: doc({ ...READ, Principal: '*' }, { Sid: 'Everyone', ...READ, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' } }),
        file: 'bucket-policy.json',
        at: [{ line: 5, column: 127 }],
        message: /^statement "Everyone" allows every principal/,
      },
    ],
  },
  'null-operator-misuse': {
    valid: [{ text: doc({ ...READ, Condition: { Null: { 'aws:SourceVpce': 'false' } } }) }],
    invalid: [{ text: doc({ ...READ, Condition: { NullIfExists: { 'aws:SourceVpce': 'false' } } }), at: [{ line: 4, column: 108 }] }],
  },
  'policy-element-invalid': {
    valid: [{ text: doc(READ) }],
    invalid: [{ text: doc({ ...READ, Effect: 'allow' }), at: [{ line: 4, column: 15 }] }],
  },
  'principal-placement': {
    valid: [{ text: doc(READ), file: 'identity.json' }],
    invalid: [{ text: doc({ ...READ, Principal: '*' }), file: 'identity.json', at: [{ line: 4, column: 95 }] }],
  },
};
