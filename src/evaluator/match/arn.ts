import { compilePieces, type WildcardMatcher } from './wildcard.js';
import { parseTemplate, resolveTemplate, splitArnSegments, type Template, type VariableLookup } from './template.js';

/** An ARN split into its six parts. The resource part may itself hold colons and slashes. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; null when the text is not an ARN. */
export function parseArn(text: string): Arn | null {
  const parts = splitPlain(text);
  if (parts.length !== 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return null;
  return { partition: parts[1], service: parts[2], region: parts[3]!, account: parts[4]!, resource: parts[5]! };
}

function splitPlain(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && parts.length < 5; i++) {
    if (text.charCodeAt(i) === 58) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

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

export function compileArnPattern(text: string, options: { variables: boolean }): ArnPattern {
  if (text === '*') return { text, hasVariables: false, test: () => ({ matched: true }) };
  const segments = splitArnSegments(text);
  const templates = segments.map((s) => parseTemplate(s, { variables: options.variables, wildcards: true }));
  const hasVariables = templates.some((t) => t.hasVariables);
  const whole = segments.length !== 6;
  const wholeTemplate = whole ? parseTemplate(text, { variables: options.variables, wildcards: true }) : undefined;
  // Without variables the matchers are built once here; with variables they depend on the request.
  const fixed = hasVariables ? undefined : buildMatchers(templates, wholeTemplate, () => undefined);

  return {
    text,
    hasVariables,
    test(arn, raw, lookup) {
      const m = fixed ?? buildMatchers(templates, wholeTemplate, lookup);
      if ('unresolved' in m) return { matched: false, unresolved: m.unresolved };
      if (m.whole) return { matched: m.whole.test(raw) };
      if (!arn) return { matched: false };
      const [p0, p1, p2, p3, p4, p5] = m.parts!;
      return {
        matched:
          p0!.test('arn') && p1!.test(arn.partition) && p2!.test(arn.service) && p3!.test(arn.region) &&
          p4!.test(arn.account) && p5!.test(arn.resource),
      };
    },
  };
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
