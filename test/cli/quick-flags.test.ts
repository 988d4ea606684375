import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const NOW = '2026-01-01T00:00:00Z';
const tmp = mkdtempSync(join(tmpdir(), 'policy-why-quick-flags-'));

/** The part of `--format json` output these tests compare. */
interface Printed {
  decision: string;
  deciding: { policyType: string; sid?: string; statementIndex?: number; level?: number; action?: string }[];
  assumptions: { key: string; value: unknown; message: string }[];
  request: { resource: string };
}

type Plain = Record<string, unknown>;

/** Every request file of the samples: `request.json`, `fixed.json`, `*.request.json`, in subfolders too. */
function sampleRequests(dir = 'samples'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sampleRequests(p));
    else if (dir !== 'samples' && (name === 'request.json' || name === 'fixed.json' || name.endsWith('.request.json'))) out.push(p);
  }
  return out;
}

/**
 * The quick flags that say what a request document says, written independently of the code under test:
 * policy paths relative to the repository root, inline policies and S3 documents (ACLs, Block Public
 * Access) written to files. A field this cannot express fails the test: every fact must have a flag.
 */
function flagsFor(file: string): string[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Plain;
  const dir = dirname(file);
  let n = 0;
  const fileFor = (v: unknown): string => {
    if (typeof v === 'string') return relative(process.cwd(), resolve(dir, v));
    const p = join(tmp, `${file.replace(/[/\\]/g, '_')}-${n++}.json`);
    writeFileSync(p, JSON.stringify(v));
    return p;
  };
  const args: string[] = [];
  const simple: Record<string, string> = {
    principal: '--principal',
    action: '--action',
    resource: '--resource',
    resourceAccount: '--resource-account',
    managementAccount: '--management-account',
    region: '--region',
    vpcEndpointType: '--vpc-endpoint-type',
  };
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'description' || k === '$schema') continue;
    if (simple[k]) args.push(simple[k], String(v));
    else if (k === 'context') {
      for (const [key, value] of Object.entries(v as Plain))
        for (const x of Array.isArray(value) ? value : [value]) args.push('--context', `${key}=${String(x)}`);
    } else if (k === 'policies') args.push(...policyFlags(v as Plain, fileFor));
    else if (k === 's3') args.push(...s3Flags(v as Plain, fileFor));
    else if (k === 'http') args.push(...httpFlags(v as Plain));
    else throw new Error(`${file}: no flag for \`${k}\``);
  }
  return args;
}

function policyFlags(p: Plain, fileFor: (v: unknown) => string): string[] {
  const args: string[] = [];
  const flag: Record<string, string> = {
    identity: '--identity',
    session: '--session-policy',
    resource: '--resource-policy',
    boundary: '--boundary',
    vpcEndpoint: '--vpce-policy',
    kmsKey: '--kms-key-policy',
    accessPoint: '--access-point-policy',
  };
  for (const [k, v] of Object.entries(p)) {
    if (k === 'scp' || k === 'rcp') for (const level of v as unknown[][]) args.push(`--${k}`, level.map(fileFor).join(','));
    else if (Array.isArray(v)) for (const x of v) args.push(flag[k]!, fileFor(x));
    else if (flag[k]) args.push(flag[k], fileFor(v));
    else throw new Error(`no flag for policies.${k}`);
  }
  return args;
}

