import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/**
 * Bad input never yields a decision: exit 2, one line on stderr naming the file (and the line and
 * column where there is one), no stack trace, nothing on stdout.
 */
let dir: string;

const identityOk = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }],
});

function request(overrides: Record<string, unknown> = {}, policies: Record<string, unknown> = { identity: ['identity.json'] }): string {
  return JSON.stringify(
    {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt',
      policies,
      ...overrides,
    },
    null,
    2,
  );
}

function policyFile(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  const req = `req-${name}`;
  writeFileSync(join(dir, req), request({}, { identity: [name] }));
  return req;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-why-bad-'));
  writeFileSync(join(dir, 'identity.json'), identityOk);
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'truncated.json'), '{\n  "principal": "arn:aws:iam::111122223333:user/alice",\n  "action": ');
  writeFileSync(join(dir, 'binary.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  writeFileSync(join(dir, 'deep.json'), '['.repeat(200000) + ']'.repeat(200000));
  writeFileSync(
    join(dir, 'dup.json'),
    '{\n  "principal": "arn:aws:iam::111122223333:user/alice",\n  "action": "s3:GetObject",\n  "action": "s3:PutObject",\n  "resource": "arn:aws:s3:::b/k"\n}',
  );
  mkdirSync(join(dir, 'a-directory'));
});

