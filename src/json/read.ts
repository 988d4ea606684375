import { parse as momoaParse } from '@humanwhocodes/momoa';
import { InputError } from '../model/errors.js';
import type { SourceSpan } from '../model/source.js';
import type { JsonDocument, JsonMember, JsonNode } from './tree.js';

/** Deeper than any real policy or request document; protects the recursive parser from stack exhaustion. */
export const MAX_JSON_DEPTH = 64;

/**
 * Decodes bytes as UTF-8 text. Binary files (invalid UTF-8 or NUL bytes) and empty files are refused
 * with a message naming the file, since neither can be a policy.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) throw new InputError('file is empty', { source });
  if (bytes.includes(0)) throw new InputError('file is binary, not JSON text (it contains NUL bytes)', { source });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('file is not UTF-8 text', { source });
  }
  return text;
}

/**
 * Parses JSON text into a tree whose every value carries its line and column.
 * Rejects duplicate keys at the second occurrence, strips a leading BOM, limits nesting depth.
 */
export function readJson(text: string, source: string): JsonDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError('file is empty', { source });
  checkDepth(text, source);
  let ast: ReturnType<typeof momoaParse>;
  try {
    ast = momoaParse(text, { mode: 'json', ranges: false, tokens: false });
  } catch (err) {
    throw syntaxError(err, text, source);
  }
  return { source, root: convert(ast.body as MomoaNode, text, source) };
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

function spanOf(loc: MomoaLoc): SourceSpan {
  return { line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

function convert(node: MomoaNode, text: string, source: string): JsonNode {
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
          throw new InputError(
            `duplicate key ${JSON.stringify(key)} (first at line ${first.line}, column ${first.column}); JSON parsers disagree on which one wins`,
            { source, line: keySpan.line, column: keySpan.column },
          );
        }
        seen.set(key, keySpan);
        members.push({ key, keySpan, value: convert(m.value, text, source) });
      }
      return { kind: 'object', span, members };
    }
    case 'Array':
      return { kind: 'array', span, elements: (node.elements ?? []).map((e) => convert(e.value, text, source)) };
    case 'String':
      return { kind: 'string', span, value: node.value as string };
    case 'Number':
      return { kind: 'number', span, value: node.value as number, raw: text.slice(node.loc.start.offset, node.loc.end.offset) };
    case 'Boolean':
      return { kind: 'boolean', span, value: node.value as boolean };
    case 'Null':
      return { kind: 'null', span, value: null };
    default:
      throw new InputError(`unexpected JSON value of type ${node.type}`, { source, line: span.line, column: span.column });
  }
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
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

function syntaxError(err: unknown, text: string, source: string): InputError {
  const e = err as { message?: string; line?: number; column?: number; name?: string; constructor?: { name?: string } };
  const raw = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
  const isEof = e.constructor?.name === 'UnexpectedEOF' || /end of input/i.test(raw);
  if (isEof) {
    const end = positionAt(text, text.length);
    return new InputError('invalid JSON: the file ends before the JSON value is complete (truncated?)', { source, ...end });
  }
  const where = typeof e.line === 'number' ? { line: e.line, column: e.column ?? 1 } : {};
  return new InputError(`invalid JSON: ${lowerFirst(raw)}`, { source, ...where });
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/** Linear scan for nesting depth, skipping strings, so that no input can exhaust the parser's stack. */
function checkDepth(text: string, source: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new InputError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels; no policy or request is this deep`, {
          source,
          ...positionAt(text, i),
        });
      }
    } else if (c === 125 || c === 93) depth--;
  }
}
