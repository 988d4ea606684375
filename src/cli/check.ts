import { resolve } from 'node:path';
import yargs from 'yargs';
import { InputError, UsageError } from '../model/errors.js';
import { checkJobs } from './check-files.js';
import { countFindings, type CheckResult } from '../model/check.js';
import { CONFIG_FILE, discoverFiles, packageTool, readBaseline, readCheckConfig, writeBaseline, writeOutputFile, type CheckConfig } from '../input/index.js';
import { serviceDataDate } from '../iam/actions.js';
import { finishCheck, RULES, type FileCheck } from '../rules/index.js';
import { distance } from '../iam/suggest.js';
import { wordsFor } from '../explain/index.js';
import { CHECK_FORMATS, CHECK_RENDERERS } from '../render/index.js';
import type { CliIo } from './shared.js';
import { EXIT, failure, languageOf, parseArguments, useColor } from './shared.js';

function makeParser(args: string[], io: CliIo) {
  return yargs(args)
    .scriptName('policy-why check')
    .usage(
      `policy-why check PATH|GLOB... [--format ${CHECK_FORMATS.join('|')}] [--output FILE] [--max-warnings N] [--lang en|ko]\n\n` +
        'Finds every policy document in the files, folders and globs given (JSON policies; .gitignore is respected) and checks it.\n' +
        'Exit code: 0 no errors (and no more warnings than --max-warnings), 1 findings, 2 no answer (a file could not be read, or bad usage).',
    )
    .option('format', { choices: CHECK_FORMATS, default: 'text' as const, describe: 'output format' })
    .option('output', {
      type: 'string',
      describe: 'write the report in --format to FILE, and print the text report (e.g. --format sarif --output results.sarif)',
    })
    .option('max-warnings', { type: 'number', describe: 'exit 1 when there are more warnings than this (default: warnings never fail)' })
    .option('skip-other-files', {
      type: 'boolean',
      describe: 'a file named on the command line that holds no policy is skipped, not an error (pre-commit passes every staged file)',
    })
    .option('exclude', { type: 'string', array: true, describe: 'glob of files to leave out (repeatable)' })
    .option('config', { type: 'string', describe: `configuration file (default: ${CONFIG_FILE} in the working directory, when there is one)` })
    .option('baseline', { type: 'string', describe: 'suppress the findings accepted in this baseline file (by line-free fingerprint)' })
    .option('write-baseline', { type: 'string', describe: 'write the unsuppressed findings to this baseline file (and exit 0)' })
    .option('inline-suppressions', { type: 'boolean', default: true, describe: 'honour policy-why-ignore comments (--no-inline-suppressions for audits)' })
    .option('lang', { type: 'string', describe: 'language of the report: en (default) or ko; also POLICY_WHY_LANG' })
    .strictOptions()
    .exitProcess(false)
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(100, io.columns ?? 100))
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
    });
}

/** `policy-why check`: parses its arguments, reads and checks every file, prints the report; returns the exit code. */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const parsed = await parseArguments(makeParser(args, io), args, io);
  if ('code' in parsed) return parsed.code;
  const argv = parsed.argv;
  if (parsed.helpShown) return EXIT.yes;
  try {
    const lang = languageOf(argv.lang, io.env);
    const paths = argv._.map(String);
    if (!paths.length) throw new UsageError('give the files, folders or globs to check (e.g. `policy-why check .`)');
    const maxWarnings = argv['max-warnings'];
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
      throw new UsageError('--max-warnings needs a whole number, 0 or more');
    const config = readCheckConfig(io.cwd, argv.config);
    checkRuleIds(config);
    const files = discoverFiles(paths, io.cwd, [...config.exclude, ...(argv.exclude ?? [])]);
    const setup = {
      cwd: io.cwd,
      ...(argv.config !== undefined ? { config: argv.config } : {}),
      skipOthers: argv['skip-other-files'] === true,
      ignoreInline: !argv['inline-suppressions'],
      serviceDataDate: await serviceDataDate(),
      ...threadsOf(io.env.POLICY_WHY_THREADS),
    };
    const baseline =
      argv.baseline !== undefined ? { fingerprints: readBaseline(resolve(io.cwd, argv.baseline), argv.baseline), file: argv.baseline } : undefined;
    // Outcomes come back in the files' order whichever thread checked a file; the first error in that order ends the run.
    const parts: FileCheck[] = [];
    for (const outcome of await checkJobs(files, setup, config)) {
      if ('error' in outcome) throw outcome.error;
      if (outcome.part) parts.push(outcome.part);
    }
    const result = finishCheck(parts, {
      serviceDataDate: setup.serviceDataDate,
      severities: config.severities,
      ignoreInline: setup.ignoreInline,
      ...(baseline ? { baseline } : {}),
    });
    if (argv['write-baseline'] !== undefined) {
      writeBaseline(resolve(io.cwd, argv['write-baseline']), argv['write-baseline'], result);
      io.stdout(`${wordsFor(lang).check.baselineWritten({ file: argv['write-baseline'], count: result.findings.filter((f) => !f.suppressed).length })}\n`);
      return EXIT.yes;
    }
    const options = { color: useColor(io), words: wordsFor(lang), tool: packageTool() };
    const output: unknown = argv.output;
    if (output !== undefined) {
      if (typeof output !== 'string' || !output) throw new UsageError('--output needs one file name');
      writeOutputFile(output, io.cwd, CHECK_RENDERERS[argv.format](result, { ...options, color: false }));
      io.stdout(CHECK_RENDERERS.text(result, options));
    } else io.stdout(CHECK_RENDERERS[argv.format](result, options));
    return checkExitCode(result, maxWarnings);
  } catch (e) {
    return failure(io, e);
  }
}

/** `POLICY_WHY_THREADS`: how many worker threads `check` uses (0: none), instead of deciding from the run's size and the machine's load. */
function threadsOf(value: string | undefined): { threads?: number } {
  if (value === undefined || value === '') return {};
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 64) throw new UsageError(`POLICY_WHY_THREADS \`${value}\` is not a number of threads from 0 to 64`);
  return { threads: n };
}

/** 2 when a file could not be read (no answer for it), 1 on any error or too many warnings, else 0. Suppressed findings never count. */
function checkExitCode(result: CheckResult, maxWarnings?: number): number {
  if (result.findings.some((f) => !f.suppressed && f.rule === 'json-syntax')) return EXIT.noAnswer;
  const counts = countFindings(result);
  if (counts.error > 0) return EXIT.no;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return EXIT.no;
  return EXIT.yes;
}

/** Every rule id the configuration names must be a rule: a misspelt id would silently change nothing. */
function checkRuleIds(config: CheckConfig): void {
  for (const { id, span } of config.ruleIds) {
    if (RULES.some((r) => r.meta.id === id)) continue;
    const best = RULES.map((r) => [r.meta.id, distance(r.meta.id, id)] as const).sort((a, b) => a[1] - b[1])[0];
    const hint = best && best[1] <= 3 ? `; did you mean \`${best[0]}\`?` : '';
    throw new InputError(`\`${id}\` is no policy-why rule${hint}`, { source: config.file!, line: span.line, column: span.column });
  }
}
