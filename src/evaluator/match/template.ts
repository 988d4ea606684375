import type { PatternPiece } from './wildcard.js';

/**
 * Text from a policy that may hold policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`)
 * and the special characters `${*}`, `${?}`, `${$}`. Parsed once; resolved per request.
 * See IAM User Guide, "IAM policy elements: Variables and tags".
 */
export type TemplatePiece = PatternPiece | { variable: string; fallback?: string };

export interface Template {
  text: string;
  pieces: TemplatePiece[];
  hasVariables: boolean;
}

const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/**
 * Splits `text` into literal, wildcard and variable pieces. With `variables: false` (policy Version
 * 2008-10-17, or an operator that does not take variables) `${...}` is literal text, as AWS treats it.
 * `wildcards: false` keeps `*` and `?` literal (for StringEquals and the like).
 */
export function parseTemplate(text: string, options: { variables: boolean; wildcards: boolean }): Template {
  const pieces: TemplatePiece[] = [];
  let lit = '';
  let hasVariables = false;
  const pushLit = () => {
    if (lit) pieces.push({ literal: lit });
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (options.variables && ch === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end > 0) {
        const inner = text.slice(i + 2, end);
        const special = SPECIAL[inner];
        if (special !== undefined) {
          lit += special; // ${*} is a literal star, never a wildcard
        } else {
          const m = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
          if (m) {
            pushLit();
            pieces.push(m[2] !== undefined ? { variable: m[1]!, fallback: m[2] } : { variable: m[1]! });
            hasVariables = true;
          } else lit += text.slice(i, end + 1);
        }
        i = end;
        continue;
      }
    }
    if (options.wildcards && (ch === '*' || ch === '?')) {
      pushLit();
      pieces.push({ wildcard: ch });
    } else lit += ch;
  }
  pushLit();
  return { text, pieces, hasVariables };
}

/** Looks up a variable's single value; undefined when the key is absent or multivalued. */
export type VariableLookup = (key: string) => string | undefined;

/**
 * Substitutes variables. Returns undefined when a variable has no value and no default: AWS then
 * treats the element as not matching (see docs/aws-semantics.md, policy variables).
 */
export function resolveTemplate(t: Template, lookup: VariableLookup): { pieces: PatternPiece[]; unresolved?: string } {
  if (!t.hasVariables) return { pieces: t.pieces as PatternPiece[] };
  const out: PatternPiece[] = [];
  for (const p of t.pieces) {
    if ('variable' in p) {
      const v = lookup(p.variable) ?? p.fallback;
      if (v === undefined) return { pieces: [], unresolved: p.variable };
      out.push({ literal: v });
    } else out.push(p);
  }
  return { pieces: out };
}

/** The literal text of resolved pieces (for operators without wildcards). */
export function piecesText(pieces: PatternPiece[]): string {
  let s = '';
  for (const p of pieces) s += 'literal' in p ? p.literal : p.wildcard;
  return s;
}

/** Splits ARN text on its first five colons, ignoring colons inside `${...}`. */
export function splitArnSegments(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length && parts.length < 5; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === ':' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
