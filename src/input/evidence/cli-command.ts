import { InputError } from '../../model/errors.js';
import type { EvidenceFact, EvidenceHint, FactHow } from '../../model/evidence.js';
import { actionsForOperation, versionedAction } from '../../iam/operations.js';
import { errorAt, placeIn } from './text.js';
import type { EvidenceFound, EvidenceItem, EvidenceReader } from './types.js';

/**
 * An AWS CLI command as typed (aws/aws-cli awscli/examples/s3/cp.rst: `aws s3 cp test.txt s3://amzn-s3-demo-bucket/test2.txt`;
 * s3api/copy-object.rst: `aws s3api copy-object --copy-source bucket-1/test.txt --key test.txt --bucket bucket-2`), with
 * shell quoting, line continuations and a `$ ` prompt. It is tokenised, never run. The command gives the action of its
 * first call, the resource, the Region, the endpoint and the headers its flags send; never the caller.
 */

export const cliCommandReader: EvidenceReader = {
  kind: 'cliCommand',
  recognises: (text) => /^\s*(?:\$\s+)?aws\s+(?:--\S+\s+(?:[^-\s]\S*\s+)?)*(?:s3|s3api|kms)\s/.test(text),
  read: async (item) => readCliCommand(item),
};

interface Token {
  text: string;
  /** Offset of the token's first character in the original text. */
  at: number;
  /** True when the token held an unquoted `$` (a shell variable whose value is not in the command). */
  variable: boolean;
}

/** Splits a shell command into words: quotes, backslash escapes and continuations as a POSIX shell reads them; stops at `|`, `;`, `&`, `>`, `<`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let cur: Token | undefined;
  const add = (c: string, at: number) => {
    cur ??= { text: '', at, variable: false };
    cur.text += c;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
    } else if (c === '\\' && i + 1 < text.length) {
      add(text[i + 1]!, i);
      i += 2;
    } else if (/\s/.test(c)) {
      if (cur) tokens.push(cur);
      cur = undefined;
      i++;
    } else if (c === "'" || c === '"') {
      i = quoted(text, i, c, add);
    } else if (c === '#' && !cur) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (/[|;&<>]/.test(c)) {
      break;
    } else {
      add(c, i);
      if (c === '$' || c === '`') cur!.variable = true;
      i++;
    }
  }
  if (cur) tokens.push(cur);
  return tokens;
}

/** Reads a quoted run from `i` (the quote); returns the index after the closing quote. In double quotes, `\` escapes `"\$\`` and a newline. */
function quoted(text: string, i: number, q: string, add: (c: string, at: number) => void): number {
  let j = i + 1;
  add('', i);
  while (j < text.length && text[j] !== q) {
    if (q === '"' && text[j] === '\\' && /["\\$`\n]/.test(text[j + 1] ?? '')) {
      if (text[j + 1] !== '\n') add(text[j + 1]!, j);
      j += 2;
    } else add(text[j++]!, j - 1);
  }
  if (j >= text.length) throw new InputError(`unclosed ${q === '"' ? 'double' : 'single'} quote`, { source: '', line: 0, column: 0 });
  return j + 1;
}

/** Flags of `aws s3api` and `aws s3` that become request headers S3's condition keys read (S3 API Reference, PutObject request syntax). */
const HEADER_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--acl', 'x-amz-acl'],
  ['--grant-read', 'x-amz-grant-read'],
  ['--grant-write', 'x-amz-grant-write'],
  ['--grant-read-acp', 'x-amz-grant-read-acp'],
  ['--grant-write-acp', 'x-amz-grant-write-acp'],
  ['--grant-full-control', 'x-amz-grant-full-control'],
  ['--server-side-encryption', 'x-amz-server-side-encryption'],
  ['--sse', 'x-amz-server-side-encryption'],
  ['--ssekms-key-id', 'x-amz-server-side-encryption-aws-kms-key-id'],
  ['--sse-kms-key-id', 'x-amz-server-side-encryption-aws-kms-key-id'],
  ['--storage-class', 'x-amz-storage-class'],
  ['--request-payer', 'x-amz-request-payer'],
  ['--expected-bucket-owner', 'x-amz-expected-bucket-owner'],
  ['--tagging', 'x-amz-tagging'],
  ['--metadata-directive', 'x-amz-metadata-directive'],
  ['--object-lock-mode', 'x-amz-object-lock-mode'],
  ['--object-lock-retain-until-date', 'x-amz-object-lock-retain-until-date'],
  ['--object-lock-legal-hold-status', 'x-amz-object-lock-legal-hold'],
]);

