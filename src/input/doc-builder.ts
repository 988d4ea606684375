import { InputError } from '../model/errors.js';
import type { RequestDraft } from '../model/request.js';
import { pathToPointer, pointerToPath, readJson, type JsonNode } from '../json/index.js';
import { readRequestObject, type LoadOptions } from './request-document.js';

/** Who gave a value of a built request document: a flag (`--principal`), or a place in an evidence file. */
export interface Origin {
  pointer: string;
  /** The flag, or the evidence file (with `line` and `column`). */
  label: string;
  line?: number;
  column?: number;
}

/** A JSON pointer's reference token for a key (RFC 6901). */
export const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Builds a request document out of values that come from elsewhere (quick flags, evidence); every value it
 * places records its origin. Objects have no prototype: user text (a context key `__proto__`) is a key like
 * any other.
 */
export class DocBuilder {
  readonly doc: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  readonly origins: Origin[] = [];

  /** Places `value` at `pointer` (objects on the way are created) and records where it came from. */
  put(pointer: string, value: unknown, label: string, at?: { line: number; column: number }): void {
    const parts = pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: Record<string, unknown> = this.doc;
    for (const part of parts.slice(0, -1)) {
      if (!Object.hasOwn(node, part)) node[part] = Object.create(null) as Record<string, unknown>;
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
    this.note(pointer, label, at);
  }

  /** The value at `pointer`, if one was placed. */
  get(pointer: string): unknown {
    let node: unknown = this.doc;
    for (const part of pointer.split('/').slice(1)) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  note(pointer: string, label: string, at?: { line: number; column: number }): void {
    this.origins.push({ pointer, label, ...(at ? { line: at.line, column: at.column } : {}) });
  }
}

/**
 * Reads a built document into a draft. A mistake in a value is reported at its origin (`--principal: …`,
 * `trail.json:4:5: …`), never at a line of a document the user never saw.
 */
export async function readBuiltDocument(b: DocBuilder, options: LoadOptions, source: string): Promise<RequestDraft> {
  try {
    return await readRequestObject(b.doc, { ...options, source });
  } catch (e) {
    if (e instanceof InputError && e.source === source) throw atOrigin(e, b.doc, b.origins);
    throw e;
  }
}

/** The error moved from a position in the document to the origin whose value is there. */
function atOrigin(e: InputError, doc: unknown, origins: Origin[]): InputError {
  const pointer = e.jsonPath !== undefined ? pathToPointer(e.jsonPath) : pointerAt(doc, e.line, e.column, e.source);
  const origin = origins.filter((o) => pointer === o.pointer || pointer.startsWith(`${o.pointer}/`)).sort((x, y) => y.pointer.length - x.pointer.length)[0];
  if (!origin) return new InputError(e.message, {});
  // Messages that name a place in the document name it within the origin's value (`$` is the value itself).
  const message = e.message
    .replace(/ referenced at \$\S*/, '')
    .split(pointerToPath(origin.pointer))
    .join('$')
    .replace(/^\$ /, 'the value ');
  const at = origin.line !== undefined && origin.column !== undefined ? { line: origin.line, column: origin.column } : {};
  return new InputError(message, { source: origin.label, ...at });
}

/** The JSON pointer of the value (or key) written at a line and column of the document as `readRequestObject` prints it. */
function pointerAt(doc: unknown, line: number | undefined, column: number | undefined, source: string | undefined): string {
  let found = '';
  const walk = (node: JsonNode, pointer: string): void => {
    if (node.span.line === line && node.span.column === column) found = pointer;
    if (node.kind === 'object') {
      for (const m of node.members) {
        const p = `${pointer}/${escapePointer(m.key)}`;
        if (m.keySpan.line === line && m.keySpan.column === column) found = p;
        walk(m.value, p);
      }
    } else if (node.kind === 'array') node.elements.forEach((el, i) => walk(el, `${pointer}/${i}`));
  };
  walk(readJson(JSON.stringify(doc, null, 2), source ?? '<built>').root, '');
  return found;
}
