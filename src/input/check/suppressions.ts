import type { SuppressionRule } from '../../model/check.js';

/**
 * An inline suppression: a `#` (YAML) or `//` (TypeScript) comment `policy-why-ignore RULE[, RULE…] -- REASON`.
 * The reason is required; a comment without one, or naming no rule, is kept with an empty reason or rule
 * list so the check can report it (`suppression-invalid`) instead of silently suppressing.
 */
const COMMENT = /(?:#|\/\/)\s*policy-why-ignore\b(.*)$/;

/** Every inline suppression in a file's text, in line order. JSON has no comments, so a JSON file has none. */
export function inlineSuppressions(file: string, text: string): SuppressionRule[] {
  if (!text.includes('policy-why-ignore')) return [];
  const out: SuppressionRule[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, line] of lines.entries()) {
    const m = COMMENT.exec(line);
    if (!m) continue;
    const rest = m[1]!;
    const sep = rest.indexOf('--');
    const names = (sep === -1 ? rest : rest.slice(0, sep)).trim();
    const reason = sep === -1 ? '' : rest.slice(sep + 2).trim();
    const rules = names === '' ? [] : names.split(/\s*,\s*|\s+/).filter(Boolean);
    const column = m.index + 1;
    out.push({ kind: 'inline', rules, reason, file, span: { line: i + 1, column, endLine: i + 1, endColumn: line.length + 1 } });
  }
  return out;
}
