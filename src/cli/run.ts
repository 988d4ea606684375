import { resolve } from 'node:path';
import yargs from 'yargs';
import { UsageError } from '../model/errors.js';
import { packageVersion, QUICK_FLAGS, readEvidenceRequest, readRequestFile, readRequestFlags } from '../input/index.js';
import type { EvidenceLog } from '../model/evidence.js';
import { completeRequest } from '../request/index.js';
import type { RequestDraft } from '../model/request.js';
import { parseRequestTime } from '../iam/values.js';
import { explain, LANGS, wordsFor } from '../explain/index.js';
import { EXIT, failure, type CliIo, languageOf, parseArguments, usageError, useColor } from './shared.js';
import { runCheck } from './check.js';
import type { Report } from '../model/report.js';
import { FORMATS, RENDERERS } from '../render/index.js';

export type { CliIo } from './shared.js';

/** The flags of the command itself; the quick flags that describe a request come from `input/`. */
const OWN_FLAGS = ['request', 'format', 'expect', 'now', 'lang', 'error', 'event-id', 'url', 'method', 'cli'];

/** Flags that take a value: given last, or followed by another flag, they have none. */
const VALUE_FLAGS = [...OWN_FLAGS, ...QUICK_FLAGS.filter((f) => f.kind !== 'boolean').map((f) => f.name)];

/** Flags given at most once. */
const SINGLE_FLAGS = [...OWN_FLAGS, ...QUICK_FLAGS.filter((f) => f.kind === 'text').map((f) => f.name)];

/** Parses arguments, evaluates, renders. Returns the exit code; never throws, never exits. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'check') return runCheck(args.slice(1), io);
  const bare = flagWithoutValue(args);
  if (bare !== undefined) return usageError(io, `--${bare} needs a value`);
  const parsed = await parseArguments(makeParser(args, io), args, io);
  if ('code' in parsed) return parsed.code;
  const argv = parsed.argv;
  if (parsed.helpShown || argv.help) return EXIT.yes;
  const misuse = flagMisuse(argv);
  if (misuse !== undefined) return usageError(io, misuse);
  try {
    return await respond(argv, io);
  } catch (e) {
    return failure(io, e);
  }
}

/** A value flag given last, or followed by another flag, before yargs reads it as a boolean. */
function flagWithoutValue(args: string[]): string | undefined {
  for (const [i, a] of args.entries()) {
    const flag = VALUE_FLAGS.find((f) => a === `--${f}`);
    const next = args[i + 1];
    if (flag && (next === undefined || next.startsWith('--'))) return flag;
  }
  return undefined;
}

function makeParser(args: string[], io: CliIo) {
  let parser = yargs(args)
    .scriptName('policy-why')
    .usage(
      `policy-why --request FILE [--format ${FORMATS.join('|')}] [--expect Allowed|Denied] [--lang ${LANGS.join('|')}]\n` +
        "policy-why [EVIDENCE_FILE|-]... [--error 'TEXT'] [--url 'URL' [--method M]] [--cli 'aws …'] [--request FILE | quick flags for what the evidence lacks]\n" +
        'policy-why --principal ARN --action service:Action --resource ARN|S3_URL [--identity FILE]... [--resource-policy FILE] [--context key=value]... [more quick flags]\n\n' +
        'Explains the decision AWS makes for a request, from the policies alone, offline.\n' +
        'Exit code: 0 Allowed, 1 denied (ExplicitDeny or ImplicitDeny), 2 no answer (bad input or usage).',
    )
    .option('request', { type: 'string', describe: 'request document (JSON): principal, action, resource, context, policies' })
    .option('format', { choices: FORMATS, default: 'text' as const, describe: 'output format' })
    .option('expect', { choices: ['Allowed', 'Denied'] as const, describe: 'exit 0 when the decision matches, 1 otherwise' })
    .option('now', { type: 'string', describe: 'ISO 8601 time for aws:CurrentTime/aws:EpochTime (default: now)' })
    .option('lang', { type: 'string', describe: 'language of the explanation: en (default) or ko; also POLICY_WHY_LANG' })
    .option('error', { type: 'string', describe: 'the AccessDenied error message, as printed (quote it)' })
    .option('event-id', { type: 'string', describe: 'which record of a CloudTrail log file or lookup-events output (its eventID)' })
    .option('url', { type: 'string', describe: 'a presigned S3 URL, whole (quote it)' })
    .option('cli', { type: 'string', describe: 'the AWS CLI command that failed, as typed (quote it): aws s3 cp …, aws s3api …, aws kms …' })
    .option('method', { type: 'string', describe: 'the HTTP method the presigned URL was used with: GET, PUT, HEAD, DELETE, POST' })
    .group([...OWN_FLAGS, 'help', 'version'], 'Options:');
  for (const f of QUICK_FLAGS) {
    const describe = f.describe;
    if (f.kind === 'boolean') parser = parser.option(f.name, { type: 'boolean', describe });
    else parser = parser.option(f.name, { type: 'string', array: f.kind === 'texts', describe, ...(f.choices ? { choices: f.choices } : {}) });
  }
  return parser
    .group(
      QUICK_FLAGS.map((f) => f.name),
      'Quick flags (instead of --request; every field of the request document):',
    )
    .strictOptions()
    .exitProcess(false)
    .help()
    .alias('help', 'h')
    .version('version', 'print the version and exit', packageVersion())
    .alias('version', 'v')
    .wrap(Math.min(100, io.columns ?? 100))
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
    });
}