const cases: [name: string, setup: () => string, message: RegExp][] = [
  ['missing file', () => 'nope.json', /^policy-why: error: nope\.json: file not found$/],
  ['a directory', () => 'a-directory', /^policy-why: error: a-directory: is a directory, not a JSON file$/],
  ['empty file', () => 'empty.json', /^policy-why: error: empty\.json: file is empty$/],
  ['truncated JSON', () => 'truncated.json', /^policy-why: error: truncated\.json:3:13: invalid JSON: the file ends before the JSON value is complete/],
  ['binary file', () => 'binary.json', /^policy-why: error: binary\.json: file is binary, not JSON text/],
  ['200k-deep nesting', () => 'deep.json', /^policy-why: error: deep\.json:1:65: JSON nested deeper than 64 levels/],
  ['duplicate key', () => 'dup.json', /^policy-why: error: dup\.json:4:3: duplicate key "action" \(first at line 3, column 3\)/],
  [
    'unknown Effect',
    () => policyFile('effect.json', '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}'),
    /^policy-why: error: effect\.json:1:48: \$\.Statement\[0\]\.Effect must be one of "Allow", "Deny" \(case-sensitive\), not "allow"$/,
  ],
  [
    'unknown condition operator',
    () =>
      policyFile(
        'operator.json',
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*",\n"Condition":{"StringEqual":{"aws:SourceVpce":"vpce-1"}}}]}',
      ),
    /^policy-why: error: operator\.json:2:14: unknown condition operator `StringEqual`; did you mean `StringEquals`\?/,
  ],
  [
    'Action with NotAction',
    () => policyFile('both.json', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}'),
    /^policy-why: error: both\.json:1:72: a statement may have Action or NotAction, not both/,
  ],
  [
    'Principal in an identity policy',
    () => policyFile('principal.json', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}'),
    /^policy-why: error: principal\.json:1:56: `Principal` is not allowed in an identity-based policy/,
  ],
  [
    'unknown policy element',
    () => policyFile('element.json', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condtion":{}}]}'),
    /^policy-why: error: element\.json:1:87: unknown element `Condtion` in \$\.Statement\[0\]; did you mean `Condition`\?$/,
  ],
  [
    'a condition key twice, differing only in case',
    () =>
      policyFile(
        'casekey.json',
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*",\n"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8","AWS:SOURCEIP":"192.0.2.0/24"}}}]}',
      ),
    /^policy-why: error: casekey\.json:2:55: condition key `AWS:SOURCEIP` repeats `aws:SourceIp` under IpAddress/,
  ],
  [
    'invalid IP in the request',
    () => {
      writeFileSync(join(dir, 'ip.json'), request({ context: { 'aws:SourceIp': '203.0.113.300' } }));
      return 'ip.json';
    },
    /^policy-why: error: ip\.json:\d+:\d+: context `aws:SourceIp` value `203\.0\.113\.300` is not an IPv4 or IPv6 address$/,
  ],
  [
    'a date key that is not a date',
    () => {
      writeFileSync(join(dir, 'date.json'), request({ context: { 'aws:CurrentTime': 'not-a-date' } }));
      return 'date.json';
    },
    /^policy-why: error: date\.json:\d+:\d+: context `aws:CurrentTime` value `not-a-date` is not a time: give ISO 8601 \(2025-10-21T04:35:49Z; UTC when no zone is given\), X-Amz-Date's 20251021T043549Z, or epoch seconds$/,
  ],
  [
    'a presigned URL expiry that is not a time',
    () => {
      writeFileSync(join(dir, 'expiry.json'), request({ http: { presignedExpiresAt: 'in 15 minutes' } }));
      return 'expiry.json';
    },
    /^policy-why: error: expiry\.json:\d+:\d+: http\.presignedExpiresAt value `in 15 minutes` is not a time: give ISO 8601/,
  ],
  [
    'a raw line break pasted into a string of the request',
    () => {
      writeFileSync(join(dir, 'pasted.json'), '{\n  "principal": "arn:aws:iam::111122223333:user/al\nice",\n  "action": "s3:GetObject",\n  "resource": "*"\n}');
      return 'pasted.json';
    },
    /^policy-why: error: pasted\.json:2:50: invalid JSON: a raw line break inside a string; JSON strings must write it as \\n \(was the text pasted from a web page\?\)$/,
  ],
  [
    'a header that contradicts the context',
    () => {
      writeFileSync(
        join(dir, 'conflict.json'),
        request({
          action: 's3:PutObject',
          resource: 'arn:aws:s3:::b/a.txt',
          context: { 's3:x-amz-acl': 'private' },
          http: { headers: { 'X-Amz-Acl': 'public-read' } },
        }),
      );
      return 'conflict.json';
    },
    /^policy-why: error: conflict\.json:\d+:\d+: header `X-Amz-Acl: public-read` gives s3:x-amz-acl "public-read", but \$\.context\["s3:x-amz-acl"\] gives "private"; give it in one place$/,
  ],
  [
    'a Bool key that is neither true nor false',
    () => {
      writeFileSync(join(dir, 'bool.json'), request({ context: { 'aws:SecureTransport': 'maybe' } }));
      return 'bool.json';
    },
    /^policy-why: error: bool\.json:\d+:\d+: context `aws:SecureTransport` value `maybe` is not true or false$/,
  ],
  [
    'a resource in no AWS partition',
    () => {
      writeFileSync(join(dir, 'part.json'), request({ resource: 'arn:aws-moon:s3:::b/a.txt' }));
      return 'part.json';
    },
    /^policy-why: error: part\.json:4:15: resource `arn:aws-moon:s3:::b\/a\.txt` names partition `aws-moon`/,
  ],
  [
    'non-ARN resource in the request',
    () => {
      writeFileSync(join(dir, 'res.json'), request({ resource: 'amzn-s3-demo-bucket/a.txt' }));
      return 'res.json';
    },
    /^policy-why: error: res\.json:4:15: resource `amzn-s3-demo-bucket\/a\.txt` is not an ARN/,
  ],
  [
    'unknown action in the request',
    () => {
      writeFileSync(join(dir, 'action.json'), request({ action: 's3:PutObjct' }));
      return 'action.json';
    },
    /^policy-why: error: action\.json:3:13: unknown action `s3:PutObjct`; did you mean `s3:PutObject`\?$/,
  ],
  [
    'missing policy file',
    () => {
      writeFileSync(join(dir, 'ref.json'), request({}, { identity: ['missing-policy.json'] }));
      return 'ref.json';
    },
    /^policy-why: error: ref\.json:\d+:\d+: file not found: policy file `missing-policy\.json` referenced at \$\.policies\.identity\[0\]$/,
  ],
  [
    'unknown request field',
    () => {
      writeFileSync(join(dir, 'field.json'), request({ principle: 'x' }));
      return 'field.json';
    },
    /^policy-why: error: field\.json:\d+:\d+: unknown element `principle` in \$; did you mean `principal`\?$/,
  ],
];

describe('bad input', () => {
  it.each(cases)('%s → exit 2 and one clear line', async (_name, setup, message) => {
    const file = setup();
    const r = await cli(['--request', file], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('usage errors', () => {
  it.each([
    [['--format', 'yaml', '--request', 'x.json']],
    [['--bogus']],
    [[]],
    [['--request', 'identity.json', '--principal', 'arn:aws:iam::111122223333:user/a']],
    [['--request', 'a.json', '--request', 'b.json']],
    [['--request', 'a.json', '--format']],
    [['--request']],
    [['--expect', 'Maybe', '--request', 'x.json']],
  ])('%j → exit 2, one line', async (args) => {
    const r = await cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^policy-why: usage error: [^\n]*\n$/);
  });

  it('--help prints usage and exits 0', async () => {
    const r = await cli(['--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/policy-why --request FILE/);
  });
});
