import { describe, expect, it } from 'vitest';
import { readJson, readJsonDiagnostics } from '../../src/json/index.js';
import { parsePolicy, parsePolicyDiagnostics, type ParsePolicyOptions } from '../../src/parse/index.js';
import { InputError } from '../../src/model/errors.js';
import { PARSE_DIAGNOSTIC_CODES, type Diagnostic } from '../../src/model/diagnostic.js';
import type { PolicyType } from '../../src/model/policy.js';

function options(policyType: PolicyType, basePath?: string): ParsePolicyOptions {
  const o: ParsePolicyOptions = { file: 'p.json', label: 'p.json', ref: { file: 'p.json', pointer: '' }, policyType };
  if (basePath !== undefined) o.basePath = basePath;
  return o;
}

/** What `check` will see: the reader's diagnostics, then the parser's (when the text parsed). */
function diagnose(text: string, policyType: PolicyType, basePath?: string): Diagnostic[] {
  const read = readJsonDiagnostics(text, 'p.json');
  if (!read.doc) return read.diagnostics;
  return [...read.diagnostics, ...parsePolicyDiagnostics(read.doc.root, options(policyType, basePath)).diagnostics];
}

type Expected = [code: string, line: number, column: number][];
const positions = (ds: Diagnostic[]): Expected => ds.map((d) => [d.code, d.span!.line, d.span!.column]);

/** The one line `policy-why` prints for the throwing path (readJson, then parsePolicy). */
function firstError(text: string, policyType: PolicyType): string {
  try {
    parsePolicy(readJson(text, 'p.json').root, options(policyType));
  } catch (e) {
    if (e instanceof InputError) return e.format();
    throw e;
  }
  throw new Error('expected an InputError');
}

const lines = (...ls: string[]) => ls.join('\n');

