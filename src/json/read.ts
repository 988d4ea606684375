import { parse as momoaParse } from '@humanwhocodes/momoa';
import { inputErrorFrom, pointSpan, type Diagnostic } from '../model/diagnostic.js';
import type { SourceSpan } from '../model/source.js';
import type { JsonDocument, JsonMember, JsonNode } from './tree.js';

/** Deeper than any real policy or request document; protects the recursive parser from stack exhaustion. */
const MAX_JSON_DEPTH = 64;

/**
 * Decodes bytes as UTF-8 text, or says why the bytes are not JSON text: an empty file (`json-empty`),
 * a binary one with NUL bytes (`json-binary`), invalid UTF-8 (`json-not-utf8`). At most one diagnostic;
 * `text` is set exactly when there is none.
 */
export function decodeTextDiagnostics(bytes: Uint8Array, source: string): { text?: string; diagnostics: Diagnostic[] } {
  const fail = (code: string, message: string) => ({ diagnostics: [{ code, severity: 'error' as const, message, file: source }] });
  if (bytes.length === 0) return fail('json-empty', 'file is empty');
  if (bytes.includes(0)) return fail('json-binary', 'file is binary, not JSON text (it contains NUL bytes)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    return fail('json-not-utf8', 'file is not UTF-8 text');
  }
}

/**
 * Decodes bytes as UTF-8 text. Binary files (invalid UTF-8 or NUL bytes) and empty files are refused
 * with a message naming the file, since neither can be a policy.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  const { text, diagnostics } = decodeTextDiagnostics(bytes, source);
  if (diagnostics[0]) throw inputErrorFrom(diagnostics[0]);
  return text!;
}

/**
 * Parses JSON text into a tree whose every value carries its line and column, and reports every problem
 * found on the way, in document order: an empty text (`json-empty`), nesting deeper than
 * {@link MAX_JSON_DEPTH} (`json-too-deep`), the first syntax error (`json-syntax`; parsing stops there),
 * and every duplicate key (`json-duplicate-key`, at the second occurrence). A leading BOM is stripped.
 *
 * `doc` is set whenever the text parsed, duplicate keys or not; in an object with a duplicate key it holds
 * the first occurrence only, so that keys stay unique in the tree.
 */
export function readJsonDiagnostics(text: string, source: string): { doc?: JsonDocument; diagnostics: Diagnostic[] } {
  const error = (code: string, message: string, span?: SourceSpan): Diagnostic =>
    span ? { code, severity: 'error', message, file: source, span } : { code, severity: 'error', message, file: source };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { diagnostics: [error('json-empty', 'file is empty')] };
  const found = scanText(text);
  const controlAt = found.control !== undefined ? positionAt(text, found.control) : undefined;
  const controlError = () => error('json-syntax', controlCharMessage(text.charCodeAt(found.control!)), pointSpan(controlAt!.line, controlAt!.column));
  if (found.deep !== undefined) {
    // The parser never sees text this deep; a control character before it is the first problem.
    if (found.control !== undefined && found.control < found.deep) return { diagnostics: [controlError()] };
    const at = positionAt(text, found.deep);
    const message = `JSON nested deeper than ${MAX_JSON_DEPTH} levels; no policy or request is this deep`;
    return { diagnostics: [error('json-too-deep', message, pointSpan(at.line, at.column))] };
  }
  let ast: ReturnType<typeof momoaParse> | undefined;
  let syntax: ReturnType<typeof syntaxError> | undefined;
  try {
    ast = momoaParse(text, { mode: 'json', ranges: false, tokens: false });
  } catch (err) {
    syntax = syntaxError(err, text);
  }
  // Momoa accepts raw control characters in strings, JSON does not: the first problem in the text is reported.
  if (controlAt && !(syntax?.at && (syntax.at.line < controlAt.line || (syntax.at.line === controlAt.line && syntax.at.column < controlAt.column)))) {
    return { diagnostics: [controlError()] };
  }
  if (!ast) return { diagnostics: [error('json-syntax', syntax!.message, syntax!.at && pointSpan(syntax!.at.line, syntax!.at.column))] };
  const diagnostics: Diagnostic[] = [];
  const root = convert(ast.body, text, (code, message, span) => diagnostics.push(error(code, message, span)));
  return { doc: { source, root }, diagnostics };
}

/**
 * Parses JSON text into a tree whose every value carries its line and column.
 * Rejects duplicate keys at the second occurrence, strips a leading BOM, limits nesting depth: throws an
 * InputError for the first problem {@link readJsonDiagnostics} finds.
 */
export function readJson(text: string, source: string): JsonDocument {
  const { doc, diagnostics } = readJsonDiagnostics(text, source);
  if (diagnostics[0]) throw inputErrorFrom(diagnostics[0]);
  return doc!;
}

interface MomoaLoc {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}
interface MomoaNode {
  type: string;
  loc: MomoaLoc;
  value?: unknown;
  members?: { name: MomoaNode; value: MomoaNode }[];
  elements?: { value: MomoaNode }[];
}

