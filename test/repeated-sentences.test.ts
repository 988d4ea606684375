import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No sentence is printed twice (issue 9, part 5): over every sample's text output (the goldens, which
 * test/samples.test.ts keeps equal to what the CLI prints, in English and Korean), a line of prose must not
 * repeat, whole or inside another line. Headings and labels are not prose: a line ending in `:`, the label
 * before a short `Label: ` prefix, table columns before the last, and anything naming a file position.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(root, 'samples');

/** The prose of one output line: without indentation, marker (✓ ✗ ! - 1.), leading columns and a short label. */
function prose(line: string): string {
  let s = line.trim().replace(/^(?:[✓✗!-]|\d+\.|and|그리고)\s+/u, '');
  const columns = s.split(/\s{2,}/);
  if (columns.length > 1) s = columns[columns.length - 1]!;
  const label = /^([^:]{1,40}?): (.+)$/u.exec(s);
  if (label && label[1]!.split(' ').length <= 4) s = label[2]!;
  return s;
}

const isProse = (s: string) => s.split(/\s+/).length >= 5 && !s.endsWith(':') && !/\.json(?:\)|[^:]*)?:\d+:\d+/.test(s);

/** `a` inside `b`, not as the start of a longer word or name (`s3:PutObject` in `s3:PutObjectAcl`). */
function contains(b: string, a: string): boolean {
  for (let i = b.indexOf(a); i >= 0; i = b.indexOf(a, i + 1)) if (!/[\w:/*-]/.test(b.charAt(i + a.length))) return true;
  return false;
}

/** Each repeated sentence, with the line numbers (1-based, in the output) where it is said. */
function repeatedSentences(output: string): string[] {
  // Line 1 of a golden is the command; the last is the exit code.
  const lines = output.split('\n').slice(1);
  const units = lines.flatMap((l, n) => (l.trim() && !l.startsWith('        ') ? [{ n: n + 2, text: prose(l) }] : []));
  const out: string[] = [];
  for (const a of units) {
    if (!isProse(a.text)) continue;
    for (const b of units) if (b.n !== a.n && contains(b.text, a.text)) out.push(`line ${a.n} is said again in line ${b.n}: ${a.text}`);
  }
  return out;
}

// `check-*` samples are `policy-why check` reports: one line per finding per file, where the same problem in
// two files, or the same "read as" label on two files, is said once for each by design.
const goldens = readdirSync(samplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('check-'))
  .flatMap((d) =>
    readdirSync(join(samplesDir, d.name))
      .filter((f) => f.endsWith('.expected.txt') || f.endsWith('.expected.ko.txt'))
      .map((f) => `${d.name}/${f}`),
  )
  .sort();

describe('no sentence printed twice', () => {
  it('the check finds a repeated sentence, inside a longer line too', () => {
    const output = [
      '$ policy-why …',
      'ExplicitDeny  s3:GetObject on arn:aws:s3:::b/k',
      'Why: explicitly denied by requester pays: the bucket is Requester Pays and the request does not carry the header',
      'Denied by:',
      '  ✗ requester pays: the bucket is Requester Pays and the request does not carry the header',
      '  ✗ no identity-based policy allows s3:PutObjectAcl here today',
      '  ✗ no identity-based policy allows s3:PutObject',
      'exit code: 1',
    ].join('\n');
    expect(repeatedSentences(output)).toEqual(['line 5 is said again in line 3: the bucket is Requester Pays and the request does not carry the header']);
  });

  it('finds the sample goldens', () => expect(goldens.length).toBeGreaterThan(40));

  it.each(goldens)('%s', (name) => {
    expect(repeatedSentences(readFileSync(join(samplesDir, name), 'utf8'))).toEqual([]);
  });
});
