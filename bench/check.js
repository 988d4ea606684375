#!/usr/bin/env node
// Benchmark for `policy-why check` (issue 10): a seeded tree of N policy files, checked by the built CLI
// (`node dist/cli/main.js check DIR --format json`) as a child process; wall time and peak RSS per run.
// Targets: 10,000 files within 5 s, peak RSS under 300 MB, cost linear in files and statements.
// A benchmark, not a test: `npm run build && npm run bench`; options: --sizes 1000,2000,10000 --seed 10 --keep
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const TIME = '/usr/bin/time';
const BUDGET_SECONDS = 5;
const BUDGET_MB = 300;
const TARGET_FILES = 10_000;

/** Command-line options: `--sizes a,b,c`, `--seed n`, `--keep` (leave the generated trees in place). */
function options(argv) {
  const value = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const sizes = value('--sizes', '1000,2000,10000')
    .split(',')
    .map((s) => Number(s));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes: positive integers, comma-separated');
  return { sizes, seed: Number(value('--seed', '10')), keep: argv.includes('--keep') };
}

/** mulberry32: a small seeded generator, so every run checks the same bytes. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const S3_READ = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'];
const S3_WRITE = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
const OTHER = ['dynamodb:GetItem', 'dynamodb:Query', 'sqs:SendMessage', 'logs:PutLogEvents', 'ec2:DescribeInstances'];
const KMS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) + '\n';
const bucketArn = (bucket) => `arn:aws:s3:::${bucket}`;

/** Planted defects, one in about eight files: a typo'd operator, a bare bucket name, Principal where none belongs, `*` on `*`. */
function defect(r, statement) {
  const kind = r.int(4);
  if (kind === 0) return { ...statement, Condition: { StringEqual: { 'aws:PrincipalTag/team': 'data' } } };
  if (kind === 1) return { ...statement, Resource: 'amzn-s3-demo-bucket/*' };
  if (kind === 2) return { ...statement, Principal: { AWS: `arn:aws:iam::${r.pick(ACCOUNTS)}:root` } };
  return { ...statement, Action: '*', Resource: '*' };
}

function identity(r, i) {
  const count = 1 + r.int(6);
  const statements = [];
  for (let s = 0; s < count; s++) {
    const bucket = `amzn-s3-demo-bucket-${r.int(50)}`;
    const s3 = r.next() < 0.7;
    statements.push({
      Sid: `Stmt${s}`,
      Effect: r.next() < 0.85 ? 'Allow' : 'Deny',
      Action: s3 ? [r.pick(S3_READ), r.pick(S3_WRITE)] : [r.pick(OTHER)],
      Resource: s3 ? [bucketArn(bucket), `${bucketArn(bucket)}/data/${i}/*`] : '*',
      ...(r.next() < 0.3 ? { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } : {}),
    });
  }
  if (r.next() < 0.125) statements[0] = defect(r, statements[0]);
  return policy(statements);
}

function bucketPolicy(r, i) {
  const arn = bucketArn(`amzn-s3-demo-bucket-${i}`);
  const statements = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
  const grants = 1 + r.int(3);
  for (let s = 0; s < grants; s++) {
    statements.push({
      Sid: `Grant${s}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${r.pick(ACCOUNTS)}:role/reader-${r.int(20)}` },
      Action: [r.pick(S3_READ)],
      Resource: `${arn}/*`,
    });
  }
  if (r.next() < 0.125) statements[1] = { ...statements[1], NotPrincipal: statements[1].Principal, Principal: undefined };
  if (r.next() < 0.05) statements.shift(); // no DenyInsecureTransport
  return policy(statements);
}

function trust(r) {
  const statement =
    r.next() < 0.5
      ? { Effect: 'Allow', Principal: { Service: r.pick(['lambda.amazonaws.com', 'ec2.amazonaws.com']) }, Action: 'sts:AssumeRole' }
      : {
          Sid: 'GitHubActions',
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${r.pick(ACCOUNTS)}:oidc-provider/token.actions.githubusercontent.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': `repo:example/app-${r.int(100)}:ref:refs/heads/main` },
          },
        };
  return policy([r.next() < 0.125 ? { ...statement, Action: 'sts:AssumeRole*', Principal: { AWS: '*' } } : statement]);
}

function keyPolicy(r) {
  const account = r.pick(ACCOUNTS);
  const statements = [
    { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'AllowUse',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${r.pick(ACCOUNTS)}:role/app-${r.int(20)}` },
      Action: [r.pick(KMS), r.pick(KMS)],
      Resource: '*',
      ...(r.next() < 0.5 ? { Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } } : {}),
    },
  ];
  if (r.next() < 0.125) statements.shift(); // lockout: no key administrator
  return policy(statements);
}

function template(r, i) {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': false } }
  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, ${r.pick(S3_READ)}]
                Resource: !Sub '\${Bucket.Arn}/*'
`;
}

function terraformPlan(r, i) {
  const resource = (type, name, values) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: [
          resource('aws_iam_role', `role_${i}`, {
            name: `role-${i}`,
            assume_role_policy: JSON.stringify(JSON.parse(trust(r))),
          }),
          resource('aws_iam_role_policy', `policy_${i}`, { name: `policy-${i}`, role: `role-${i}`, policy: identity(r, i) }),
          resource('aws_s3_bucket_policy', `bucket_${i}`, { bucket: `amzn-s3-demo-bucket-${i}`, policy: bucketPolicy(r, i) }),
        ],
      },
    },
  };
  return JSON.stringify(plan, null, 2) + '\n';
}

