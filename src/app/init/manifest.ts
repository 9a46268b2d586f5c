// What `concord init` reads from a repo: its package name (from the manifest) and its remote URL (from .git/config).
import fs from 'node:fs';
import path from 'node:path';

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** `name = "x"` in the first of `sections` of a TOML file (enough for pyproject.toml and Cargo.toml). */
export function tomlName(text: string, sections: readonly string[]): string | undefined {
  let current = '';
  const found = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) current = header[1]!.trim();
    else if (sections.includes(current) && !found.has(current)) {
      const m = /^name\s*=\s*["']([^"']+)["']/.exec(line);
      if (m) found.set(current, m[1]!);
    }
  }
  for (const s of sections) if (found.has(s)) return found.get(s);
  return undefined;
}

/** Manifests in the order they are tried, each with the way to read its package name. */
const MANIFESTS: [file: string, name: (text: string) => string | undefined][] = [
  ['package.json', (t) => {
    try {
      const name = (JSON.parse(t) as { name?: unknown }).name;
      return typeof name === 'string' && name ? name : undefined;
    } catch {
      return undefined;
    }
  }],
  ['pyproject.toml', (t) => tomlName(t, ['project', 'tool.poetry'])],
  ['Cargo.toml', (t) => tomlName(t, ['package'])],
  ['go.mod', (t) => /^module\s+(\S+)/m.exec(t)?.[1]],
  ['setup.cfg', (t) => /^\[metadata\][^[]*?^name\s*=\s*(\S+)/ms.exec(t)?.[1]],
  ['composer.json', (t) => {
    try {
      const name = (JSON.parse(t) as { name?: unknown }).name;
      return typeof name === 'string' && name ? name : undefined;
    } catch {
      return undefined;
    }
  }],
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