function s3Flags(s3: Plain, fileFor: (v: unknown) => string): string[] {
  const args: string[] = [];
  const sse = (e: Plain) => `${e.SSEAlgorithm as string}${e.KMSMasterKeyID !== undefined ? `=${e.KMSMasterKeyID as string}` : ''}`;
  for (const [k, v] of Object.entries(s3)) {
    const kebab = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (k === 'bucketAcl' || k === 'objectAcl' || k === 'blockPublicAccess' || k === 'accountBlockPublicAccess') args.push(kebab, fileFor(v));
    else if (k === 'defaultEncryption' || k === 'objectEncryption') {
      args.push(kebab, sse(v as Plain));
      if ((v as Plain).BucketKeyEnabled === true && k === 'defaultEncryption') args.push('--bucket-key');
    } else if (k === 'accessPoint') {
      for (const [f, x] of Object.entries(v as Plain)) args.push(`--access-point-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(x));
    } else if (k === 'canonicalUserIds') for (const [id, c] of Object.entries(v as Plain)) args.push('--canonical-user-id', `${id}=${String(c)}`);
    else if (typeof v === 'boolean') args.push(v ? kebab : `--no-${kebab.slice(2)}`);
    else if (typeof v === 'string') args.push(kebab, v);
    else throw new Error(`no flag for s3.${k}`);
  }
  return args;
}

function httpFlags(http: Plain): string[] {
  const args: string[] = [];
  for (const [k, v] of Object.entries(http)) {
    if (k === 'headers') for (const [h, x] of Object.entries(v as Plain)) args.push('--header', `${h}: ${String(x)}`);
    else args.push(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v));
  }
  return args;
}

const decisionOf = (p: Printed) => ({
  decision: p.decision,
  deciding: p.deciding.map((d) => [d.policyType, d.sid, d.statementIndex, d.level, d.action]),
});

describe('quick flags decide like the request document they stand for', () => {
  const files = sampleRequests();
  it('covers the samples', () => expect(files.length).toBeGreaterThan(60));
  it.each(files)('%s', async (file) => {
    const flags = await cli([...flagsFor(file), '--format', 'json', '--now', NOW]);
    const doc = await cli(['--request', file, '--format', 'json', '--now', NOW]);
    expect(flags.stderr).toBe('');
    expect(flags.code).toBe(doc.code);
    expect(decisionOf(JSON.parse(flags.stdout) as Printed)).toEqual(decisionOf(JSON.parse(doc.stdout) as Printed));
  });
});

const ALICE = ['--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:GetObject'];
const OBJECT = ['--resource', 'arn:aws:s3:::amzn-s3-demo-bucket/k'];
const BUCKET_POLICY = 'samples/deny-insecure-transport/bucket.json';
mkdirSync(join(tmp, 'bad'), { recursive: true });
writeFileSync(join(tmp, 'bad', 'acl.json'), JSON.stringify({ Grants: [{ Grantee: { Type: 'Group' }, Permission: 'ALL' }] }));

describe('a bad value names its flag: one line, exit 2, no decision', () => {
  it.each([
    [['--principal', 'etl-writer', '--action', 's3:GetObject', ...OBJECT], /^--principal: principal `etl-writer` is a name, not an ARN/],
    [[...ALICE.slice(0, 2), '--action', 's3:GetObjekt', ...OBJECT], /^--action: unknown action `s3:GetObjekt`; did you mean `s3:GetObject`\?$/],
    [[...ALICE, '--resource', 'amzn-s3-demo-bucket/k'], /^--resource: resource `amzn-s3-demo-bucket\/k` is not an ARN/],
    [[...ALICE, '--resource', 'https://s3.us-east-1.amazonaws.com/b/%E0%A4%A'], /^--resource: the path of S3 URL .* has a malformed percent-escape$/],
    [
      [...ALICE, ...OBJECT, '--context', 'aws:SourceIp=203.0.113'],
      /^--context aws:SourceIp=203\.0\.113: context `aws:SourceIp` value `203\.0\.113` is not an IPv4/,
    ],
    [[...ALICE, ...OBJECT, '--context', 'aws:SecureTransport=yes'], /^--context aws:SecureTransport=yes: .* is not true or false$/],
    [
      [...ALICE, ...OBJECT, '--context', 'aws:SourceIp=1.2.3.4', '--context', 'AWS:SOURCEIP=1.2.3.4'],
      /^--context AWS:SOURCEIP=1\.2\.3\.4: context key .* is given twice/,
    ],
    [[...ALICE, ...OBJECT, '--identity', 'no-such-policy.json'], /^--identity no-such-policy\.json: file not found: policy file `no-such-policy\.json`$/],
    [[...ALICE, ...OBJECT, '--scp', `${BUCKET_POLICY},`], /^--scp: level 0 .* names an empty file/],
    [[...ALICE, ...OBJECT, '--rcp', 'nope.json'], /^--rcp nope\.json \(level 0\): file not found/],
    [
      [...ALICE, ...OBJECT, '--session-policy', BUCKET_POLICY],
      /^--session-policy: session policies apply to role sessions and federated users, not to an IAM user$/,
    ],
    [
      ['--principal', '111122223333', '--action', 's3:GetObject', ...OBJECT, '--boundary', BUCKET_POLICY],
      /^--boundary \S+: a permissions boundary is attached to an IAM user or role/,
    ],
    [[...ALICE, ...OBJECT, '--region', 'Seoul'], /^--region: `Seoul` is not an AWS Region name/],
    [[...ALICE, ...OBJECT, '--resource-account', '1111'], /^--resource-account: `1111` is not a 12-digit AWS account id$/],
    [[...ALICE, ...OBJECT, '--management-account', 'x'], /^--management-account: /],
    [[...ALICE, ...OBJECT, '--bucket-owner', '12'], /^--bucket-owner: /],
    [[...ALICE, ...OBJECT, '--object-owner', 'me'], /^--object-owner: /],
    [[...ALICE, ...OBJECT, '--block-public-access', 'BlockEverything'], /^--block-public-access: `blockeverything` is not a Block Public Access setting/],
    [[...ALICE, ...OBJECT, '--default-encryption', 'SSE-KMS'], /^--default-encryption: `SSE-KMS` is not an S3 encryption/],
    [[...ALICE, ...OBJECT, '--object-encryption', 'AES256=key'], /^--object-encryption: `AES256=key`: only aws:kms and aws:kms:dsse name a key/],
    [[...ALICE, ...OBJECT, '--bucket-acl', join(tmp, 'bad', 'acl.json')], /^--bucket-acl \S+acl\.json: \$\.Grants\[0\]\.Permission must be one of/],
    [[...ALICE, ...OBJECT, '--object-acl', 'missing-acl.json'], /^--object-acl missing-acl\.json: file not found$/],
  ])('%j', async (args, message) => {
    const r = await cli([...args, '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^policy-why: error: /);
    expect(lines[0]!.replace('policy-why: error: ', '')).toMatch(message);
    expect(r.stderr).not.toContain('<command line>');
  });

  it.each([
    [[...ALICE, ...OBJECT, '--context', 'nokey'], /--context `nokey` must be key=value/],
    [[...ALICE, ...OBJECT, '--header', 'no-colon'], /--header `no-colon` must be "Name: value"/],
    [[...ALICE, ...OBJECT, '--canonical-user-id', '111122223333'], /--canonical-user-id `111122223333` must be ACCOUNT=CANONICAL_ID/],
    [[...ALICE, ...OBJECT, '--bucket-key'], /--bucket-key needs --default-encryption/],
    [[...ALICE, ...OBJECT, '--vpc-endpoint-type', 'gateway'], /vpc-endpoint-type/],
    [[...ALICE, ...OBJECT, '--boundary', 'a.json', '--boundary', 'b.json'], /--boundary is given 2 times/],
    [[...ALICE, ...OBJECT, '--region'], /--region needs a value/],
  ])('usage: %j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^policy-why: usage error: [^\n]*\n$/);
    expect(r.stderr).toMatch(message);
  });
});

describe('a bare role or user name as the principal', () => {
  // IAM User Guide, "IAM identifiers": role ARNs are written `arn:aws:iam::account:role/role-name-with-path`.
  it.each([
    [
      ['--principal', 'etl-writer', '--action', 's3:PutObject', ...OBJECT],
      '`arn:aws:iam::ACCOUNT:role/etl-writer` (or `arn:aws:iam::ACCOUNT:user/etl-writer`)',
    ],
    [
      ['--principal', 'role/etl-writer', '--action', 's3:PutObject', ...OBJECT, '--resource-account', '444455556666'],
      '`arn:aws:iam::444455556666:role/etl-writer`',
    ],
    [
      ['--principal', 'user/ops/alice', '--action', 'kms:Decrypt', '--resource', 'arn:aws:kms:us-east-1:111122223333:key/k'],
      '`arn:aws:iam::111122223333:user/ops/alice`',
    ],
    [['--principal', 'assumed-role/etl-writer/nightly', '--action', 's3:PutObject', ...OBJECT], '`arn:aws:sts::ACCOUNT:assumed-role/etl-writer/nightly`'],
  ])('%j suggests the ARN', async (args, arn) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`did you mean ${arn}?`);
  });

  it('in a request document too, at the principal', async () => {
    const p = join(tmp, 'bare-principal.json');
    writeFileSync(
      p,
      JSON.stringify({ principal: 'etl-writer', action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111122223333' }, null, 2),
    );
    const r = await cli(['--request', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bare-principal\.json:2:16: principal `etl-writer` is a name, not an ARN; did you mean `arn:aws:iam::111122223333:role\/etl-writer`/,
    );
  });
});

describe('an S3 URL as the resource', () => {
  // Amazon S3 User Guide, "Virtual hosting of general purpose buckets": "Amazon S3 interprets Host as
  // meaning that most buckets are automatically accessible for limited types of requests at
  // https://bucket-name.s3.region-code.amazonaws.com", and (path-style) "In a path-style URL, the bucket
  // name is not part of the domain (unless you use a region-specific endpoint)".
  it.each([
    ['s3://amzn-s3-demo-bucket/photos/a b+c.jpg', 'arn:aws:s3:::amzn-s3-demo-bucket/photos/a b+c.jpg', /S3 URI .*the key as written/],
    ['s3://amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket', /S3 URI/],
    [
      'https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/photos/a%20b%2Bc.jpg',
      'arn:aws:s3:::amzn-s3-demo-bucket/photos/a b+c.jpg',
      /virtual-hosted-style .*\(the key URL-decoded; the Region us-west-2 from the host name\)$/,
    ],
    ['https://my.dotted.bucket.s3.amazonaws.com/k', 'arn:aws:s3:::my.dotted.bucket/k', /virtual-hosted-style/],
    ['https://amzn-s3-demo-bucket.s3-us-west-2.amazonaws.com/k', 'arn:aws:s3:::amzn-s3-demo-bucket/k', /us-west-2/],
    ['https://s3.eu-central-1.amazonaws.com/amzn-s3-demo-bucket/dir/%ED%95%9C.txt', 'arn:aws:s3:::amzn-s3-demo-bucket/dir/한.txt', /path-style .*eu-central-1/],
    ['https://s3.amazonaws.com/amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket', /path-style/],
    [
      'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc',
      'arn:aws:s3:::amzn-s3-demo-bucket/k.txt',
      /the query string left out/,
    ],
    ['https://b.s3.cn-north-1.amazonaws.com.cn/k', 'arn:aws-cn:s3:::b/k', /cn-north-1/],
  ])('%s → %s', async (url, arn, note) => {
    const r = await cli([...ALICE, '--resource', url, '--format', 'json', '--now', NOW]);
    expect(r.stderr).toBe('');
    const p = JSON.parse(r.stdout) as Printed;
    expect(p.request.resource).toBe(arn);
    const a = p.assumptions.find((x) => x.key === 'resource');
    expect(a?.value).toBe(arn);
    expect(a?.message).toMatch(note);
  });

  it('decides like the ARN, in a request document too', async () => {
    const base = { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:PutObject', policies: { resource: resolve(BUCKET_POLICY) } };
    const run = async (resource: string) => {
      const p = join(tmp, 'url-doc.json');
      writeFileSync(p, JSON.stringify({ ...base, resource, context: { 'aws:SecureTransport': false } }));
      return decisionOf(JSON.parse((await cli(['--request', p, '--format', 'json', '--now', NOW])).stdout) as Printed);
    };
    const arn = await run('arn:aws:s3:::amzn-s3-demo-bucket/uploads/a.jpg');
    expect(arn.decision).toBe('ExplicitDeny');
    expect(await run('s3://amzn-s3-demo-bucket/uploads/a.jpg')).toEqual(arn);
    expect(await run('https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/a.jpg')).toEqual(arn);
  });

  it('an http:// URL is a request without TLS (never assumed HTTPS), unless the context says', async () => {
    const args = [...ALICE.slice(0, 2), '--action', 's3:PutObject', '--resource-policy', BUCKET_POLICY, '--now', NOW, '--format', 'json'];
    const http = await cli([...args, '--resource', 'http://amzn-s3-demo-bucket.s3.amazonaws.com/uploads/a.jpg']);
    expect((JSON.parse(http.stdout) as Printed).decision).toBe('ExplicitDeny');
    const told = await cli([...args, '--resource', 'http://amzn-s3-demo-bucket.s3.amazonaws.com/uploads/a.jpg', '--context', 'aws:SecureTransport=true']);
    expect((JSON.parse(told.stdout) as Printed).decision).not.toBe('ExplicitDeny');
  });

  it('a URL of another host is not read as S3', async () => {
    const r = await cli([...ALICE, '--resource', 'https://example.com/amzn-s3-demo-bucket/k']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-why: error: --resource: resource `https:\/\/example\.com\/amzn-s3-demo-bucket\/k` is not an ARN/);
  });
});

describe('first contact', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  it.each([['--version'], ['-v']])('%s prints the version, one line, exit 0', async (flag) => {
    const r = await cli([flag]);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('-h works like --help', async () => {
    const h = await cli(['-h']);
    expect(h.code).toBe(0);
    expect(h.stdout).toBe((await cli(['--help'])).stdout);
    expect(h.stdout).toMatch(/--scp/);
  });

  it('--help names every quick flag the README documents', async () => {
    const help = (await cli(['--help'])).stdout;
    const readme = readFileSync('README.md', 'utf8');
    const missing = (help.match(/--[a-z][a-z-]+/g) ?? []).filter((flag) => !new RegExp(`${flag}(?![a-z-])`).test(readme));
    expect(missing).toEqual([]);
  });
});