const cases: [name: string, policyType: PolicyType, text: string, expected: Expected, first: string][] = [
  [
    'two duplicate keys, an unknown operator and a bad Effect',
    'identity',
    lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [{',
      '    "Effect": "allow",',
      '    "Action": "s3:GetObject",',
      '    "Action": "s3:PutObject",',
      '    "Resource": "arn:aws:s3:::b/*",',
      '    "Condition": {',
      '      "StringEqual": {"aws:SourceVpce": "vpce-1"},',
      '      "Bool": {"aws:SecureTransport": "true", "aws:SecureTransport": "false"}',
      '    }',
      '  }]',
      '}',
    ),
    [
      ['json-duplicate-key', 6, 5],
      ['json-duplicate-key', 10, 47],
      ['policy-element-invalid', 4, 15],
      ['condition-operator-unknown', 9, 7],
    ],
    'p.json:6:5: duplicate key "Action" (first at line 5, column 5); JSON parsers disagree on which one wins',
  ],
  [
    'every kind of grammar problem, in the order parsePolicy checks them',
    'identity',
    lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Principal": "*"},',
      '    {"Effect": "Deny", "Actions": "s3:*", "Resource": "*"},',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["s3:GetObject", "s3"],',
      '      "Resource": ["arn:aws:s3:::b", "b/key"],',
      '      "Condition": {',
      '        "NullIfExists": {"aws:TokenIssueTime": "true"},',
      '        "ForAnyValue:Null": {"aws:TagKeys": "false"},',
      '        "Foo:StringEquals": {"aws:PrincipalTag/team": "a"},',
      '        "IpAddress": {"aws:SourceIp": "10.0.0.0/8", "AWS:SOURCEIP": "192.0.2.0/24"},',
      '        "StringLike": {"s3:prefix": "a", "S3:Prefix": "b", "s3:PREFIX": "c"}',
      '      }',
      '    }',
      '  ]',
      '}',
    ),
    [
      // pass 1: element combinations
      ['policy-element-invalid', 4, 43],
      ['policy-element-invalid', 4, 5],
      ['principal-placement', 4, 65],
      ['policy-element-invalid', 5, 5],
      // pass 2: the schema
      ['policy-element-invalid', 5, 24],
      // pass 3: values
      ['policy-element-invalid', 8, 34],
      ['arn-malformed', 9, 38],
      ['null-operator-misuse', 11, 9],
      ['null-operator-misuse', 12, 9],
      ['condition-operator-unknown', 13, 9],
      ['json-duplicate-key', 14, 53],
      ['json-duplicate-key', 15, 42],
      ['json-duplicate-key', 15, 60],
    ],
    'p.json:4:43: a statement may have Action or NotAction, not both',
  ],
  [
    'several schema errors: the first is the one parsePolicy always reported',
    'identity',
    lines(
      '{',
      '  "Version": "2012-10-18",',
      '  "Statement": [',
      '    {"Sid": 1, "Effect": "allow", "Action": [], "Resource": "*", "Condtion": {}},',
      '    "not a statement"',
      '  ],',
      '  "Extra": true',
      '}',
    ),
    [
      ['policy-element-invalid', 7, 3],
      ['policy-element-invalid', 2, 14],
      ['policy-element-invalid', 4, 13],
      ['policy-element-invalid', 4, 26],
      ['policy-element-invalid', 4, 45],
      ['policy-element-invalid', 4, 66],
      ['policy-element-invalid', 5, 5],
    ],
    'p.json:7:3: unknown element `Extra` in $ (allowed: Version, Id, Statement)',
  ],
  [
    'principal values and a bad Principal string',
    'resource',
    lines(
      '{',
      '  "Statement": [',
      '    {"Effect": "Allow", "Principal": {"AWS": ["alice", "111122223333", "12345"]}, "Action": "s3:GetObject", "Resource": "*"},',
      '    {"Effect": "Allow", "Principal": "everyone", "Action": "s3:GetObject", "Resource": "*"}',
      '  ]',
      '}',
    ),
    [
      ['policy-element-invalid', 4, 38],
      ['policy-element-invalid', 3, 47],
      ['policy-element-invalid', 3, 72],
    ],
    'p.json:4:38: $.Statement[1].Principal must be "*", not "everyone"',
  ],
  [
    'Principal missing where required, and Principal and NotPrincipal both',
    'kmsKey',
    lines(
      '{',
      '  "Statement": [',
      '    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"},',
      '    {"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}',
      '  ]',
      '}',
    ),
    [
      ['principal-placement', 3, 5],
      ['policy-element-invalid', 4, 42],
    ],
    'p.json:3:5: statement has no Principal (required in a KMS key policy)',
  ],
  [
    'Principal and NotPrincipal in an SCP: each key is misplaced',
    'scp',
    '{"Statement": {"Effect": "Deny", "Principal": "*", "NotPrincipal": "*", "Action": "s3:*"}}',
    [
      ['policy-element-invalid', 1, 52],
      ['principal-placement', 1, 34],
      ['principal-placement', 1, 52],
    ],
    'p.json:1:52: a statement may have Principal or NotPrincipal, not both',
  ],
  [
    // The schema's oneOf (Action xor NotAction) fails for a string too; that was always the message.
    'a statement that is a string: the message parsePolicy always gave, then the clearer one',
    'identity',
    '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, "*"]}',
    [
      ['policy-element-invalid', 1, 72],
      ['policy-element-invalid', 1, 72],
    ],
    'p.json:1:72: $.Statement[1] must match exactly one schema in oneOf',
  ],
  [
    'a root that is not an object: one diagnostic',
    'identity',
    '[{"Effect": "Allow"}]',
    [['policy-element-invalid', 1, 1]],
    'p.json:1:1: a policy document must be a JSON object, not an array',
  ],
];

