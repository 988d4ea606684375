import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { decodeText, readJson } from '../json/read.js';
import type { JsonDocument } from '../json/tree.js';

/** Reads a JSON file into a positioned tree, with one-line errors for missing, unreadable or bad files. */
export function readJsonFile(path: string, shownAs: string): JsonDocument {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('is a directory, not a JSON file', { source: shownAs });
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot read file (${code ?? 'error'})`;
    throw new InputError(why, { source: shownAs });
  }
  return readJson(decodeText(bytes, shownAs), shownAs);
}
