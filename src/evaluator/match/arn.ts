import type { Arn } from '../../iam/arn.js';

export type { Arn };
import { compilePieces, type PatternPiece, type WildcardMatcher } from './wildcard.js';
import { parseTemplate, resolveTemplate, splitArnSegments, type Template, type VariableLookup } from './template.js';

/**
 * An ARN pattern from a Resource element or an Arn* condition, compiled once. Each of the six parts is
 * matched on its own (a wildcard does not spill into the next part); in the resource part `*` crosses `/`.
 * ARNs are case-sensitive. A pattern that is not six parts long is matched against the whole text.
 */
export interface ArnPattern {
  text: string;
  hasVariables: boolean;
  /** Tests a request ARN (already parsed, or raw text when it is not an ARN). */
  test(arn: Arn | null, raw: string, lookup: VariableLookup): { matched: boolean; unresolved?: string };
}

export function compileArnPattern(text: string, options: { variables: boolean; resourceElement?: boolean }): ArnPattern {
  if (text === '*') return { text, hasVariables: false, test: () => ({ matched: true }) };
  const segments = splitArnSegments(text);
  // "When you specify an incomplete ARN (one with fewer than the standard six fields) in an
  // identity-based policy, AWS automatically completes the ARN by adding wildcard characters (*) to all
  // missing fields" (IAM User Guide, "IAM identifiers"): `arn:aws:sqs` is `arn:aws:sqs:*:*:*`.
  if (options.resourceElement && segments[0] === 'arn' && segments.length >= 3 && segments.length < 6) {
    while (segments.length < 6) segments.push('*');
  }
  // "You can use a policy variable in the Resource element, but only in the resource portion of the ARN
  // ... You can't use a variable to replace parts of the ARN before the fifth colon" (IAM User Guide,
  // policy variables): before it, `${...}` is plain text.
  const templates = segments.map((s, i) => parseTemplate(s, { variables: options.variables && (i >= 5 || !options.resourceElement), wildcards: true }));
  const hasVariables = templates.some((t) => t.hasVariables);
  const whole = segments.length !== 6;
  const wholeTemplate = whole ? parseTemplate(text, { variables: options.variables, wildcards: true }) : undefined;
  // Without variables the matchers are built once here; with variables they depend on the request.
  const fixed = hasVariables ? undefined : buildMatchers(templates, wholeTemplate, () => undefined);
  // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond
  // the colon boundaries" (IAM User Guide, "IAM JSON policy elements: Resource"). Arn* condition
  // operators check "each of the six colon-delimited components separately", so this is for Resource only.
  const crossing = options.resourceElement === true && !whole && segments.slice(0, 5).some((seg) => seg.endsWith('*'));

  return {
    text,
    hasVariables,
    test(arn, raw, lookup) {
      const m = fixed ?? buildMatchers(templates, wholeTemplate, lookup);
      if ('unresolved' in m) return { matched: false, unresolved: m.unresolved };
      if (m.whole) return { matched: m.whole.test(raw) };
      const [p0, p1, p2, p3, p4, p5] = m.parts!;
      const segmentWise =
        arn !== null &&
        p0!.test('arn') &&
        p1!.test(arn.partition) &&
        p2!.test(arn.service) &&
        p3!.test(arn.region) &&
        p4!.test(arn.account) &&
        p5!.test(arn.resource);
      if (segmentWise || !crossing) return { matched: segmentWise };
      // A segment-ending `*` may run past colons: only consulted when the segment-wise match fails. The
      // parts are resolved piece by piece, so `${*}`, `${?}` and variable values stay literal.
      const pieces: PatternPiece[] = [];
      for (const [i, t] of templates.entries()) {
        const r = resolveTemplate(t, lookup);
        if (r.unresolved) return { matched: false, unresolved: r.unresolved };
        if (i > 0) pieces.push({ literal: ':' });
        pieces.push(...r.pieces);
      }
      return { matched: matchCrossing(pieces, raw) };
    },
  };
}

/**
 * ARN matching where a `*` that ends one of the first five parts may also match colons, and in the
 * resource part `*` and `?` match anything. A set-of-states simulation: O(text × pattern), no
 * backtracking.
 */
function matchCrossing(pieces: PatternPiece[], text: string): boolean {
  type Tok = { kind: 'lit'; ch: string } | { kind: '?'; colon: boolean } | { kind: '*'; colon: boolean };
  // Flatten to one token per character; only wildcard pieces are wildcards.
  const flat: ({ lit: string } | { wild: '*' | '?' })[] = [];
  for (const p of pieces) {
    if ('literal' in p) for (const ch of p.literal) flat.push({ lit: ch });
    else flat.push({ wild: p.wildcard });
  }
  const toks: Tok[] = [];
  let colons = 0;
  for (let i = 0; i < flat.length; i++) {
    const f = flat[i]!;
    const inResource = colons >= 5;
    if ('wild' in f) {
      const next = flat[i + 1];
      if (f.wild === '*') toks.push({ kind: '*', colon: inResource || next === undefined || ('lit' in next && next.lit === ':') });
      else toks.push({ kind: '?', colon: inResource });
    } else {
      if (f.lit === ':') colons++;
      toks.push({ kind: 'lit', ch: f.lit });
    }
  }
  const n = toks.length;
  const close = (states: Set<number>): Set<number> => {
    for (const s of states) if (s < n && toks[s]!.kind === '*') states.add(s + 1);
    return states;
  };
  let states = close(new Set([0]));
  for (const ch of text) {
    const next = new Set<number>();
    for (const s of states) {
      if (s >= n) continue;
      const t = toks[s]!;
      if (t.kind === 'lit') {
        if (t.ch === ch) next.add(s + 1);
      } else if (t.kind === '?') {
        if (t.colon || ch !== ':') next.add(s + 1);
      } else if (t.colon || ch !== ':') next.add(s);
    }
    states = close(next);
    if (!states.size) return false;
  }
  return states.has(n);
}

type Built = { whole?: WildcardMatcher; parts?: WildcardMatcher[] } | { unresolved: string };

function buildMatchers(templates: Template[], whole: Template | undefined, lookup: VariableLookup): Built {
  if (whole) {
    const r = resolveTemplate(whole, lookup);
    if (r.unresolved) return { unresolved: r.unresolved };
    return { whole: compilePieces(r.pieces, whole.text) };
  }
  const parts: WildcardMatcher[] = [];
  for (const t of templates) {
    const r = resolveTemplate(t, lookup);
    if (r.unresolved) return { unresolved: r.unresolved };
    parts.push(compilePieces(r.pieces, t.text));
  }
  return { parts };
}
