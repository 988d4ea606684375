import { readFileSync, statSync } from 'node:fs';
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

/** The version in policy-why's own package.json (works from src/ and dist/), for `--version`. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
