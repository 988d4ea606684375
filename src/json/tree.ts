import type { SourceSpan } from '../model/source.js';

/** A JSON value that remembers where it was written. Objects keep members in order, duplicates rejected. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonObject {
  kind: 'object';
  span: SourceSpan;
  members: JsonMember[];
}
export interface JsonMember {
  key: string;
  keySpan: SourceSpan;
  value: JsonNode;
}
export interface JsonArray {
  kind: 'array';
  span: SourceSpan;
  elements: JsonNode[];
}
export interface JsonString {
  kind: 'string';
  span: SourceSpan;
  value: string;
}
export interface JsonNumber {
  kind: 'number';
  span: SourceSpan;
  value: number;
  /** The number as written: `012` account ids written as numbers and `1.50` keep their text. */
  raw: string;
}
export interface JsonBoolean {
  kind: 'boolean';
  span: SourceSpan;
  value: boolean;
}
export interface JsonNull {
  kind: 'null';
  span: SourceSpan;
  value: null;
}

/** A parsed file: the root value and the name shown in messages. */
export interface JsonDocument {
  source: string;
  root: JsonNode;
}

export function member(obj: JsonObject, key: string): JsonMember | undefined {
  for (const m of obj.members) if (m.key === key) return m;
  return undefined;
}

/**
 * Plain JavaScript value of a node, for schema validation. Keys are defined as own data properties,
 * so a `"__proto__"` key is an ordinary key and never a prototype.
 */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        Object.defineProperty(out, m.key, { value: toPlain(m.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return node.elements.map(toPlain);
    default:
      return node.value;
  }
}

/** Follows a JSON pointer (`/Statement/0/Effect`, as ajv reports) to the deepest node that exists. */
export function nodeAtPointer(root: JsonNode, pointer: string): { node: JsonNode; keySpan?: SourceSpan } {
  let node: JsonNode = root;
  let keySpan: SourceSpan | undefined;
  if (!pointer) return { node };
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'object') {
      const m = member(node, part);
      if (!m) break;
      keySpan = m.keySpan;
      node = m.value;
    } else if (node.kind === 'array') {
      const el = node.elements[Number(part)];
      if (!el) break;
      keySpan = undefined;
      node = el;
    } else break;
  }
  return keySpan ? { node, keySpan } : { node };
}

/** `/Statement/0/Effect` → `$.Statement[0].Effect`, the form our messages use. */
export function pointerToPath(pointer: string): string {
  let out = '$';
  if (!pointer) return out;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Text of a scalar value (numbers as written); empty string for objects and arrays. */
export function scalarText(node: JsonNode): string {
  switch (node.kind) {
    case 'number':
      return node.raw;
    case 'object':
    case 'array':
      return '';
    default:
      return String(node.value);
  }
}

const NOWHERE: SourceSpan = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * A tree for a value this program made (a suggested statement, a generated document): every node gets the
 * same `span`, since there is no text to point into.
 */
export function fromPlain(value: unknown, span: SourceSpan = NOWHERE): JsonNode {
  if (Array.isArray(value)) return { kind: 'array', span, elements: value.map((v) => fromPlain(v, span)) };
  if (value === null || value === undefined) return { kind: 'null', span, value: null };
  switch (typeof value) {
    case 'string':
      return { kind: 'string', span, value };
    case 'number':
      return { kind: 'number', span, value, raw: String(value) };
    case 'boolean':
      return { kind: 'boolean', span, value };
    case 'object':
      return {
        kind: 'object',
        span,
        members: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keySpan: span, value: fromPlain(v, span) })),
      };
    default:
      return { kind: 'null', span, value: null };
  }
}

/** `$.policies.identity[0]` → `/policies/identity/0`, the JSON pointer of a path our messages use. */
export function pathToPointer(path: string): string {
  let out = '';
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.slice(1).matchAll(re)) {
    const part = m[1] ?? m[2] ?? (JSON.parse(m[3]!) as string);
    out += `/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return out;
}
