import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Data flows one way: cli → load → evaluate/explain → render. The evaluator is pure: no I/O. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('import directions', () => {
  it('src/evaluator imports only the model, itself and pure libraries', () => {
    for (const f of files('src/evaluator')) {
      for (const spec of imports(f)) {
        const ok = spec.startsWith('.') ? !/\/(load|cli|render|explain|parse|json)\//.test(`/${relative('src', join(f, '..', spec))}/`) : spec === 'ipaddr.js';
        expect(ok, `${f} imports ${spec}`).toBe(true);
      }
    }
  });

  it('only src/cli touches the process, and only main.ts exits', () => {
    for (const f of files('src')) {
      const text = readFileSync(f, 'utf8');
      if (!f.startsWith(join('src', 'cli'))) expect(/process\.(exit|stdout|stderr|argv)/.test(text), f).toBe(false);
      if (f !== join('src', 'cli', 'main.ts')) expect(/process\.exit(Code)?\b/.test(text), f).toBe(false);
    }
  });

  it('render/ makes no decisions: from the evaluator it uses only the shared wording', () => {
    for (const f of files('src/render')) {
      for (const spec of imports(f)) {
        if (spec.includes('/evaluator/')) expect(spec, f).toMatch(/\/evaluator\/describe\.js$/);
      }
    }
  });
});
