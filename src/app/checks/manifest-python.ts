// Python: pyproject.toml (PEP 621 and Poetry), requirements files, and the locks of Poetry and uv.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeclaredNeed } from '../../core/checks/discovery.js';
import { normalizePythonName, parseRequirement, pinnedVersion } from '../../core/checks/requirements.js';
import { poetryToPep440 } from '../../core/checks/version-syntax.js';
import { asArray, asObject, asString, emptyFindings, type Json, type ManifestFindings, readStructured, readText } from './manifest-files.js';

const DEV_GROUP = /dev|test|lint|doc|type|check/i;
/** `requirements.txt`, `requirements-prod.txt`, `dev-requirements.txt`, `requirements/base.txt`: pip's files. */
const REQUIREMENTS_FILE = /^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.txt$/i;
const DEV_FILE = /dev|test|lint|doc|type|check|ci/i;

/** The requirements files of a repo (its root and a `requirements/` folder), runtime ones first. */
async function requirementFiles(dir: string): Promise<[string, DeclaredNeed['kind']][]> {
  const list = async (sub: string) => (await fs.readdir(path.join(dir, sub)).catch(() => [] as string[])).filter((f) => sub ? f.endsWith('.txt') : REQUIREMENTS_FILE.test(f)).map((f) => path.posix.join(sub, f));
  const files = [...(await list('')), ...(await list('requirements'))].sort();
  const kind = (f: string): DeclaredNeed['kind'] => (DEV_FILE.test(f.replace(/requirements/gi, '')) ? 'development' : 'runtime');
  return files.map((f): [string, DeclaredNeed['kind']] => [f, kind(f)]).sort((a, b) => (a[1] === b[1] ? 0 : a[1] === 'runtime' ? -1 : 1));
}

export async function readPythonManifests(dir: string): Promise<ManifestFindings> {
  const out = emptyFindings();
  const py = await readStructured(dir, 'pyproject.toml', out.problems);
  const locks = await readLocks(dir, out.problems);
  const add = (name: string, range: string, kind: DeclaredNeed['kind'], manifest: string, pin?: string) => {
    const key = normalizePythonName(name);
    if (key === 'python' || out.needs.some((n) => n.name === key)) return;
    const lock = locks.get(key) ?? (pin ? { version: pin, file: manifest } : undefined);
    out.needs.push({ ecosystem: 'python', name: key, range, kind, manifest, ...(lock ? { locked: lock.version, lockfile: lock.file } : {}) });
  };

  if (py) {
    const project = asObject(py['project']);
    const poetry = asObject(asObject(py['tool'])?.['poetry']);
    const name = asString(project?.['name']) ?? asString(poetry?.['name']);
    const dynamic = asArray(project?.['dynamic']).includes('version');
    const version = (dynamic ? undefined : asString(project?.['version'])) ?? asString(poetry?.['version']);
    if (name) out.publishes.push({ ecosystem: 'python', name: normalizePythonName(name), ...(version ? { version } : {}), manifest: 'pyproject.toml' });
    if (version) out.version = { version, source: 'pyproject.toml', scheme: 'pep440', ...(name ? { package: normalizePythonName(name) } : {}) };

    const requirement = (text: unknown, kind: DeclaredNeed['kind']) => {
      const r = typeof text === 'string' ? parseRequirement(text) : undefined;
      if (r) add(r.name, r.url ? `@ ${r.url}` : r.specifier, kind, 'pyproject.toml');
    };
    for (const r of asArray(project?.['dependencies'])) requirement(r, 'runtime');
    for (const [group, list] of Object.entries(asObject(project?.['optional-dependencies']) ?? {})) for (const r of asArray(list)) requirement(r, DEV_GROUP.test(group) ? 'development' : 'runtime');
    for (const list of Object.values(asObject(py['dependency-groups']) ?? {})) for (const r of asArray(list)) requirement(r, 'development');

    const poetryDeps = (table: unknown, kind: DeclaredNeed['kind']) => {
      for (const [dep, spec] of Object.entries(asObject(table) ?? {})) {
        const raw = typeof spec === 'string' ? spec : asString(asObject(spec)?.['version']);
        add(dep, raw === undefined ? '' : poetryToPep440(raw), kind, 'pyproject.toml');
      }
    };
    poetryDeps(poetry?.['dependencies'], 'runtime');
    poetryDeps(poetry?.['dev-dependencies'], 'development');
    for (const [group, table] of Object.entries(asObject(poetry?.['group']) ?? {})) poetryDeps(asObject(table)?.['dependencies'], group === 'main' ? 'runtime' : 'development');
  }

  for (const [file, kind] of await requirementFiles(dir)) {
    const text = await readText(dir, file);
    if (text === undefined) continue;
    for (const line of text.split(/\r?\n/)) {
      const r = parseRequirement(line);
      if (r) add(r.name, r.url ? `@ ${r.url}` : r.specifier, kind, file, pinnedVersion(r.specifier));
    }
  }
  return out;
}

/** Package -> locked version, from poetry.lock or uv.lock (both list `[[package]]` with name and version). */
async function readLocks(dir: string, problems: string[]): Promise<Map<string, { version: string; file: string }>> {
  const locks = new Map<string, { version: string; file: string }>();
  for (const file of ['poetry.lock', 'uv.lock']) {
    const lock: Json | undefined = await readStructured(dir, file, problems);
    for (const p of asArray(lock?.['package'])) {
      const name = asString(asObject(p)?.['name']);
      const version = asString(asObject(p)?.['version']);
      if (name && version && !locks.has(normalizePythonName(name))) locks.set(normalizePythonName(name), { version, file });
    }
  }
  return locks;
}
