import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/input/index.js';
import { checkScans, RULES } from '../../src/rules/index.js';
import { doc } from './table.js';

/**
 * Partial recovery: a policy AWS would reject for one statement (an unknown operator, a malformed element)
 * is still checked, statement by statement, by the rules that read one statement at a time, so a file with
 * two planted defects reports both. Each case lists every finding of the file: the parser's on the bad
 * statement, the rules' on the others, and nothing twice.
 */
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

const cases: [string, { text: string; file?: string }, [string, number, number][]][] = [
  [
    'an unknown operator in one statement, an unknown action in another',
    {
      text: doc(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEqual: { 'aws:PrincipalTag/team': 'a' } } },
        { Effect: 'Allow', Action: 's3:GetObjet', Resource: `${BUCKET}/*` },
      ),
    },
    [
      ['condition-operator-unknown', 4, 108],
      ['unknown-action', 5, 32],
    ],
  ],
  [
    'a malformed Effect in one statement, a resource of the wrong type in another',
    {
      text: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: `${BUCKET}/*` }, { Effect: 'Alow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
    [
      ['resource-type-mismatch', 4, 32],
      ['policy-element-invalid', 5, 15],
    ],
  ],
  [
    'a statement with two defects of its own is reported once, by the parser',
    {
      text: doc(
        { Effect: 'Allow', Action: ['s3', 's3:GetObjet'], Resource: `${BUCKET}/*` },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      ),
    },
    [['policy-element-invalid', 4, 33]],
  ],
  [
    // The Deny that was meant to narrow the public Allow is the rejected one: the rules that ask the
    // evaluator about the whole policy do not run on what is left (it would look public).
    'a bucket policy whose narrowing Deny is rejected: no exposure finding on what is left',
    {
      file: 'bucket-policy.json',
      text: doc(
        { Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
        {
          Sid: 'OrgOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `${BUCKET}/*`,
          Condition: { StringNotEqual: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ),
    },
    [['condition-operator-unknown', 5, 131]],
  ],
];

describe('check: the statements the parser accepted are still checked', () => {
  it.each(cases)('%s', async (_name, c, expected) => {
    const scan = scanText(c.file ?? 'policy.json', c.text, {});
    const { findings } = await checkScans([scan], { serviceDataDate: 'test' });
    expect(findings.map((f) => [f.rule, f.span.line, f.span.column])).toEqual(expected);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });
});

describe('rules that run on the accepted statements', () => {
  // The P and T groups run on what is left of a rejected policy by default: none of them may ask the
  // evaluator about the whole policy (a rule that does must say `perStatement: false`).
  it.each(RULES.filter((r) => r.check && (r.meta.perStatement ?? (r.meta.group === 'P' || r.meta.group === 'T'))).map((r) => r.meta.id))(
    '%s reads one statement at a time',
    (id) => {
      const source = readFileSync(new URL(`../../src/rules/${id}.ts`, import.meta.url), 'utf8');
      expect(source).not.toMatch(
        /\b(decideWitness|evaluateWitness|withStatements)\b|from '\.\/(public|deputy|cross-account|secure-transport)\.js'|from '\.\.\/evaluator\//,
      );
    },
  );
});