/** `aws s3` flags that take no value (or an optional one: `--sse` alone is AES256, `--request-payer` alone is requester). */
const S3_OPTIONAL: ReadonlyMap<string, string> = new Map([
  ['--sse', 'AES256'],
  ['--request-payer', 'requester'],
]);
/** Flags without a value (the AWS CLI's global ones too): every other flag takes the word after it. */
const S3_BOOLEAN = new Set([
  '--no-overwrite',
  '--recursive',
  '--dryrun',
  '--quiet',
  '--no-progress',
  '--only-show-errors',
  '--follow-symlinks',
  '--no-follow-symlinks',
  '--delete',
  '--exact-timestamps',
  '--size-only',
  '--human-readable',
  '--summarize',
  '--no-guess-mime-type',
  '--force-glacier-transfer',
  '--ignore-glacier-warnings',
  '--bucket-key-enabled',
  '--no-bucket-key-enabled',
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
]);

type Fact = (pointer: string, value: unknown, token: Token | number, how?: FactHow) => void;

interface Parsed {
  service: string;
  command: string;
  commandToken: Token;
  positional: Token[];
  flags: Map<string, Token & { flag: Token }>;
  booleans: Set<string>;
}

async function readCliCommand(item: EvidenceItem): Promise<EvidenceFound> {
  const text = item.text.replace(/^\s*\$\s+/, (m) => ' '.repeat(m.length));
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (e) {
    throw errorAt(item, undefined, text.length, (e as Error).message);
  }
  const facts: EvidenceFact[] = [];
  const hints: EvidenceHint[] = [];
  const fact: Fact = (pointer, value, token, how = { code: 'stated' }) =>
    facts.push({ pointer, value, from: placeIn(item, typeof token === 'number' ? token : token.at), how });
  const parsed = parse(item, tokens);
  for (const t of [...parsed.flags.values(), ...parsed.positional]) {
    if (t.variable) throw errorAt(item, undefined, t.at, `\`${t.text}\` is a shell variable or command: its value is not in the command; write the value out`);
  }
  globals(parsed, fact, hints);
  if (parsed.service === 's3') s3Command(item, parsed, fact, hints);
  else if (parsed.service === 's3api') await s3apiCommand(item, parsed, fact, hints);
  else await kmsCommand(item, parsed, fact, hints);
  return { facts, policies: [], hints };
}

function parse(item: EvidenceItem, tokens: Token[]): Parsed {
  const start = tokens.findIndex((t) => t.text === 'aws');
  if (start < 0) throw errorAt(item, undefined, 0, 'not an AWS CLI command: expected `aws s3 …`, `aws s3api …` or `aws kms …`');
  const flags = new Map<string, Token & { flag: Token }>();
  const booleans = new Set<string>();
  const positional: Token[] = [];
  let service: Token | undefined;
  let command: Token | undefined;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const [name, inline] =
      t.text.startsWith('--') && t.text.includes('=') ? [t.text.slice(0, t.text.indexOf('=')), t.text.slice(t.text.indexOf('=') + 1)] : [t.text, undefined];
    if (!name.startsWith('--')) {
      if (!service) service = t;
      else if (!command) command = t;
      else positional.push(t);
      continue;
    }
    const next = tokens[i + 1];
    const hasValue = next !== undefined && !next.text.startsWith('--');
    if (inline !== undefined) flags.set(name, { ...t, text: inline, at: t.at + name.length + 1, flag: t });
    else if (S3_BOOLEAN.has(name)) booleans.add(name);
    else if (hasValue) {
      flags.set(name, { ...next, flag: t });
      i++;
    } else if (S3_OPTIONAL.has(name)) flags.set(name, { text: S3_OPTIONAL.get(name)!, at: t.at, variable: false, flag: t });
    else booleans.add(name);
  }
  if (!service || !['s3', 's3api', 'kms'].includes(service.text)) {
    throw errorAt(
      item,
      undefined,
      service?.at ?? tokens[start]!.at,
      `\`aws ${service?.text ?? ''}\` is not a command policy-why reads: expected aws s3, aws s3api or aws kms`,
    );
  }
  if (!command) throw errorAt(item, undefined, service.at, `\`aws ${service.text}\` names no command (such as cp, put-object, decrypt)`);
  return { service: service.text, command: command.text, commandToken: command, positional, flags, booleans };
}

/** `--region`, `--endpoint-url` (a store that is not AWS), `--no-sign-request` (an anonymous caller), `--profile` (how to find the caller). */
function globals(p: Parsed, fact: Fact, hints: EvidenceHint[]): void {
  const region = p.flags.get('--region');
  if (region) fact('/region', region.text, region);
  const endpoint = p.flags.get('--endpoint-url');
  if (endpoint) fact('/http/endpoint', endpoint.text, endpoint);
  if (p.booleans.has('--no-sign-request')) {
    fact('/principal', 'anonymous', p.commandToken, { code: 'unsigned' });
    return;
  }
  const profile = p.flags.get('--profile');
  const who = `aws sts get-caller-identity${profile ? ` --profile ${profile.text}` : ''}`;
  hints.push({ field: 'principal', text: `the command does not say who ran it: give --principal ARN (\`${who}\` prints it)` });
}

