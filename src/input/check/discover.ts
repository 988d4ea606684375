import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { InputError } from '../../model/errors.js';
import { byCodeUnits } from '../../iam/order.js';

/** Folders never walked: version control and installed packages. */
const NEVER_WALKED = new Set(['.git', 'node_modules']);

/** A file `check` will read: its path, and its name as shown (relative to the working directory, forward slashes). */
export interface Discovery {
  path: string;
  shownAs: string;
  /** True when the file was named on the command line (not found by walking a folder or matching a glob). */
  named: boolean;
}

/** Forward-slash path relative to `cwd` (the form SARIF and the baseline need on every system). */
function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/**
 * The files named by `patterns`: a file is itself, a folder is every file under it, anything else is a glob
 * (minimatch, matched against paths relative to `cwd`). Files ignored by the `.gitignore` files of the
 * folders walked are left out (a file named on the command line is read whatever .gitignore says), and so
 * are `exclude` globs. Sorted, each once.
 */
export function discoverFiles(patterns: readonly string[], cwd: string, exclude: readonly string[] = []): Discovery[] {
  const found = new Map<string, Discovery>();
  const excluded = (shown: string) => exclude.some((g) => minimatch(shown, g, { dot: true }));
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    if (existsSync(path) && statSync(path).isFile()) {
      found.set(path, { path, shownAs: shownPath(cwd, path), named: true });
      continue;
    }
    const isDir = existsSync(path) && statSync(path).isDirectory();
    const matcher = isDir ? undefined : pattern.split(sep).join('/');
    if (!isDir && !/[*?[\]{}]/.test(pattern)) throw new InputError('no such file or folder', { source: pattern });
    const root = isDir ? path : cwd;
    for (const file of walk(root, cwd)) {
      const shown = shownPath(cwd, file);
      if (matcher !== undefined && !minimatch(shown, matcher, { dot: true })) continue;
      if (excluded(shown) || found.has(file)) continue;
      found.set(file, { path: file, shownAs: shown, named: false });
    }
  }
  return [...found.values()].sort((a, b) => byCodeUnits(a.shownAs, b.shownAs));
}

/** Every file under `dir`, honouring the `.gitignore` of `cwd` and of every folder walked. */
function walk(dir: string, cwd: string): string[] {
  const out: string[] = [];
  const rules: { base: string; ig: Ignore }[] = [];
  const rootIgnore = join(cwd, '.gitignore');
  if (existsSync(rootIgnore)) rules.push({ base: cwd, ig: ignore().add(readFileSync(rootIgnore, 'utf8')) });
  const ignored = (path: string, isDir: boolean) =>
    rules.some(({ base, ig }) => {
      const rel = relative(base, path).split(sep).join('/');
      return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? `${rel}/` : rel);
    });
  const visit = (d: string, depth: number) => {
    const own = join(d, '.gitignore');
    const pushed = d !== cwd && existsSync(own);
    if (pushed) rules.push({ base: d, ig: ignore().add(readFileSync(own, 'utf8')) });
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!NEVER_WALKED.has(entry.name) && !ignored(p, true) && depth < 64) visit(p, depth + 1);
      } else if (entry.isFile() && !ignored(p, false)) out.push(p);
    }
    if (pushed) rules.pop();
  };
  visit(dir, 0);
  return out;
}
