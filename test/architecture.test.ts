// The layer rules of ARCHITECTURE.md, checked on the source (eslint enforces them too, while editing).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');
const SURFACES = ['cli', 'mcp', 'http', 'exec', 'schedule', 'hooks', 'bench'];
/** Layer -> layers it may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  store: ['core'],
  state: ['core'],
  obs: ['core'],
  app: ['core', 'store', 'state', 'obs'],
  // The CLI is the process entry point: `concord mcp` and `concord serve` start the other surfaces.
  cli: ['core', 'app', 'obs', 'mcp', 'http', 'hooks', 'schedule'],
  mcp: ['core', 'app', 'obs'],
  http: ['core', 'app', 'obs', 'mcp', 'hooks'],
  hooks: ['core', 'app', 'obs', 'state'],
  exec: ['core', 'app', 'obs', 'state'],
  schedule: ['core', 'app', 'obs', 'state'],
  bench: ['core', 'app', 'obs', 'store', 'state', 'cli', 'mcp'],
};
const CORE_PACKAGES = new Set(['zod']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  const all = files(SRC);

  it('has every source file in a known layer', () => {
    for (const f of all) expect(Object.keys(ALLOWED), f).toContain(path.relative(SRC, f).split(path.sep)[0]);
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
