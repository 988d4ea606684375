import type { CheckFinding, CheckResult, RuleMeta } from '../../model/check.js';
import type { Words } from '../../explain/index.js';
import { summaryLine, type CheckRenderOptions } from './text.js';

/**
 * Text as Markdown shows it literally, in a paragraph or a table cell: every character GitHub's Markdown acts on
 * inline is backslash-escaped (backticks included, so a backtick in a Sid can never open a code span with a later
 * one; `|` so it never ends a cell; `$` so two of them never become math), `<` and `&` too (no HTML, no entity),
 * and line breaks become spaces (a cell is one line).
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

/**
 * A rule's docs page as a link: under `docsBase` (the repository's address for its files, from package.json)
 * when it is known, else the page's path relative to the repository root.
 */
export function docsLink(rule: Pick<RuleMeta, 'docs'>, docsBase: string | undefined): string {
  return docsBase ? `${docsBase}${rule.docs}` : rule.docs;
}

/** A code span holding `text` exactly: fenced by more backticks than any run inside it (CommonMark). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r\n|\r|\n/g, ' ')}${pad}${fence}`;
}

/** HTML text (inside `<summary>`). */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const place = (f: CheckFinding) => `${f.span.line}:${f.span.column}`;

function ruleLink(f: CheckFinding, result: CheckResult, docsBase: string | undefined): string {
  const rule = result.rules.find((r) => r.id === f.rule);
  return rule ? `[${markdownText(f.rule)}](${encodeURI(docsLink(rule, docsBase))})` : markdownText(f.rule);
}

function fileSection(file: string, found: readonly CheckFinding[], result: CheckResult, options: CheckRenderOptions): string[] {
  const { words: w } = options;
  const c = w.check.column;
  const out = [`#### ${codeSpan(file)}`, ''];
  const guessed = result.files.find((f) => f.file === file)?.policies.filter((p) => p.typeFrom === 'inferred') ?? [];
  for (const p of guessed) out.push(markdownText(w.check.typeFrom({ type: w.policyType[p.policyType], evidence: 'inferred' })), '');
  out.push(`| ${c.line} | ${c.severity} | ${c.rule} | ${c.message} |`, '| ---: | --- | --- | --- |');
  for (const f of found)
    out.push(`| ${place(f)} | ${w.check.severity[f.severity]} | ${ruleLink(f, result, options.tool.docsBase)} | ${markdownText(f.message[w.lang])} |`);
  out.push('');
  return out;
}

function suppressedSection(suppressed: readonly CheckFinding[], result: CheckResult, options: CheckRenderOptions): string[] {
  if (!suppressed.length) return [];
  const w: Words = options.words;
  const c = w.check.column;
  return [
    '<details>',
    `<summary>${html(w.check.suppressedCount(suppressed.length))}</summary>`,
    '',
    `| ${c.file} | ${c.line} | ${c.rule} | ${c.message} | ${c.reason} |`,
    '| --- | ---: | --- | --- | --- |',
    ...suppressed.map(
      (f) =>
        `| ${markdownText(f.file)} | ${place(f)} | ${ruleLink(f, result, options.tool.docsBase)} | ${markdownText(f.message[w.lang])} | ${markdownText(
          f.suppressed ? w.check.suppressed(f.suppressed) : '',
        )} |`,
    ),
    '',
    '</details>',
    '',
  ];
}

/**
 * The Markdown report of `check`, for a pull request comment or the job summary: the summary line, one table per
 * file (line, severity, the rule linked to its docs page, the message), and the suppressed findings folded away.
 * Every piece of user text is escaped, so a `|` or a backtick in a Sid cannot break the table.
 */
export function renderCheckMarkdown(result: CheckResult, options: CheckRenderOptions): string {
  const { words: w } = options;
  const out = ['### policy-why check', '', `**${markdownText(summaryLine(result, w).text)}**`, ''];
  const byFile = new Map<string, CheckFinding[]>();
  for (const f of result.findings) if (!f.suppressed) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, found] of byFile) out.push(...fileSection(file, found, result, options));
  out.push(
    ...suppressedSection(
      result.findings.filter((f) => f.suppressed),
      result,
      options,
    ),
  );
  out.push(`<sub>${html(w.check.serviceData(result.serviceDataDate))}</sub>`);
  return `${out.join('\n')}\n`;
}
