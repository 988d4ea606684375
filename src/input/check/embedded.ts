import { readJsonDiagnostics, type JsonDocument, type JsonNode } from '../../json/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceSpan } from '../../model/source.js';

/**
 * A policy written as a JSON string inside a JSON file (a Terraform plan's `"policy": "{\"Version\": …}"`,
 * `aws s3api get-bucket-policy`'s `{"Policy": "{…}"}`) is parsed from the string's decoded value, and every
 * position in it is then mapped back through the string's escapes to the line and column where the
 * character is written in the file. A JSON string literal is always on one line, so every position inside
 * the embedded document is on the literal's line, at the literal's column plus the offset of the escape (or
 * character) that wrote it. Columns count UTF-16 code units, as the JSON reader's do.
 */

/**
 * For a JSON string literal as written (quotes included), the offset in the literal of each UTF-16 code
 * unit of its decoded value, and one more entry: the offset of the closing quote (where an end that is
 * exclusive maps to). `\uXXXX` is one code unit written in 6 characters (a surrogate pair is two escapes,
 * two code units); `\"`, `\\`, `\/`, `\n` and the other short escapes are one written in 2.
 */
export function escapeOffsets(literal: string): number[] {
  const at: number[] = [];
  let i = 1;
  const end = literal.length - 1;
  while (i < end) {
    at.push(i);
    if (literal.charCodeAt(i) !== 92 /* \ */) i += 1;
    else i += literal.charAt(i + 1) === 'u' ? 6 : 2;
  }
  at.push(end);
  return at;
}

/**
 * For text URL-encoded as the IAM API returns policy documents (`%7B%22Version%22…`), the decoded text and
 * the offset in the encoded text of each of its UTF-16 code units (plus one for the end); undefined when
 * the text is not valid percent-encoding.
 */
function percentOffsets(encoded: string): { text: string; at: number[] } | undefined {
  let text = '';
  const at: number[] = [];
  let i = 0;
  while (i < encoded.length) {
    if (encoded.charAt(i) !== '%') {
      at.push(i);
      text += encoded.charAt(i++);
      continue;
    }
    const lead = parseInt(encoded.slice(i + 1, i + 3), 16);
    const bytes = utf8Length(lead);
    let decoded: string;
    try {
      decoded = decodeURIComponent(encoded.slice(i, i + 3 * bytes));
    } catch {
      return undefined;
    }
    for (let k = 0; k < decoded.length; k++) at.push(i);
    text += decoded;
    i += 3 * bytes;
  }
  at.push(encoded.length);
  return { text, at };
}

/** How many bytes a UTF-8 sequence with this lead byte has. */
function utf8Length(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  return lead >= 0xc0 ? 2 : 1;
}

/** Offsets where each line of `text` starts, lines ending as the JSON reader ends them (`\r\n`, `\r`, `\n`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

type JsonString = Extract<JsonNode, { kind: 'string' }>;

type PointMap = (line: number, column: number) => { line: number; column: number };

function mapSpan(span: SourceSpan, map: PointMap): SourceSpan {
  const start = map(span.line, span.column);
  const end = map(span.endLine, span.endColumn);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The same tree with every span (values and keys) mapped by `map`. */
function remapTree(node: JsonNode, map: PointMap): JsonNode {
  const span = mapSpan(node.span, map);
  switch (node.kind) {
    case 'object':
      return { ...node, span, members: node.members.map((m) => ({ key: m.key, keySpan: mapSpan(m.keySpan, map), value: remapTree(m.value, map) })) };
    case 'array':
      return { ...node, span, elements: node.elements.map((e) => remapTree(e, map)) };
    default:
      return { ...node, span };
  }
}

const EMPTY = 'the policy string is empty';

/** A reader message about a file, said of the string the policy was embedded in. */
function inString(message: string): string {
  return message.replace('the file ends', 'the policy string ends');
}

/** The text as the JSON reader positions it: without a leading BOM. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What {@link embeddedJsonReader} found: the document (spans in the file) and the problems (spans in the file too). */
export interface EmbeddedRead {
  doc?: JsonDocument;
  diagnostics: Diagnostic[];
}

/**
 * Reads embedded JSON documents out of string values of one file, mapping positions into the file. Build it
 * once per file (it indexes the file's lines); `uriEncoded` strings (`%7B…`) are percent-decoded first, with
 * positions mapped through both encodings.
 */
export function embeddedJsonReader(file: string, fileText: string): (node: JsonString, options?: { uriEncoded?: boolean }) => EmbeddedRead {
  const starts = lineStarts(fileText);
  return (node, options = {}) => {
    const from = (starts[node.span.line - 1] ?? 0) + node.span.column - 1;
    const literal = fileText.slice(from, from + node.span.endColumn - node.span.column);
    const inLiteral = escapeOffsets(literal);
    let text = node.value;
    let toValue: (i: number) => number = (i) => i;
    if (options.uriEncoded) {
      const decoded = percentOffsets(text);
      if (!decoded) {
        const span = { line: node.span.line, column: node.span.column, endLine: node.span.line, endColumn: node.span.column + 1 };
        return { diagnostics: [{ code: 'json-syntax', severity: 'error', message: 'the URL-encoded policy cannot be decoded', file, span }] };
      }
      text = decoded.text;
      toValue = (i) => decoded.at[i] ?? node.value.length;
    }
    // The JSON reader strips a leading BOM: its positions on line 1 then start one code unit later.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const embeddedStarts = lineStarts(text.slice(bom));
    const map: PointMap = (line, column) => {
      const offset = bom + (embeddedStarts[line - 1] ?? 0) + column - 1;
      const inFile = inLiteral[toValue(Math.min(offset, text.length))] ?? literal.length - 1;
      return { line: node.span.line, column: node.span.column + inFile };
    };
    const { doc, diagnostics } = readJsonDiagnostics(text, file);
    return {
      ...(doc ? { doc: { source: file, root: remapTree(doc.root, map) } } : {}),
      diagnostics: diagnostics.map((d) =>
        d.span ? { ...d, span: mapSpan(d.span, map), message: inString(d.message) } : { ...d, span: node.span, message: EMPTY },
      ),
    };
  };
}
