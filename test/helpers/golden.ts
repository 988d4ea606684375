import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root: golden runs start here, and goldens name paths relative to it. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const isSet = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CI = isSet(process.env.CI);

const toPosix = (p: string) => p.split(sep).join('/');
export const shown = (path: string) => toPosix(relative(root, path));
export const REGENERATE = '`npm run golden`';

/** One argument as a POSIX shell would need it typed (the goldens' paths need no quoting). */
const shellArg = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
export const commandLine = (args: string[]) => ['policy-why', ...args].map(shellArg).join(' ');

/** The text golden of a run: `$ <command>`, the output as printed, `exit code: <n>`. */
export function textGolden(args: string[], stdout: string, code: number): string {
  return `$ ${commandLine(args)}\n${stdout}exit code: ${code}\n`;
}

interface TextGolden {
  command: string;
  output: string;
  exitCode: number;
}

/** Splits a text golden into its command line, output and exit code; throws if it is not in that format. */
export function parseTextGolden(path: string): TextGolden {
  const text = readFileSync(path, 'utf8');
  const m = /^\$ ([^\n]*)\n([^]*)exit code: (\d+)\n$/.exec(text);
  if (!m || !(m[2] === '' || m[2]!.endsWith('\n'))) {
    throw new Error(`${shown(path)} is not a text golden (\`$ <command>\`, the output, \`exit code: <n>\`): regenerate it with ${REGENERATE}`);
  }
  return { command: m[1]!, output: m[2]!, exitCode: Number(m[3]) };
}

/** Compares `actual` with the golden at `path`, or writes it (UPDATE_GOLDEN=1, or missing outside CI). */
export function golden(path: string, actual: string): void {
  if (UPDATE) {
    if (CI) throw new Error(`UPDATE_GOLDEN=1 (${REGENERATE}) is refused when CI is set: regenerate ${shown(path)} locally and commit it`);
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    if (CI) throw new Error(`missing golden file ${shown(path)}: run ${REGENERATE} locally, review it, and commit it`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  expect(actual, `${shown(path)} differs from the run; if the change is intended, regenerate with ${REGENERATE} and review the diff`).toBe(expected);
}