type Argv = Awaited<ReturnType<ReturnType<typeof makeParser>['parseAsync']>>;

/** A flag given twice, or given without its value, is a usage mistake, not an input to read. */
function flagMisuse(argv: Argv): string | undefined {
  for (const k of SINGLE_FLAGS) {
    const v = argv[k];
    if (Array.isArray(v)) return `--${k} is given ${v.length} times; give it once`;
    if (v === '' || (k !== 'format' && v === true)) return `--${k} needs a value`;
  }
  return undefined;
}

/** Reads the request, explains the decision, prints it; returns the exit code. */
async function respond(argv: Argv, io: CliIo): Promise<number> {
  // The language is a usage question: settled before any input is read.
  const lang = languageOf(argv.lang, io.env);
  const now = argv.now !== undefined ? parseNow(argv.now) : new Date();
  const { draft, evidence } = await readDraft(argv, io, now);
  const loaded = await completeRequest(draft);
  const report = explain(loaded.request, loaded.policies, loaded.notes, { lang, ...(evidence ? { evidence } : {}) });
  io.stdout(RENDERERS[argv.format](report, { color: useColor(io), words: wordsFor(lang) }));
  return exitCode(report, argv.expect);
}

/** The request from evidence (files, --error, --url, --cli) completed by --request FILE or the quick flags; or from either alone. */
async function readDraft(argv: Argv, io: CliIo, now: Date): Promise<{ draft: RequestDraft; evidence?: EvidenceLog }> {
  const quick = QUICK_FLAGS.map((f) => f.name).filter((k) => argv[k] !== undefined);
  if (argv.request !== undefined && quick.length) throw new UsageError(`--request cannot be combined with --${quick.join(', --')}`);
  const files = argv._.map(String);
  if (argv.eventId !== undefined && !files.length) throw new UsageError('--event-id chooses a record of a CloudTrail file: give the file too');
  const options = { baseDir: io.cwd, displayDir: io.cwd, now, wallClock: argv.now === undefined, ...(io.stdin ? { stdin: io.stdin } : {}) };
  if (argv.method !== undefined && !files.length && argv.url === undefined)
    throw new UsageError('--method goes with a presigned URL: give --url URL (or the URL in a file)');
  if (files.length || argv.error !== undefined || argv.url !== undefined || argv.cli !== undefined) {
    const args = {
      files,
      ...(argv.error !== undefined ? { error: argv.error } : {}),
      ...(argv.url !== undefined ? { url: argv.url } : {}),
      ...(argv.method !== undefined ? { method: argv.method } : {}),
      ...(argv.cli !== undefined ? { cli: argv.cli } : {}),
      ...(argv.eventId !== undefined ? { eventId: argv.eventId } : {}),
      ...(argv.request !== undefined ? { requestFile: argv.request } : {}),
    };
    return readEvidenceRequest(argv, args, options);
  }
  if (argv.request !== undefined)
    return { draft: await readRequestFile(resolve(io.cwd, argv.request), { now, wallClock: argv.now === undefined, displayDir: io.cwd }) };
  if (argv.principal === undefined || argv.action === undefined || argv.resource === undefined) {
    throw new UsageError('give --request FILE, or all of --principal, --action and --resource, or evidence (an error message file, --error TEXT)');
  }
  return { draft: await readRequestFlags(argv, options) };
}

/**
 * 0 when the answer is yes; with --expect, 0 when the decision is the expected one. 2 (no answer) when there
 * is no AWS decision (a store that is not AWS, no AWS policy): neither yes nor no, whatever --expect says.
 */
function exitCode(report: Report, expect?: 'Allowed' | 'Denied'): number {
  if (report.decision === 'NotEvaluated') return EXIT.noAnswer;
  const allowed = report.decision === 'Allowed';
  if (expect === undefined) return allowed ? EXIT.yes : EXIT.no;
  return (expect === 'Allowed') === allowed ? EXIT.yes : EXIT.no;
}

/** --now in any form AWS prints a time in; a time without a zone is UTC, whatever the machine's zone. */
function parseNow(text: string): Date {
  const ms = parseRequestTime(text);
  if (ms === null) {
    throw new UsageError(
      `--now \`${text}\` is not a time: give ISO 8601 (2025-10-21T04:35:49Z; UTC when no zone is given), X-Amz-Date's 20251021T043549Z, or epoch seconds`,
    );
  }
  return new Date(ms);
}
