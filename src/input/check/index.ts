import { readFileSync } from 'node:fs';
import { decodeTextDiagnostics } from '../../json/index.js';
import { cdkReader } from './cdk.js';
import { cloudFormationReader } from './cloudformation.js';
import { plainJsonReader } from './plain-json.js';
import { inlineSuppressions } from './suppressions.js';
import { terraformPlanReader } from './terraform-plan.js';
import type { FileScan, PolicyReader, ReadOptions } from './types.js';

/** The readers, most specific first: the first that claims a file reads it. */
const READERS: readonly PolicyReader[] = [terraformPlanReader, cloudFormationReader, plainJsonReader, cdkReader];

/**
 * Reads one file found by `check`: the first reader that claims it reads it. A file no reader claims is
 * listed with no policy; a file that cannot be read or decoded is a `json-syntax` finding in that file.
 */
export function scanFile(path: string, shownAs: string, options: ReadOptions): FileScan {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { file: shownAs, policies: [], diagnostics: [{ code: 'json-syntax', severity: 'error', message: `cannot read the file (${code})`, file: shownAs }] };
  }
  const { text, diagnostics } = decodeTextDiagnostics(bytes, shownAs);
  if (text === undefined) return { file: shownAs, policies: [], diagnostics };
  return scanText(shownAs, text, options);
}

/** Reads a file's text with the first reader that claims it. */
export function scanText(file: string, text: string, options: ReadOptions): FileScan {
  const reader = READERS.find((r) => r.claims(file, text));
  const suppressions = [...inlineSuppressions(file, text), ...(options.suppressionsFor?.(file) ?? [])];
  if (!reader) return { file, policies: [], diagnostics: [], text, suppressions };
  return { ...reader.read(file, text, options), text, suppressions };
}

export { discoverFiles } from './discover.js';
export { CONFIG_FILE, readCheckConfig, type CheckConfig } from './config.js';
export { readBaseline, writeBaseline } from './baseline.js';
export type { FileScan, FoundPolicy } from './types.js';