/** `s3://bucket/key` (an access point ARN in place of the bucket too) → the ARN; `s3://bucket/` with a file name to append. */
function s3Arn(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/(arn:[^:]+:s3:[^:]*:\d{12}:accesspoint\/[^/]+|[^/]+)(?:\/(.*))?$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2] ?? '' } : undefined;
}

const arnOf = (bucket: string, key: string) =>
  bucket.startsWith('arn:') ? `${bucket}${key ? `/object/${key}` : ''}` : `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`;

/**
 * `aws s3 cp|mv|rm|ls|sync`: the first call the command makes, on which resource. An upload (cp, mv, a large
 * file's multipart upload too) is s3:PutObject (S3 User Guide, "Multipart upload API and permissions"); a download
 * starts with HeadObject, s3:GetObject; an S3-to-S3 copy is CopyObject: s3:PutObject on the destination, with
 * s3:GetObject on the source a request not evaluated here; `rm --recursive`, `ls` and `sync` list first
 * (ListObjectsV2, s3:ListBucket; aws-cli's ListCommand sends `Prefix` and, without --recursive, `Delimiter` `/`).
 */
function s3Command(item: EvidenceItem, p: Parsed, fact: Fact, hints: EvidenceHint[]): void {
  const [a, b] = p.positional;
  const src = a && s3Arn(a.text);
  const dst = b && s3Arn(b.text);
  const recursive = p.booleans.has('--recursive');
  const act = (action: string, also: string[]) => fact('/action', action, p.commandToken, { code: 'cliCommand', command: `aws s3 ${p.command}`, also });
  const target = (loc: { bucket: string; key: string }, token: Token, key = loc.key) =>
    fact('/resource', arnOf(loc.bucket, key), token, { code: 's3Location' });
  const list = (loc: { bucket: string; key: string }, token: Token, also: string[]) => {
    act('s3:ListBucket', also);
    target(loc, token, '');
    if (loc.key) fact('/context/s3:prefix', loc.key, token, { code: 'cliCommand', command: `aws s3 ${p.command}`, also: [] });
    if (p.command === 'ls' && !recursive) fact('/context/s3:delimiter', '/', p.commandToken, { code: 'cliCommand', command: 'aws s3 ls', also: [] });
  };
  const name = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;
  switch (p.command) {
    case 'ls':
      if (src) return list(src, a, []);
      act('s3:ListAllMyBuckets', []);
      return fact('/resource', '*', p.commandToken, { code: 'cliCommand', command: 'aws s3 ls', also: [] });
    case 'sync':
      if (!a || !b || (!src && !dst))
        throw errorAt(item, undefined, p.commandToken.at, '`aws s3 sync` needs a source and a destination, one of them s3://BUCKET/PREFIX');
      return list((src ?? dst)!, src ? a : b, [dst ? 's3:PutObject on each object it writes' : 's3:GetObject on each object it reads']);
    case 'rm':
      if (!src) throw errorAt(item, undefined, (a ?? p.commandToken).at, '`aws s3 rm` needs s3://BUCKET/KEY');
      if (recursive) return list(src, a, ['s3:DeleteObject on each object']);
      act('s3:DeleteObject', []);
      return target(src, a);
    case 'cp':
    case 'mv':
      break;
    default:
      throw errorAt(item, undefined, p.commandToken.at, `\`aws s3 ${p.command}\` is not a command policy-why reads: cp, mv, rm, ls, sync (or aws s3api …)`);
  }
  if (!a || !b || (!src && !dst))
    throw errorAt(item, undefined, p.commandToken.at, `\`aws s3 ${p.command}\` needs a source and a destination, one of them s3://BUCKET/KEY`);
  if (recursive) {
    hints.push({
      field: 'resource',
      text: `\`--recursive\` ${p.command === 'mv' ? 'moves' : 'copies'} many objects: give --resource s3://BUCKET/KEY of the one that failed (the error message names it)`,
    });
    act(dst ? 's3:PutObject' : 's3:GetObject', []);
    return;
  }
  const move = p.command === 'mv' && src ? ['s3:DeleteObject on the source'] : [];
  if (src && !dst) {
    act('s3:GetObject', move);
    return target(src, a);
  }
  const key = dst!.key === '' || dst!.key.endsWith('/') ? `${dst!.key}${name(src ? src.key : a.text)}` : dst!.key;
  if (src) fact('/http/headers/x-amz-copy-source', `${src.bucket}/${src.key}`, a, { code: 'cliCommand', command: `aws s3 ${p.command}`, also: [] });
  act('s3:PutObject', [...(src ? ['s3:GetObject on the source'] : []), ...move]);
  target(dst!, b, key);
  headers(p, fact);
}

