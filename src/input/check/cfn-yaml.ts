import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import type { JsonMember, JsonNode } from '../../json/index.js';
import { pointSpan, type Diagnostic } from '../../model/diagnostic.js';
import type { SourceSpan } from '../../model/source.js';
import { fixedMap, type OffsetMap, type Position } from './cfn-positions.js';

/** Short-form intrinsic tags and the long form each stands for (`!GetAtt A.B` is `{"Fn::GetAtt": "A.B"}`). */
function longForm(tag: string): string {
  const name = tag.slice(1);
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** Nesting deeper than any template; protects the recursive conversion (as the JSON reader does). */
const MAX_DEPTH = 64;

/**
 * Reads a YAML template into the JSON tree the rest of `check` reads, every span in the template's own lines
 * and columns (cfn-lint's marked loader): short-form tags become their long form (`!Sub x` is
 * `{"Fn::Sub": "x"}`, placed where the tag's value is), a key repeated in one mapping is `json-duplicate-key`
 * at the second key (the first is kept), and a YAML error is `json-syntax` at its position (no tree then).
 * `strings` gets, for every string, where each of its characters was written.
 */
export function readYamlTemplate(text: string, file: string, strings: WeakMap<JsonNode, OffsetMap>): { root?: JsonNode; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, keepSourceTokens: true });
  const at = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const first = doc.errors[0];
  if (first) {
    const p = first.linePos?.[0] ?? { line: 1, col: 1 };
    const message = `the template is not YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    return { diagnostics: [{ code: 'json-syntax', severity: 'error', message, file, span: pointSpan(p.line, p.col) }] };
  }
  const diagnostics: Diagnostic[] = [];
  const spanOf = (range: readonly [number, number, number] | null | undefined): SourceSpan => {
    const [s, e] = range ?? [0, 0, 0];
    const a = at(s);
    const b = at(e);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const convert = (node: YamlNode | null | undefined, fallback: SourceSpan, depth: number): JsonNode => {
    if (!node) return { kind: 'null', span: fallback, value: null };
    const span = spanOf(node.range);
    if (depth > MAX_DEPTH) {
      diagnostics.push({ code: 'json-syntax', severity: 'error', message: `the template is nested deeper than ${MAX_DEPTH} levels`, file, span });
      return { kind: 'null', span, value: null };
    }
    const plain = convertPlain(node, span, depth);
    const tag = node.tag;
    if (!tag?.startsWith('!') || tag.startsWith('!!')) return plain;
    // `!GetAtt A.B` and the other tags: the long form, from the tag to the end of its value.
    const tagAt = text.lastIndexOf(tag, node.range![0]);
    const from = tagAt >= 0 && /^\s*$/.test(text.slice(tagAt + tag.length, node.range![0])) ? tagAt : node.range![0];
    const whole = spanOf([from, node.range![1], node.range![2]]);
    return { kind: 'object', span: whole, members: [{ key: longForm(tag), keySpan: whole, value: plain }] };
  };
  const convertPlain = (node: YamlNode, span: SourceSpan, depth: number): JsonNode => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target && depth < MAX_DEPTH ? convert(target, span, depth + 1) : { kind: 'null', span, value: null };
    }
    if (isMap(node)) {
      const members: JsonMember[] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        const keySpan = spanOf(keyNode?.range);
        if (seen.has(key)) {
          diagnostics.push({ code: 'json-duplicate-key', severity: 'error', message: `duplicate key \`${key}\` (the first is read)`, file, span: keySpan });
          continue;
        }
        seen.add(key);
        const after = pointSpan(keySpan.endLine, keySpan.endColumn);
        members.push({ key, keySpan, value: convert(pair.value as YamlNode | null, after, depth + 1) });
      }
      return { kind: 'object', span, members };
    }
    if (isSeq(node)) return { kind: 'array', span, elements: node.items.map((i) => convert(i as YamlNode | null, span, depth + 1)) };
    if (isScalar(node)) return scalar(node, span);
    return { kind: 'null', span, value: null };
  };
  const scalar = (node: Scalar, span: SourceSpan): JsonNode => {
    const v = node.value;
    if (typeof v === 'boolean') return { kind: 'boolean', span, value: v };
    if (typeof v === 'number' || typeof v === 'bigint') {
      const raw = text.slice(node.range![0], node.range![1]);
      return { kind: 'number', span, value: Number(v), raw };
    }
    if (v === null || v === undefined)
      return node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? { kind: 'string', span, value: '' } : { kind: 'null', span, value: null };
    const out: JsonNode = { kind: 'string', span, value: typeof v === 'string' ? v : (JSON.stringify(v) ?? '') };
    strings.set(out, scalarMap(text, node, at));
    return out;
  };
  const root = convert(doc.contents, pointSpan(1, 1), 0);
  return { root, diagnostics };
}

/**
 * Where each character of a YAML string was written: exactly for a plain scalar on one line, a quoted one
 * without escapes or folding, and a literal block (`|`: line k of the value is line k of the block, after its
 * indentation); at the start of the value otherwise (folded blocks, quoted strings with escapes).
 */
function scalarMap(text: string, node: Scalar, at: (offset: number) => Position): OffsetMap {
  const [start, end] = node.range!;
  const value = String(node.value);
  if (node.type === 'PLAIN' && text.slice(start, end) === value) return (o) => at(start + o);
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && text.slice(start + 1, end - 1) === value) return (o) => at(start + 1 + o);
  if (node.type === 'BLOCK_LITERAL') {
    const bodyStart = text.indexOf('\n', start) + 1;
    if (bodyStart > 0) return blockMap(text, bodyStart, value, at);
  }
  return fixedMap(at(start));
}

/** A literal block's map: value line k is the k-th line of the block, shifted by the block's indentation. */
function blockMap(text: string, bodyStart: number, value: string, at: (offset: number) => Position): OffsetMap {
  const sourceLines = text.slice(bodyStart).split(/\r?\n/);
  const valueLines = value.split('\n');
  const firstText = valueLines.findIndex((l) => l.trim() !== '');
  const lead = (s: string) => s.length - s.trimStart().length;
  const indent = firstText >= 0 && sourceLines[firstText] !== undefined ? lead(sourceLines[firstText]) - lead(valueLines[firstText] ?? '') : 0;
  const top = at(bodyStart).line;
  const lineStarts = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let k = lineStarts.length - 1;
    while (k > 0 && lineStarts[k]! > offset) k--;
    return { line: top + k, column: indent + offset - lineStarts[k]! + 1 };
  };
}
