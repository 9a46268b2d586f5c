// What `concord init` reads from a repo: its package name (from the manifest) and its remote URL (from .git/config).
import fs from 'node:fs';
import path from 'node:path';
import { asObject, asString, type Json, parseStructured } from '../checks/manifest-files.js';

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** `name` in the first of `sections` (dotted: `tool.poetry`) of a TOML file that has one. */
export function tomlName(text: string, sections: readonly string[]): string | undefined {
  const doc = parseStructured(text, 'toml', 'the manifest', []);
  for (const section of sections) {
    const table = section.split('.').reduce<Json | undefined>((t, key) => asObject(t?.[key]), doc);
    const name = asString(table?.['name']);
    if (name) return name;
  }
  return undefined;
}

const jsonName = (text: string) => asString(parseStructured(text, 'json', 'the manifest', [])?.['name']);

/** Manifests in the order they are tried, each with the way to read its package name. */
const MANIFESTS: [file: string, name: (text: string) => string | undefined][] = [
  ['package.json', jsonName],
  ['pyproject.toml', (t) => tomlName(t, ['project', 'tool.poetry'])],
  ['Cargo.toml', (t) => tomlName(t, ['package'])],
  ['go.mod', (t) => /^module\s+(\S+)/m.exec(t)?.[1]],
  ['setup.cfg', (t) => /^\[metadata\][^[]*?^name\s*=\s*(\S+)/ms.exec(t)?.[1]],
  ['composer.json', jsonName],
];

export function readPackageName(dir: string): { package: string; manifest: string } | undefined {
  for (const [file, name] of MANIFESTS) {
    const text = read(path.join(dir, file));
    const found = text === undefined ? undefined : name(text);
    if (found) return { package: found, manifest: file };
  }
  return undefined;
}

/** The URL of `origin` (else of the first remote) in a git config file's text. */
export function remoteUrlFromConfig(text: string): string | undefined {
  let remote: string | undefined;
  const urls = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*remote\s+"([^"]+)"\s*\]$/.exec(line);
    if (header) remote = header[1];
    else if (line.startsWith('[')) remote = undefined;
    else if (remote && !urls.has(remote)) {
      const m = /^url\s*=\s*(.+)$/.exec(line);
      if (m) urls.set(remote, m[1]!.trim());
    }
  }
  return urls.get('origin') ?? urls.values().next().value;
}

/** The git directory of a work tree: `.git`, or where a `.git` file (worktrees, submodules) points. */
function gitDir(dir: string): string | undefined {
  const dotGit = path.join(dir, '.git');
  try {
    if (fs.statSync(dotGit).isDirectory()) return dotGit;
    const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    return m ? path.resolve(dir, m[1]!.trim()) : undefined;
  } catch {
    return undefined;
  }
}

export function readRemoteUrl(dir: string): string | undefined {
  const git = gitDir(dir);
  if (!git) return undefined;
  // A linked worktree keeps its config in the main repository (`commondir`).
  const common = read(path.join(git, 'commondir'))?.trim();
  const config = read(path.join(common ? path.resolve(git, common) : git, 'config'));
  return config === undefined ? undefined : remoteUrlFromConfig(config);
}