function headers(p: Parsed, fact: Fact): void {
  for (const [flag, header] of HEADER_FLAGS) {
    const v = p.flags.get(flag);
    if (v) fact(`/http/headers/${header}`, v.text, v, { code: 'cliFlag', flag });
  }
  if (p.booleans.has('--bucket-key-enabled'))
    fact('/http/headers/x-amz-server-side-encryption-bucket-key-enabled', 'true', p.commandToken, { code: 'cliFlag', flag: '--bucket-key-enabled' });
  const grants = p.flags.get('--grants');
  if (!grants) return;
  // `--grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers full=id=…` (awscli/examples/s3/cp.rst): Permission=Grantee_Type=Grantee_ID
  const names: Record<string, string> = {
    read: 'x-amz-grant-read',
    readacl: 'x-amz-grant-read-acp',
    writeacl: 'x-amz-grant-write-acp',
    full: 'x-amz-grant-full-control',
  };
  for (const g of [grants, ...p.positional.filter((t) => /^(read|readacl|writeacl|full)=/.test(t.text))]) {
    const m = /^(read|readacl|writeacl|full)=(uri|id|emailaddress)=(.+)$/.exec(g.text);
    if (m) fact(`/http/headers/${names[m[1]!]!}`, `${m[2]}="${m[3]}"`, g, { code: 'cliFlag', flag: '--grants' });
  }
}

/** `aws s3api OPERATION --bucket B [--key K]`: the operation's action on the bucket or object, the headers its flags send. */
async function s3apiCommand(item: EvidenceItem, p: Parsed, fact: Fact, hints: EvidenceHint[]): Promise<void> {
  const operation = p.command.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
  const found = await actionsForOperation('s3', operation);
  if (!found)
    throw errorAt(
      item,
      undefined,
      p.commandToken.at,
      `\`aws s3api ${p.command}\` is not an S3 operation policy-why can map to an IAM action: give --action SERVICE:ACTION`,
    );
  const version = p.flags.get('--version-id');
  const versioned = version ? versionedAction(operation) : undefined;
  const also = [...found.actions.slice(1), ...(found.onCopySource ?? []).map((a) => `${a} on the copy source`)];
  fact('/action', versioned ?? found.actions[0]!, p.commandToken, { code: 'cliCommand', command: `aws s3api ${p.command}`, also });
  const bucket = p.flags.get('--bucket');
  const key = p.flags.get('--key');
  if (bucket) fact('/resource', arnOf(bucket.text, key?.text ?? ''), key ?? bucket, { code: 's3Location' });
  else if (operation === 'ListBuckets') fact('/resource', '*', p.commandToken, { code: 'cliCommand', command: 'aws s3api list-buckets', also: [] });
  else hints.push({ field: 'resource', text: `\`aws s3api ${p.command}\` without --bucket: give --resource ARN` });
  const source = p.flags.get('--copy-source');
  if (source) fact('/http/headers/x-amz-copy-source', source.text, source, { code: 'cliFlag', flag: '--copy-source' });
  headers(p, fact);
}

/** `aws kms OPERATION --key-id ARN`: the operation's action on the key; a key id or alias names no account, so the key's ARN is asked for. */
async function kmsCommand(item: EvidenceItem, p: Parsed, fact: Fact, hints: EvidenceHint[]): Promise<void> {
  const operation = p.command.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
  const found = await actionsForOperation('kms', operation);
  if (!found)
    throw errorAt(
      item,
      undefined,
      p.commandToken.at,
      `\`aws kms ${p.command}\` is not a KMS operation policy-why can map to an IAM action: give --action SERVICE:ACTION`,
    );
  fact('/action', found.actions[0]!, p.commandToken, { code: 'cliCommand', command: `aws kms ${p.command}`, also: found.actions.slice(1) });
  const key = p.flags.get('--key-id') ?? p.flags.get('--source-key-id') ?? p.flags.get('--destination-key-id');
  if (key && /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(key.text)) fact('/resource', key.text, key);
  else {
    const why = key ? `--key-id \`${key.text}\` names no account and Region` : 'the key is inside the ciphertext';
    hints.push({ field: 'resource', text: `${why}: give --resource arn:aws:kms:REGION:ACCOUNT:key/KEY_ID (\`aws kms describe-key --key-id …\` prints it)` });
  }
}
