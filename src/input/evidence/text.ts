import { InputError } from '../../model/errors.js';

/** Text as pasted, with its line breaks folded: each character of `text` keeps its offset in the original. */
export interface Folded {
  text: string;
  offsets: number[];
}

/**
 * Folds every run of whitespace (line breaks included: terminals and web pages break long messages) into one
 * space, remembering where each character was, so facts can name their line and column in the input.
 */
export function fold(original: string): Folded {
  let text = '';
  const offsets: number[] = [];
  let space = false;
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    if (/\s/.test(c)) {
      space = text.length > 0;
      continue;
    }
    if (space) {
      text += ' ';
      offsets.push(i - 1);
      space = false;
    }
    text += c;
    offsets.push(i);
  }
  return { text, offsets };
}

/** The 1-based line and column of an offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** `label:line:column` of an offset of the folded text. */
export function placeOf(label: string, original: string, folded: Folded, at: number): string {
  const { line, column } = lineColumn(original, originalOffset(folded, at));
  return `${label}:${line}:${column}`;
}

/** The offset in the original text of an offset of the folded one (past the end: its last character). */
function originalOffset(folded: Folded, at: number): number {
  return folded.offsets[Math.min(at, folded.offsets.length - 1)] ?? 0;
}

/** `label:line:column` of an offset of an input's original text. */
export function placeIn(item: { label: string; text: string }, at: number): string {
  const { line, column } = lineColumn(item.text, at);
  return `${item.label}:${line}:${column}`;
}

/** A one-line error about an input, at an offset of its original text (or, with `folded`, of its folded text). */
export function errorAt(item: { label: string; text: string }, folded: Folded | undefined, at: number, message: string): InputError {
  return new InputError(message, { source: item.label, ...lineColumn(item.text, folded ? originalOffset(folded, at) : at) });
}