/** The mix: identity 40 %, bucket 25 %, trust 15 %, KMS key 15 %, CloudFormation 3 %, Terraform plan 2 %. */
const KINDS = [
  { upTo: 0.4, name: (i) => `app-${i}-identity.json`, make: identity },
  { upTo: 0.65, name: (i) => `data-${i}-bucket-policy.json`, make: bucketPolicy },
  { upTo: 0.8, name: (i) => `role-${i}-trust.json`, make: trust },
  { upTo: 0.95, name: (i) => `key-${i}-key-policy.json`, make: keyPolicy },
  { upTo: 0.98, name: (i) => `stack-${i}.template.yaml`, make: template },
  { upTo: 1, name: (i) => `plan-${i}.tfplan.json`, make: terraformPlan },
];

/** Writes `n` files, 100 to a folder, into `dir`; returns the statement count (a YAML template: 3). */
function generate(dir, n, seed) {
  const r = generator(seed);
  let statements = 0;
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    const kind = KINDS.find((k) => roll < k.upTo) ?? KINDS[0];
    const text = kind.make(r, i);
    const folder = join(dir, `team-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, kind.name(i)), text);
    statements += text.startsWith('AWSTemplate') ? 3 : (text.match(/"Effect"|\\"Effect\\"/g) ?? []).length;
  }
  return statements;
}

/** Peak resident set of `pid` so far, in kB, from /proc (VmHWM); 0 when unreadable. */
function procPeak(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs the CLI on `dir` (cwd: its parent); resolves { seconds, peakKb, exitCode, report }. */
function runCheck(dir) {
  const useTime = existsSync(TIME);
  const args = [process.execPath, CLI, 'check', dir, '--format', 'json'];
  const [command, ...rest] = useTime ? [TIME, '-f', 'BENCH-RSS-KB %M', ...args] : args;
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, rest, { cwd: dirname(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    let polled = 0;
    const poll = useTime ? undefined : setInterval(() => (polled = Math.max(polled, procPeak(child.pid))), 10);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    child.on('error', fail);
    child.on('close', (exitCode) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      const timed = /BENCH-RSS-KB (\d+)/.exec(err);
      if (exitCode === 2 || exitCode === null) return fail(new Error(`check exited ${exitCode}: ${err.slice(0, 500)}`));
      const report = JSON.parse(Buffer.concat(out).toString('utf8'));
      done({ seconds, peakKb: timed ? Number(timed[1]) : polled, exitCode, report });
    });
  });
}

const say = (line) => process.stdout.write(`${line}\n`);
const pad = (s, n) => String(s).padStart(n);
const WIDTHS = [7, 8, 8, 8, 7, 7, 9, 7];
const row = (cells) => `| ${cells.map((c, i) => pad(c, WIDTHS[i] ?? 8)).join(' | ')} |`;

async function main() {
  const { sizes, seed, keep } = options(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run \`npm run build\` first`);
  const base = mkdtempSync(join(tmpdir(), 'policy-why-bench-'));
  const results = [];
  try {
    for (const n of sizes) {
      const dir = join(base, `n${n}`);
      const statements = generate(dir, n, seed);
      const run = await runCheck(dir);
      const s = run.report.summary;
      results.push({ n, statements, ...run, policies: s.policies, findings: s.errors + s.warnings + s.infos });
    }
  } finally {
    if (keep) say(`trees kept in ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  report(results, seed);
}

function report(results, seed) {
  say(`policy-why check benchmark — seed ${seed}, ${new Date().toISOString()}, node ${process.version}`);
  say(`memory: ${existsSync(TIME) ? '/usr/bin/time %M' : '/proc VmHWM, polled every 10 ms'}\n`);
  say(row(['files', 'policies', 'stmts', 'findings', 'wall s', 'peak MB', 'ms / file', 'µs / st']));
  say(row(WIDTHS.map((w) => `${'-'.repeat(w - 1)}:`)));
  for (const r of results) {
    const mb = (r.peakKb / 1024).toFixed(0);
    const perFile = ((r.seconds * 1000) / r.n).toFixed(3);
    const perStmt = ((r.seconds * 1e6) / r.statements).toFixed(0);
    say(row([r.n, r.policies, r.statements, r.findings, r.seconds.toFixed(2), mb, perFile, perStmt]));
  }
  say('');
  const target = results.find((r) => r.n === TARGET_FILES);
  if (target) {
    const met = (ok) => (ok ? 'met' : 'MISSED');
    say(`${TARGET_FILES} files within ${BUDGET_SECONDS} s: ${met(target.seconds <= BUDGET_SECONDS)} (${target.seconds.toFixed(2)} s)`);
    say(`peak RSS under ${BUDGET_MB} MB: ${met(target.peakKb / 1024 < BUDGET_MB)} (${(target.peakKb / 1024).toFixed(0)} MB)`);
  }
  linearity(results);
}

/**
 * Marginal cost per file between consecutive sizes (start-up cancels out). Linear (or better) when the last
 * marginal cost is at most 1.5× the first; a falling one is warm-up (JIT, caches), a rising one is not linear.
 */
function linearity(results) {
  const sorted = [...results].sort((a, b) => a.n - b.n);
  const marginal = [];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    const ms = ((b.seconds - a.seconds) * 1000) / (b.n - a.n);
    const us = ((b.seconds - a.seconds) * 1e6) / (b.statements - a.statements);
    marginal.push(ms);
    say(`marginal ${a.n} → ${b.n}: ${ms.toFixed(3)} ms / file, ${us.toFixed(0)} µs / statement`);
  }
  if (marginal.length < 2) return;
  const ratio = (marginal.at(-1) ?? 0) / Math.max(marginal[0] ?? 0, 1e-9);
  const verdict = ratio <= 1.5 ? 'yes' : 'NO';
  say(`linear in files (no worse): ${verdict} (last marginal cost / first = ${ratio.toFixed(2)})`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
