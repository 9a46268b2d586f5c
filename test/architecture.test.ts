// The layer rules of ARCHITECTURE.md checked on the source, ESLint's agreement with them, and no import cycles.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// The one table of allowed imports: ESLint enforces it while editing, this test on the whole source.
import { ALLOWED } from '../eslint.config.js';

const SRC = path.resolve(import.meta.dirname, '../src');
const SURFACES = ['cli', 'mcp', 'http', 'exec', 'schedule', 'hooks', 'bench', 'fleet'];
const LAYERS = Object.keys(ALLOWED);
const CORE_PACKAGES = new Set(['zod']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
}

/** `import`/`export ... from` specifiers (type-only ones too): what the module graph is made of. */
function staticImports(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Groups of modules that import each other in a loop (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  const all = files(SRC);

  it('has every source file in a known layer', () => {
    for (const f of all) expect(LAYERS, f).toContain(path.relative(SRC, f).split(path.sep)[0]);
  });

  it('imports only in the allowed direction', () => {
    const violations: string[] = [];
    for (const f of all) {
      const layer = path.relative(SRC, f).split(path.sep)[0]!;
      for (const spec of imports(f)) {
        if (spec.startsWith('.')) {
          const target = path.relative(SRC, path.resolve(path.dirname(f), spec)).split(path.sep)[0]!;
          if (target !== layer && !ALLOWED[layer]!.includes(target)) violations.push(`${path.relative(SRC, f)} -> ${spec}`);
        } else if (layer === 'core' && !CORE_PACKAGES.has(spec.split('/')[0]!)) {
          violations.push(`${path.relative(SRC, f)} -> ${spec} (core depends on zod only)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has ESLint refuse exactly the imports the table forbids, from every layer to every layer', async () => {
    // Only the layer rule matters here; the cycle rule would resolve every fake import for nothing.
    const eslint = new ESLint({ cwd: path.resolve(SRC, '..'), overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });
    const disagreements: string[] = [];
    for (const layer of LAYERS) {
      for (const target of LAYERS.filter((l) => l !== layer)) {
        for (const [from, spec] of [[`${layer}/x.ts`, `../${target}/y.js`], [`${layer}/a/b/x.ts`, `../../../${target}/y.js`]] as const) {
          const [result] = await eslint.lintText(`import { y } from '${spec}';\nexport const x = y;\n`, { filePath: path.join(SRC, from) });
          const refused = result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
          if (refused === ALLOWED[layer]!.includes(target)) disagreements.push(`src/${from} -> ${spec}: ESLint ${refused ? 'refuses' : 'allows'} it, the table ${refused ? 'allows' : 'forbids'} it`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('has no import cycles, counting type-only imports (ESLint import-x/no-cycle catches value cycles while editing)', () => {
    const graph = new Map<string, string[]>();
    for (const f of all) {
      const targets = staticImports(f)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.resolve(path.dirname(f), spec).replace(/\.js$/, '.ts'));
      graph.set(path.relative(SRC, f), targets.filter((t) => fs.existsSync(t)).map((t) => path.relative(SRC, t)));
    }
    expect(cycles(graph)).toEqual([]);
    // The check itself: a loop of two modules is found.
    expect(cycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
  });

  it('keeps surfaces away from the store and the state database', () => {
    for (const f of all.filter((x) => ['cli', 'mcp', 'http'].includes(path.relative(SRC, x).split(path.sep)[0]!))) {
      for (const spec of imports(f)) expect(spec, f).not.toMatch(/\/(store|state)\//);
    }
  });

  it('exits the process in one place only', () => {
    const exits = all.filter((f) => /process\.exit\(|process\.exitCode\s*=/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(exits).toEqual([path.join('cli', 'main.ts')]);
  });

  it('reads environment variables in one place only', () => {
    const readers = all.filter((f) => /process\.env\b/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(readers.filter((f) => f !== path.join('app', 'environment.ts') && f !== path.join('cli', 'main.ts'))).toEqual([]);
  });

  it.each(SURFACES)('surface %s holds no import of yaml or better-sqlite3', (surface) => {
    for (const f of all.filter((x) => path.relative(SRC, x).startsWith(surface + path.sep))) {
      for (const spec of imports(f)) expect(spec, f).not.toMatch(/^(yaml|better-sqlite3)$/);
    }
  });
});
