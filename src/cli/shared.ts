import { InputError, UsageError } from '../model/errors.js';
import { LANGS, type Lang } from '../explain/index.js';

/** What a command may touch of the process: output, whether it is a terminal, the environment, the working directory. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stdout is a terminal (colour is then allowed). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The terminal's width, when stdout is one (help text wraps to it). */
  columns?: number;
  /** Standard input, read whole (evidence given as `-`). */
  stdin?: () => string;
}

/** Exit codes shared by every command: 0 yes, 1 no, 2 no answer (bad input or usage). */
export const EXIT = { yes: 0, no: 1, noAnswer: 2 } as const;

export function usageError(io: CliIo, message: string): number {
  io.stderr(`policy-why: usage error: ${message} (see policy-why --help)\n`);
  return EXIT.noAnswer;
}

/** Any error while answering: the user's (usage, input) or a bug of ours. */
export function failure(io: CliIo, e: unknown): number {
  if (e instanceof UsageError) return usageError(io, oneLine(e.message));
  if (e instanceof InputError) {
    io.stderr(`policy-why: error: ${e.format()}\n`);
    return EXIT.noAnswer;
  }
  const err = e as Error;
  io.stderr(`policy-why: internal error: ${err.message} (this is a bug in policy-why; please report it with the input)\n`);
  if (io.env.POLICY_WHY_DEBUG) io.stderr(`${err.stack}\n`);
  return EXIT.noAnswer;
}

/**
 * The explanation's language: `--lang`, else POLICY_WHY_LANG, else English. The process locale (LANG,
 * LC_ALL) never changes the output on its own, so the same input gives the same bytes on every machine.
 */
export function languageOf(flag: string | undefined, env: CliIo['env']): Lang {
  const value = flag ?? env.POLICY_WHY_LANG;
  if (value === undefined || value === '') return 'en';
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(`${flag !== undefined ? '--lang' : 'POLICY_WHY_LANG'} \`${value}\` is not a language policy-why speaks (${LANGS.join(', ')})`);
}

export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0') return false;
  return io.isTTY;
}

/** The argument parser's messages span lines; an error is one line. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

/** What yargs' parser offers: parsing with a callback that receives the help or version text it printed. */
interface ArgumentParser<T> {
  parseAsync(args: string[], context: object, callback: (err: unknown, argv: unknown, output: string) => void): Promise<T>;
}

/** Parses a command's arguments: the arguments, or the exit code of a usage error (printed on one line). Help text goes to stdout. */
export async function parseArguments<T>(parser: ArgumentParser<T>, args: string[], io: CliIo): Promise<{ argv: T; helpShown: boolean } | { code: number }> {
  let helpShown = false;
  try {
    const argv = await parser.parseAsync(args, {}, (_err, _argv, output) => {
      if (output) {
        helpShown = true;
        io.stdout(`${output}\n`);
      }
    });
    return { argv, helpShown };
  } catch (e) {
    return { code: usageError(io, oneLine((e as Error).message)) };
  }
}
