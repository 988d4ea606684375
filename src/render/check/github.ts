import type { CheckFinding, CheckResult } from '../../model/check.js';
import type { Severity } from '../../model/diagnostic.js';
import { summaryLine, type CheckRenderOptions } from './text.js';

/** The workflow command of each severity. */
const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step (and 50 per job). */
export const ANNOTATIONS_PER_KIND = 10;

/** A command's message: `%`, CR and LF escaped (@actions/core `escapeData`). */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A command property's value: also `:` and `,`, which end it (@actions/core `escapeProperty`). */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One annotation. Columns are sent only for a one-line span (GitHub ignores them otherwise); `endColumn` is the
 * last character's column, as the editor shows it (our spans end after it).
 */
function annotation(f: CheckFinding, lang: CheckRenderOptions['words']['lang']): string {
  const { span } = f;
  const props = [`file=${escapeProperty(f.file)}`, `line=${span.line}`, `endLine=${span.endLine}`];
  if (span.line === span.endLine) props.push(`col=${span.column}`, `endColumn=${Math.max(span.column, span.endColumn - 1)}`);
  props.push(`title=${escapeProperty(f.rule)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message[lang])}`;
}

/**
 * GitHub Actions annotations (`::error file=…,line=…::message`), errors first, then warnings, then notices,
 * each in report order and at most 10 of a kind (GitHub drops the rest); when findings are left out, a last
 * notice says how many and where to see them. Suppressed findings are not annotated. Then the summary line.
 */
export function renderCheckGithub(result: CheckResult, options: CheckRenderOptions): string {
  const { words: w } = options;
  const open = result.findings.filter((f) => !f.suppressed);
  const byKind = (kind: 'error' | 'warning' | 'notice') => open.filter((f) => COMMAND[f.severity] === kind);
  const kinds = [byKind('error'), byKind('warning'), byKind('notice')];
  let left = kinds.reduce((n, k) => n + Math.max(0, k.length - ANNOTATIONS_PER_KIND), 0);
  // The note about what was left out is a notice itself: it takes the last notice's place.
  if (left > 0 && kinds[2]!.length >= ANNOTATIONS_PER_KIND) left++;
  const limits = [ANNOTATIONS_PER_KIND, ANNOTATIONS_PER_KIND, left > 0 ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND];
  const shown = kinds.flatMap((k, i) => k.slice(0, limits[i]));
  const out = shown.map((f) => annotation(f, w.lang));
  if (left > 0) out.push(`::notice title=policy-why::${escapeData(w.check.annotationsLeftOut({ left, shown: shown.length }))}`);
  out.push(summaryLine(result, w).text);
  return `${out.join('\n')}\n`;
}
