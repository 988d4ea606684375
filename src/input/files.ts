import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { decodeText, readJson } from '../json/index.js';
import type { JsonDocument } from '../json/index.js';

/** Reads a JSON file into a positioned tree, with one-line errors for missing, unreadable or bad files. */
export function readJsonFile(path: string, shownAs: string): JsonDocument {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('is a directory, not a JSON file', { source: shownAs });
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(unreadable((e as NodeJS.ErrnoException).code), { source: shownAs });
  }
  return readJson(decodeText(bytes, shownAs), shownAs);
}

/** Why a file could not be read, from the system's error code. */
function unreadable(code: string | undefined): string {
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read file (${code ?? 'error'})`;
}

interface OwnPackage {
  version: string;
  repository?: string | { url?: string };
}

const ownPackage = (): OwnPackage => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as OwnPackage;

/** The version in policy-why's own package.json (works from src/ and dist/), for `--version`. */
export function packageVersion(): string {
  return ownPackage().version;
}

/**
 * What the `check` reporters say about policy-why (SARIF's `tool.driver`): its version, and, when package.json
 * names a GitHub `repository`, the project's address and where its files (the rule docs) are shown
 * (`https://github.com/<owner>/<repo>/blob/HEAD/`). Without one, docs links stay repository-relative.
 */
export function packageTool(pkg: OwnPackage = ownPackage()): { version: string; informationUri?: string; docsBase?: string } {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const github =
    /^(?:git\+)?(?:https?|git|ssh):\/\/(?:git@)?github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url ?? '') ??
    /^github:([\w.-]+)\/([\w.-]+)$/.exec(url ?? '');
  if (!github) return { version: pkg.version };
  const home = `https://github.com/${github[1]}/${github[2]}`;
  return { version: pkg.version, informationUri: home, docsBase: `${home}/blob/HEAD/` };
}

/** Writes a report to the file `--output` names (relative to `cwd`); a failure is one line naming the flag and the file. */
export function writeOutputFile(path: string, cwd: string, text: string): void {
  try {
    writeFileSync(resolve(cwd, path), text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`--output: cannot write ${path} (${code === 'ENOENT' ? 'its folder does not exist' : (code ?? 'error')})`);
  }
}

/** A path as messages show it: relative to `displayDir` when inside it, else as given. */
export function display(path: string, displayDir: string): string {
  const rel = relative(displayDir, resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
