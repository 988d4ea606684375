import { member, type JsonNode, type JsonObject } from '../../../json/index.js';
import { InputError } from '../../../model/errors.js';
import { escapePointer } from '../../doc-builder.js';
import type { EvidenceItem } from '../types.js';

/** One AWS CLI output being read: its tree, and how to name places in it. */
export interface Output {
  item: EvidenceItem;
  root: JsonObject;
}

/** `file:line:column` of a node. */
export const fromOf = (o: Output, node: JsonNode) => `${o.item.label}:${node.span.line}:${node.span.column}`;

/** The request document's reference to a node: `/abs/path/file.json#/json/pointer` (absolute, so it resolves from anywhere). */
export function refOf(o: Output, path: readonly (string | number)[]): string {
  if (o.item.path === undefined) {
    throw new InputError('policies read from standard input cannot be referenced: save the output to a file and give the file', { source: o.item.label });
  }
  return `${o.item.path}#${path.map((p) => `/${escapePointer(String(p))}`).join('')}`;
}

/** The value of a member of an object node. */
export function field(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? member(node, key)?.value : undefined;
}

/** A member's string value. */
export function text(node: JsonNode | undefined, key: string): string | undefined {
  const v = field(node, key);
  return v?.kind === 'string' ? v.value : undefined;
}

/** A member's elements; an object where AWS's own example prints one (a documentation slip) counts as one element. */
export function elements(node: JsonNode | undefined, key: string): JsonNode[] {
  const v = field(node, key);
  if (v?.kind === 'array') return v.elements;
  return v?.kind === 'object' ? [v] : [];
}

/** A one-line error at a node. */
export function errorAt(o: Output, node: JsonNode, message: string): InputError {
  return new InputError(message, { source: o.item.label, line: node.span.line, column: node.span.column });
}