describe('parsePolicyDiagnostics', () => {
  it.each(cases)('%s', (_name, policyType, text, expected) => {
    const ds = diagnose(text, policyType);
    expect(positions(ds)).toEqual(expected);
    for (const d of ds) {
      expect(d).toMatchObject({ severity: 'error', file: 'p.json' });
      expect(PARSE_DIAGNOSTIC_CODES.has(d.code), d.code).toBe(true);
    }
  });

  it.each(cases)('the throwing path still reports the first: %s', (_name, policyType, text, _expected, first) => {
    expect(firstError(text, policyType)).toBe(first);
    expect(diagnose(text, policyType)[0]!.message).toBe(first.replace(/^p\.json:\d+:\d+: /, ''));
  });

  it('a statement that is a string also says what it must be', () => {
    const ds = diagnose('{"Statement": ["*"]}', 'identity');
    expect(ds.map((d) => d.message)).toEqual(['$.Statement[0] must match exactly one schema in oneOf', '$.Statement[0] must be object, not string "*"']);
  });

  it('keeps today’s messages, with the JSON path of the statement', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "b", "Condition": {"StringEqual": {"a": "b"}}}]}';
    const root = readJson(text, 'p.json').root;
    expect(parsePolicyDiagnostics(root, options('identity', '$.policies.identity[0]')).diagnostics).toEqual([
      {
        code: 'arn-malformed',
        severity: 'error',
        message: 'resource `b` is neither an ARN nor `*`',
        file: 'p.json',
        span: { line: 1, column: 66, endLine: 1, endColumn: 69 },
        jsonPath: '$.policies.identity[0].Statement[0]',
      },
      {
        code: 'condition-operator-unknown',
        severity: 'error',
        message: 'unknown condition operator `StringEqual`; did you mean `StringEquals`?; AWS rejects a policy with it, so no decision can be made',
        file: 'p.json',
        span: { line: 1, column: 85, endLine: 1, endColumn: 98 },
        jsonPath: '$.policies.identity[0].Statement[0].Condition',
      },
    ]);
  });

  it('returns the policy, the same as parsePolicy, and no diagnostics for a valid document', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Id": "x",',
      '  "Statement": [{',
      '    "Sid": "S", "Effect": "Deny", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/r"]},',
      '    "NotAction": ["s3:Get*", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],',
      '    "Condition": {"Bool": {"aws:SecureTransport": false}, "ForAnyValue:StringLike": {"aws:TagKeys": ["a*", "b"]}}',
      '  }]',
      '}',
    );
    const root = readJson(text, 'p.json').root;
    const { policy, diagnostics } = parsePolicyDiagnostics(root, options('resource'));
    expect(diagnostics).toEqual([]);
    expect(policy).toEqual(parsePolicy(root, options('resource')));
    expect(policy!.statements[0]).toMatchObject({ sid: 'S', effect: 'Deny', notAction: [{ text: 's3:Get*' }, { text: 's3:ListBucket' }] });
    expect(policy!.statements[0]!.conditions.map((c) => [c.operator.text, c.key, c.values.map((v) => v.text)])).toEqual([
      ['Bool', 'aws:SecureTransport', ['false']],
      ['ForAnyValue:StringLike', 'aws:TagKeys', ['a*', 'b']],
    ]);
  });

  it('returns no policy when there is a diagnostic', () => {
    const root = readJson('{"Statement": {"Effect": "Allow", "Action": "s3", "Resource": "*"}}', 'p.json').root;
    expect(parsePolicyDiagnostics(root, options('identity')).policy).toBeUndefined();
  });

  it.each([
    [
      'an unknown operator in one statement: the others are accepted',
      '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqual": {"a": "b"}}}, {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}',
      [0, 2],
    ],
    ['a malformed element in the only statement object: none accepted', '{"Statement": {"Effect": "Alow", "Action": "s3:*", "Resource": "*"}}', []],
    [
      'problems in two statements: the third is accepted',
      '{"Statement": [{"Effect": "Allow", "Action": "s3", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:*", "Resource": "b"}, {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
      [2],
    ],
    [
      'a problem outside the statements (Version): nothing accepted',
      '{"Version": "2012-10-18", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
      undefined,
    ],
    ['no Statement at all: nothing accepted', '{"Version": "2012-10-17"}', undefined],
  ])('accepted statements: %s', (_name, text, indexes) => {
    const root = readJson(text, 'p.json').root;
    const parsed = parsePolicyDiagnostics(root, options('identity'));
    expect(parsed.policy).toBeUndefined();
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(parsed.accepted?.statements.map((s) => s.index)).toEqual(indexes);
    // The why path still refuses the document, with its first problem.
    expect(() => parsePolicy(root, options('identity'))).toThrow();
  });

  it('a valid document has no separate accepted document', () => {
    const root = readJson('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', 'p.json').root;
    expect(parsePolicyDiagnostics(root, options('identity')).accepted).toBeUndefined();
  });

  it('keeps keys that name Object.prototype members ordinary', () => {
    const text =
      '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"constructor": "a", "__proto__": "b", "toString": "c"}}}}';
    expect(diagnose(text, 'identity')).toEqual([]);
    const ops = '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"__proto__": {"a": "b"}, "constructor": {"a": "b"}}}}';
    expect(diagnose(ops, 'identity').map((d) => d.code)).toEqual(['condition-operator-unknown', 'condition-operator-unknown']);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it.each([
    ['identity', true, '`Principal` is not allowed in an identity-based policy'],
    ['boundary', true, '`Principal` is not allowed in a permissions boundary'],
    ['scp', true, '`Principal` is not allowed in a service control policy'],
    ['resource', false, 'statement has no Principal (required in a resource-based policy)'],
    ['vpcEndpoint', false, 'statement has no Principal (required in a VPC endpoint policy)'],
    ['rcp', false, 'statement has no Principal (required in a resource control policy)'],
  ] as const)('principal-placement in a %s policy', (policyType, withPrincipal, message) => {
    const principal = withPrincipal ? '"Principal": "*", ' : '';
    const text = `{"Statement": {"Effect": "Allow", ${principal}"Action": "s3:*", "Resource": "*"}}`;
    const ds = diagnose(text, policyType);
    expect(ds.map((d) => d.code)).toEqual(['principal-placement']);
    expect(ds[0]!.message.startsWith(message)).toBe(true);
  });
});
