import type { JsonNode } from '../../json/index.js';
import type { SourceSpan } from '../../model/source.js';

/** A line and column (1-based) in the template. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where each offset of a string value (0 to its length) was written in the template: a policy written as a
 * JSON string inside the template is parsed from the value, and its positions are brought back with this.
 */
export type OffsetMap = (offset: number) => Position;

/** Line and column of every offset of `text` (1-based; columns count UTF-16 code units, as editors and SARIF do). */
export function positionsOf(text: string): { at: (offset: number) => Position; offsetOf: (line: number, column: number) => number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const at = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
  const offsetOf = (line: number, column: number) => (starts[Math.min(line, starts.length) - 1] ?? 0) + column - 1;
  return { at, offsetOf };
}

/** Every offset at one place: a value whose characters cannot be followed one by one (a quoted YAML string with escapes). */
export function fixedMap(p: Position): OffsetMap {
  return () => p;
}

/**
 * The offsets of a JSON string's value in the text it was written in: each escape (`\"`, `\n`, `\u00e9`)
 * is one character of the value and several of the text. `start` is the offset of the opening quote.
 */
export function jsonStringMap(text: string, start: number, at: (offset: number) => Position): OffsetMap {
  const raw: number[] = [];
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    raw.push(i);
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  raw.push(i);
  return (offset) => at(raw[Math.min(offset, raw.length - 1)]!);
}

/** One piece of a value built from others (`!Sub`, `!Join`): offsets `from`..`to` of the result come from `map`. */
export interface Piece {
  from: number;
  to: number;
  map: OffsetMap;
  /** The offset in `map`'s value where the piece starts. */
  base: number;
  /** False for a substituted value: every offset of it is shown at the place it was substituted from. */
  exact: boolean;
}

/** The map of a value made of pieces, in order. */
export function piecesMap(pieces: readonly Piece[], fallback: Position): OffsetMap {
  return (offset) => {
    for (const p of pieces) {
      if (offset < p.to || (offset === p.to && p === pieces[pieces.length - 1])) return p.map(p.base + (p.exact ? offset - p.from : 0));
    }
    return pieces.length ? pieces[pieces.length - 1]!.map(pieces[pieces.length - 1]!.base) : fallback;
  };
}

/** A span of an embedded text's tree, moved into the template through `map`. */
export function moveSpan(span: SourceSpan, offsetOf: (line: number, column: number) => number, map: OffsetMap): SourceSpan {
  const a = map(offsetOf(span.line, span.column));
  const b = map(offsetOf(span.endLine, span.endColumn));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** A tree parsed from an embedded text, every span moved into the template. */
export function moveTree(node: JsonNode, move: (span: SourceSpan) => SourceSpan): JsonNode {
  switch (node.kind) {
    case 'object':
      return {
        kind: 'object',
        span: move(node.span),
        members: node.members.map((m) => ({ key: m.key, keySpan: move(m.keySpan), value: moveTree(m.value, move) })),
      };
    case 'array':
      return { kind: 'array', span: move(node.span), elements: node.elements.map((e) => moveTree(e, move)) };
    default:
      return { ...node, span: move(node.span) };
  }
}