type Report = (code: string, message: string, span: SourceSpan) => void;

function spanOf(loc: MomoaLoc): SourceSpan {
  return { line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

/** Momoa's tree → ours, in document order, reporting each duplicate key before looking inside its value. */
function convert(node: MomoaNode, text: string, report: Report): JsonNode {
  const span = spanOf(node.loc);
  switch (node.type) {
    case 'Object': {
      const members: JsonMember[] = [];
      const seen = new Map<string, SourceSpan>();
      for (const m of node.members ?? []) {
        const key = m.name.value as string;
        const keySpan = spanOf(m.name.loc);
        const first = seen.get(key);
        if (first) {
          report(
            'json-duplicate-key',
            `duplicate key ${JSON.stringify(key)} (first at line ${first.line}, column ${first.column}); JSON parsers disagree on which one wins`,
            keySpan,
          );
          convert(m.value, text, report); // for the problems inside it; the tree keeps the first occurrence
          continue;
        }
        seen.set(key, keySpan);
        members.push({ key, keySpan, value: convert(m.value, text, report) });
      }
      return { kind: 'object', span, members };
    }
    case 'Array':
      return { kind: 'array', span, elements: (node.elements ?? []).map((e) => convert(e.value, text, report)) };
    case 'String':
      return { kind: 'string', span, value: node.value as string };
    case 'Number':
      return { kind: 'number', span, value: node.value as number, raw: text.slice(node.loc.start.offset, node.loc.end.offset) };
    case 'Boolean':
      return { kind: 'boolean', span, value: node.value as boolean };
    case 'Null':
      return { kind: 'null', span, value: null };
    default:
      report('json-syntax', `unexpected JSON value of type ${node.type}`, span);
      return { kind: 'null', span, value: null };
  }
}

/** Line and column (1-based) of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxError(err: unknown, text: string): { message: string; at?: { line: number; column: number } } {
  const e = err as { message?: string; line?: number; column?: number; name?: string; constructor?: { name?: string } };
  const raw = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
  const isEof = e.constructor?.name === 'UnexpectedEOF' || /end of input/i.test(raw);
  if (isEof) {
    return { message: 'invalid JSON: the file ends before the JSON value is complete (truncated?)', at: positionAt(text, text.length) };
  }
  const token = /^Unexpected token (\w+) found/.exec(raw)?.[1];
  const at = typeof e.line === 'number' ? { line: e.line, column: e.column ?? 1 } : undefined;
  const message = `invalid JSON: ${token && at ? tokenMessage(token, text, at) : lowerFirst(raw)}`;
  return at ? { message, at } : { message };
}

/** The characters of Momoa's punctuation tokens, and what its value tokens are in words. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  LBrace: '`{`',
  RBrace: '`}`',
  LBracket: '`[`',
  RBracket: '`]`',
  Colon: '`:`',
  Comma: '`,`',
  String: 'string',
  Number: 'number',
  Boolean: 'boolean',
  Null: '`null`',
};

/** "unexpected `]`", or "a trailing comma before `]`" when a comma is the last thing before a closing bracket. */
function tokenMessage(token: string, text: string, at: { line: number; column: number }): string {
  const what = TOKEN_WORDS[token] ?? token;
  if (token === 'RBrace' || token === 'RBracket') {
    let offset = 0;
    for (let line = 1; line < at.line; line++) offset = text.indexOf('\n', offset) + 1;
    const before = text.slice(0, offset + at.column - 1).trimEnd();
    if (before.endsWith(',')) return `a trailing comma before ${what} (JSON allows none)`;
  }
  return `unexpected ${what}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/**
 * "All Unicode characters may be placed within the quotation marks, except for the characters that MUST
 * be escaped: quotation mark, reverse solidus, and the control characters (U+0000 through U+001F)" (RFC
 * 8259, section 7). A line break or tab inside a string usually comes from text pasted from a web page.
 */
function controlCharMessage(code: number): string {
  const named: Record<number, [string, string]> = { 10: ['line break', '\\n'], 13: ['carriage return', '\\r'], 9: ['tab', '\\t'] };
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const [what, escape] = named[code] ?? [`control character U+${hex}`, `\\u${hex}`];
  return `invalid JSON: a raw ${what} inside a string; JSON strings must write it as ${escape} (was the text pasted from a web page?)`;
}

/**
 * Linear scan, skipping strings, so that no input can exhaust the parser's stack: the offset of the first
 * bracket past {@link MAX_JSON_DEPTH} (`deep`), and of the first raw control character inside a string
 * (`control`), each when there is one.
 */
function scanText(text: string): { deep?: number; control?: number } {
  let depth = 0;
  let inString = false;
  let control: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
      else if (c < 0x20) control ??= i;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return { deep: i, ...(control !== undefined ? { control } : {}) };
    } else if (c === 125 || c === 93) depth--;
  }
  return control !== undefined ? { control } : {};
}
