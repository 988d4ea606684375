import { countFindings, type CheckFinding, type CheckResult } from '../../model/check.js';
import type { Words } from '../../explain/index.js';

/** What the reporters say about policy-why itself (SARIF's tool): data the CLI reads from package.json, never read here. */
export interface CheckTool {
  /** policy-why's version (package.json `version`). */
  version: string;
  /** The project's home page (from package.json `repository`), when it is known. */
  informationUri?: string;
  /** The address rule docs paths (`docs/rules/<id>.md`) are appended to; unknown → links stay repository-relative. */
  docsBase?: string;
}

export interface CheckRenderOptions {
  color: boolean;
  words: Words;
  tool: CheckTool;
}

const PALETTE = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' } as const;

/**
 * The terminal report of `check`, grouped by file (ESLint's stylish layout): each finding's line:column,
 * severity, message and rule id, then the line with a caret under the element. Only lays out.
 */
export function renderCheckText(result: CheckResult, options: CheckRenderOptions): string {
  const { words: w } = options;
  const paint = (code: keyof typeof PALETTE, text: string) => (options.color ? `${PALETTE[code]}${text}${PALETTE.reset}` : text);
  const out: string[] = [];
  const byFile = new Map<string, CheckFinding[]>();
  for (const f of result.findings) if (!f.suppressed) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const file of result.files) {
    const found = byFile.get(file.file);
    const guessed = file.policies.filter((p) => p.typeFrom !== 'container');
    if (!found && !guessed.some((p) => p.typeFrom === 'inferred')) continue;
    out.push(paint('bold', file.file));
    for (const p of guessed)
      out.push(`  ${paint('dim', w.check.typeFrom({ type: w.policyType[p.policyType], evidence: p.typeFrom as 'config' | 'filename' | 'inferred' }))}`);
    for (const f of found ?? []) {
      out.push(`  ${f.span.line}:${f.span.column}  ${paint(f.severity, w.check.severity[f.severity])}  ${f.message[w.lang]}  ${paint('dim', f.rule)}`);
      out.push(...frame(f));
    }
    out.push('');
  }
  const summary = summaryLine(result, w);
  out.push(summary.total ? paint(summary.errors ? 'error' : 'warning', summary.text) : summary.text);
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  if (suppressed) out.push(paint('dim', w.check.suppressedCount(suppressed)));
  out.push(paint('dim', w.check.serviceData(result.serviceDataDate)));
  return `${out.join('\n')}\n`;
}

/** The summary line of every reporter: counts of unsuppressed findings, files and policies read. */
export function summaryLine(result: CheckResult, w: Words): { text: string; total: number; errors: number } {
  const counts = countFindings(result);
  const policies = result.files.reduce((n, f) => n + f.policies.length, 0);
  const total = counts.error + counts.warning + counts.info;
  const text = total
    ? w.check.summary({ errors: counts.error, warnings: counts.warning, infos: counts.info, files: result.files.length, policies })
    : w.check.noFindings({ files: result.files.length, policies });
  return { text, total, errors: counts.error };
}

/** The finding's line and a caret under its columns (on that line). */
function frame(f: CheckFinding): string[] {
  if (!f.excerpt) return [];
  const gutter = `    ${f.span.line} | `;
  const start = Math.max(0, f.span.column - f.excerpt.from);
  const end = f.span.endLine === f.span.line ? Math.max(start + 1, f.span.endColumn - f.excerpt.from) : f.excerpt.text.length;
  const pad = f.excerpt.text.slice(0, start).replace(/[^\t]/g, ' ');
  return [`${gutter}${f.excerpt.text}`, `${' '.repeat(gutter.length - 2)}| ${pad}${'^'.repeat(Math.max(1, Math.min(end, f.excerpt.text.length) - start))}`];
}
