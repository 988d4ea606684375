import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `.policy-why.json`, suppressions with reasons, and the baseline: adopting `check` in an existing repository. */
let dir: string;

const everyone = (sid: string) => ({
  Sid: sid,
  Effect: 'Allow',
  NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
});
/** The bucket's own TLS Deny, as every bucket policy here has, so that only the planted NotPrincipal is found. */
const DENY_HTTP = {
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: [...statements, DENY_HTTP] }, null, 2);

interface Out {
  summary: { errors: number; warnings: number; suppressed: number };
  findings: {
    rule: string;
    file: string;
    severity: string;
    statement?: { sid?: string };
    suppressed?: { kind: string; reason: string };
    fingerprint: string;
  }[];
  files: { file: string; policies: { policyType: string; typeFrom: string }[] }[];
}

async function json(args: string[] = []): Promise<{ code: number; out: Out; stderr: string }> {
  const r = await cli(['check', '.', '--format', 'json', ...args], dir);
  return { code: r.code, out: (r.stdout ? JSON.parse(r.stdout) : {}) as Out, stderr: r.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-why-config-'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(join(dir, 'policies', 'bucket-policy.json'), policy(everyone('Partner'), everyone('Legacy')));
});

describe('check: configuration', () => {
  it('severities: a rule set to warning no longer fails the run, off leaves it out', async () => {
    writeFileSync(join(dir, '.policy-why.json'), JSON.stringify({ rules: { 'notprincipal-with-allow': 'warning' } }));
    const warned = await json();
    expect(warned.code).toBe(0);
    expect(warned.out.findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect((await json(['--max-warnings', '1'])).code).toBe(1);
    writeFileSync(join(dir, '.policy-why.json'), JSON.stringify({ rules: { 'notprincipal-with-allow': 'off' } }));
    const off = await json();
    expect(off.code).toBe(0);
    expect(off.out.findings).toEqual([]);
  });

  it('policyTypes: a plain JSON file gets the type the configuration gives it, and the report says so', async () => {
    writeFileSync(join(dir, 'policies', 'readers.json'), policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }));
    writeFileSync(join(dir, '.policy-why.json'), JSON.stringify({ policyTypes: [{ files: 'policies/readers.json', type: 'trust' }] }));
    const { out } = await json();
    expect(out.files.find((f) => f.file === 'policies/readers.json')!.policies).toEqual([
      expect.objectContaining({ policyType: 'resource', typeFrom: 'config' }),
    ]);
  });

  it('suppressions in the configuration name a rule, files, optionally a statement by Sid, and a reason', async () => {
    writeFileSync(
      join(dir, '.policy-why.json'),
      JSON.stringify({
        suppressions: [{ rule: 'notprincipal-with-allow', files: 'policies/*.json', statement: 'Legacy', reason: 'partner access until SEC-142' }],
      }),
    );
    const { code, out } = await json();
    expect(code).toBe(1);
    expect(out.findings.map((f) => [f.statement?.sid, f.suppressed?.reason])).toEqual([
      ['Partner', undefined],
      ['Legacy', 'partner access until SEC-142'],
    ]);
    expect(out.summary.suppressed).toBe(1);
    const text = await cli(['check', '.'], dir);
    expect(text.stdout).toContain('1 finding suppressed');
  });

  it('a configuration naming a rule that does not exist is an error on that key, with a did-you-mean, and no report', async () => {
    writeFileSync(join(dir, '.policy-why.json'), '{\n  "rules": {\n    "notprincipal-with-alow": "off"\n  }\n}\n');
    const r = await cli(['check', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('policy-why: error: .policy-why.json:3:5: `notprincipal-with-alow` is no policy-why rule; did you mean `notprincipal-with-allow`?\n');
  });

  it('a configuration that breaks its schema is one line naming the file, line and column', async () => {
    writeFileSync(join(dir, '.policy-why.json'), '{\n  "suppressions": [{ "rule": "notprincipal-with-allow", "files": "*" }]\n}\n');
    const r = await cli(['check', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-why: error: \.policy-why\.json:2:\d+: .*reason/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--config names another file; a missing one is an error', async () => {
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { 'notprincipal-with-allow': 'off' } }));
    expect((await json(['--config', 'strict.json'])).out.findings).toEqual([]);
    const r = await cli(['check', '.', '--config', 'nope.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('policy-why: error: nope.json: file not found\n');
  });
});

describe('check: baseline', () => {
  it('accepts the findings it was written from, and never absorbs a new violation: another statement or another file', async () => {
    const written = await cli(['check', '.', '--write-baseline', 'baseline.json'], dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('wrote 2 findings to the baseline baseline.json\n');
    const accepted = await json(['--baseline', 'baseline.json']);
    expect(accepted.code).toBe(0);
    expect(accepted.out.findings.map((f) => f.suppressed?.kind)).toEqual(['baseline', 'baseline']);

    // Lines move: still accepted (the fingerprint has no line number).
    writeFileSync(join(dir, 'policies', 'bucket-policy.json'), `\n\n${policy(everyone('Partner'), everyone('Legacy'))}`);
    expect((await json(['--baseline', 'baseline.json'])).code).toBe(0);

    // The same problem in a new statement, and the same file content under another name: both new.
    writeFileSync(join(dir, 'policies', 'bucket-policy.json'), policy(everyone('Partner'), everyone('Legacy'), everyone('NewOne')));
    writeFileSync(join(dir, 'policies', 'copy-bucket-policy.json'), policy(everyone('Partner')));
    const after = await json(['--baseline', 'baseline.json']);
    expect(after.code).toBe(1);
    expect(after.out.findings.filter((f) => !f.suppressed).map((f) => [f.file, f.statement?.sid])).toEqual([
      ['policies/bucket-policy.json', 'NewOne'],
      ['policies/copy-bucket-policy.json', 'Partner'],
    ]);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as {
      findings: { fingerprint: string; rule: string; file: string; sid: string }[];
    };
    expect(baseline.findings.map((f) => [f.rule, f.file, f.sid])).toEqual([
      ['notprincipal-with-allow', 'policies/bucket-policy.json', 'Partner'],
      ['notprincipal-with-allow', 'policies/bucket-policy.json', 'Legacy'],
    ]);
  });

  it('a file that is not a baseline is an error', async () => {
    writeFileSync(join(dir, 'baseline.json'), '[]');
    const r = await cli(['check', '.', '--baseline', 'baseline.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-why: error: baseline\.json:1:1: is not a policy-why baseline/);
  });
});

describe('check: inline suppressions', () => {
  const template = (comment: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: amzn-s3-demo-bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          ${comment}
          - Sid: Partners
            Effect: Allow
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' }
            Action: s3:GetObject
            Resource: arn:aws:s3:::amzn-s3-demo-bucket/*
          - Sid: DenyHttp
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [arn:aws:s3:::amzn-s3-demo-bucket, arn:aws:s3:::amzn-s3-demo-bucket/*]
            Condition: { Bool: { aws:SecureTransport: 'false' } }
`;

  it('a comment above the statement suppresses that rule in that statement, with its reason; --no-inline-suppressions ignores it', async () => {
    writeFileSync(join(dir, 'template.yaml'), template('# policy-why-ignore notprincipal-with-allow -- partner access until SEC-142'));
    const on = await cli(['check', 'template.yaml', '--format', 'json'], dir);
    expect(on.code).toBe(0);
    const found = (JSON.parse(on.stdout) as Out).findings;
    expect(found.map((f) => [f.rule, f.suppressed])).toEqual([['notprincipal-with-allow', { kind: 'inline', reason: 'partner access until SEC-142' }]]);
    const audit = await cli(['check', 'template.yaml', '--format', 'json', '--no-inline-suppressions'], dir);
    expect(audit.code).toBe(1);
    expect((JSON.parse(audit.stdout) as Out).findings.map((f) => [f.rule, f.suppressed])).toEqual([['notprincipal-with-allow', undefined]]);
  });

  it('a comment for another rule suppresses nothing here', async () => {
    writeFileSync(join(dir, 'template.yaml'), template('# policy-why-ignore public-principal-unconditioned -- website'));
    const r = await cli(['check', 'template.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(1);
  });
});
