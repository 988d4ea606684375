/**
 * IAM wildcard matching: `*` matches any run of characters (including `/` and `:`), `?` exactly one.
 * Nothing else is special (no braces, classes or escapes), unlike shell globs.
 *
 * Matching is greedy over the literal chunks between stars, leftmost first, which is correct for
 * `*`-only patterns and never backtracks: cost is bounded by O(text × pattern) in the worst case with
 * `?` inside chunks and is linear (indexOf) otherwise. No regular expressions, so no catastrophic
 * backtracking on patterns like `a*a*a*a*b`.
 */

/** A piece of a pattern: literal text, or a wildcard. Policy variables expand into literal pieces. */
export type PatternPiece = { literal: string } | { wildcard: '*' | '?' };

interface Chunk {
  text: string;
  /** Positions holding `?`, or null when the chunk is all literal (then indexOf does the search). */
  any: boolean[] | null;
}

export interface WildcardMatcher {
  readonly pattern: string;
  test(input: string): boolean;
}

/** Splits pattern text into pieces where `*` and `?` are wildcards. */
function piecesOf(pattern: string): PatternPiece[] {
  const out: PatternPiece[] = [];
  let lit = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (lit) out.push({ literal: lit });
      lit = '';
      out.push({ wildcard: ch });
    } else lit += ch;
  }
  if (lit) out.push({ literal: lit });
  return out;
}

export function compileWildcard(pattern: string, options: { ignoreCase?: boolean } = {}): WildcardMatcher {
  return compilePieces(piecesOf(pattern), pattern, options);
}

export function compilePieces(pieces: PatternPiece[], display: string, options: { ignoreCase?: boolean } = {}): WildcardMatcher {
  const ignoreCase = options.ignoreCase === true;
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  // Build chunks separated by stars.
  const chunks: Chunk[] = [];
  let current: { text: string; any: boolean[]; hasAny: boolean } = { text: '', any: [], hasAny: false };
  let stars = 0;
  const flush = () => {
    chunks.push({ text: current.text, any: current.hasAny ? current.any : null });
    current = { text: '', any: [], hasAny: false };
  };
  for (const p of pieces) {
    if ('literal' in p) {
      const t = norm(p.literal);
      // Iterate by UTF-16 unit so that indices line up with String#charCodeAt on the input.
      for (let i = 0; i < t.length; i++) current.any.push(false);
      current.text += t;
    } else if (p.wildcard === '?') {
      current.text += '?';
      current.any.push(true);
      current.hasAny = true;
    } else {
      flush();
      stars++;
    }
  }
  flush();

  if (stars === 0) {
    const only = chunks[0]!;
    if (only.any === null) {
      const exact = only.text;
      return { pattern: display, test: (s) => norm(s) === exact };
    }
    return {
      pattern: display,
      test: (s) => {
        const t = norm(s);
        return t.length === only.text.length && chunkAt(only, t, 0);
      },
    };
  }
  if (stars === pieces.length && pieces.length > 0) return { pattern: display, test: () => true };

  const first = chunks[0]!;
  const last = chunks[chunks.length - 1]!;
  const middle = chunks.slice(1, -1).filter((c) => c.text.length > 0);
  const minLength = chunks.reduce((n, c) => n + c.text.length, 0);
  return {
    pattern: display,
    test(input: string): boolean {
      const s = norm(input);
      if (s.length < minLength) return false;
      if (!chunkAt(first, s, 0)) return false;
      const lastStart = s.length - last.text.length;
      if (!chunkAt(last, s, lastStart)) return false;
      let pos = first.text.length;
      for (const c of middle) {
        const at = findChunk(c, s, pos, lastStart);
        if (at < 0) return false;
        pos = at + c.text.length;
      }
      return pos <= lastStart;
    },
  };
}

function chunkAt(c: Chunk, s: string, pos: number): boolean {
  if (c.any === null) return s.startsWith(c.text, pos);
  if (pos < 0 || pos + c.text.length > s.length) return false;
  for (let i = 0; i < c.text.length; i++) {
    if (!c.any[i] && s.charCodeAt(pos + i) !== c.text.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost start ≥ from where the chunk fits entirely before `limit`; -1 if none. */
function findChunk(c: Chunk, s: string, from: number, limit: number): number {
  if (c.any === null) {
    const at = s.indexOf(c.text, from);
    return at >= 0 && at + c.text.length <= limit ? at : -1;
  }
  for (let p = from; p + c.text.length <= limit; p++) if (chunkAt(c, s, p)) return p;
  return -1;
}
