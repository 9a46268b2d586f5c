// Finding a peer tool's folder from the path a user gave, and reading its files with bounded cost.
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../../core/errors.js';
import type { ImportTool } from '../../core/import/model.js';

/** One file of a source, decoded. `rel` is relative to the tool's folder (`tasks/task-1 - X.md`). */
export interface SourceFile {
  rel: string;
  /** The path to show in messages. */
  where: string;
  text: string;
  /** Decoding problems (bytes that are not UTF-8), reported with the item. */
  problems: string[];
}

/** A Backlog.md task is a few kilobytes, a tasks.json or an issues.jsonl a few megabytes: caps far above both. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_SOURCE_BYTES = 512 * 1024 * 1024;
export const MAX_SOURCE_FILES = 200_000;

export interface LocatedSource {
  tool: ImportTool;
  /** The repository folder the source belongs to (where the repo is inferred from). */
  root: string;
  /** The tool's own folder (`backlog/`, `.taskmaster/`, `.beads/`). */
  dir: string;
  /** Files to read, relative to `dir`. */
  files: string[];
}

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;

/** The tool's folder for a path: the repository root, the tool folder itself, or its main file. */
export function locateSource(tool: ImportTool, given: string, cwd = process.cwd()): LocatedSource {
  const found = findSource(tool, given, cwd);
  if (!found) throw new ConcordError('SOURCE_NOT_FOUND', `${given} has no ${FOLDER_HINT[tool]}`, { hint: `give the folder of a repository that has ${FOLDER_HINT[tool]}, or the ${tool === 'backlog' ? 'folder' : 'file'} itself` });
  return found;
}

/** The tool's folder for a path, or undefined when the path (which must exist) has none. */
export function findSource(tool: ImportTool, given: string, cwd = process.cwd()): LocatedSource | undefined {
  const p = path.resolve(cwd, given);
  if (!fs.existsSync(p)) throw new ConcordError('SOURCE_NOT_FOUND', `${given} does not exist`, { hint: `give the folder of a repository that has ${FOLDER_HINT[tool]}` });
  const found = tool === 'backlog' ? locateBacklog(p) : tool === 'taskmaster' ? locateTaskmaster(p) : locateBeads(p);
  return found ? { tool, ...found } : undefined;
}

/** What a folder of the tool looks like, for messages: `backlog/ (Backlog.md)`. */
export const sourceFolderOf = (tool: ImportTool): string => FOLDER_HINT[tool];

const FOLDER_HINT: Record<ImportTool, string> = { backlog: 'backlog/ folder (Backlog.md)', taskmaster: '.taskmaster/tasks/tasks.json (Taskmaster)', beads: '.beads/*.jsonl (beads)' };

function locateBacklog(p: string): Omit<LocatedSource, 'tool'> | undefined {
  const looksLike = (d: string) => isDir(path.join(d, 'tasks')) || isFile(path.join(d, 'config.yml')) || isDir(path.join(d, 'drafts'));
  for (const name of ['backlog', '.backlog']) if (isDir(path.join(p, name)) && looksLike(path.join(p, name))) return withFiles(p, path.join(p, name), walk);
  if (isDir(p) && looksLike(p)) return withFiles(path.dirname(p), p, walk);
  return undefined;
}

function locateTaskmaster(p: string): Omit<LocatedSource, 'tool'> | undefined {
  if (isFile(p)) {
    // .taskmaster/tasks/tasks.json belongs to the folder above .taskmaster; any other tasks.json to its own folder.
    const dir = path.dirname(p);
    const tm = path.basename(dir) === 'tasks' && path.basename(path.dirname(dir)) === '.taskmaster';
    return { root: tm ? path.dirname(path.dirname(dir)) : dir, dir, files: [path.basename(p)] };
  }
  // tasks/tasks.json is where Taskmaster kept its tasks before .taskmaster/.
  const candidates = path.basename(p) === '.taskmaster' ? [[path.dirname(p), path.join(p, 'tasks', 'tasks.json')]] : [[p, path.join(p, '.taskmaster', 'tasks', 'tasks.json')], [p, path.join(p, 'tasks', 'tasks.json')]];
  for (const [root, f] of candidates) if (isFile(f!)) return { root: root!, dir: path.dirname(f!), files: [path.basename(f!)] };
  return undefined;
}

function locateBeads(p: string): Omit<LocatedSource, 'tool'> | undefined {
  if (isFile(p) && p.endsWith('.jsonl')) {
    const dir = path.dirname(p);
    return { root: path.basename(dir) === '.beads' ? path.dirname(dir) : dir, dir, files: [path.basename(p)] };
  }
  const dir = path.basename(p) === '.beads' ? p : path.join(p, '.beads');
  if (!isDir(dir)) return undefined;
  // Audit logs and deletion records sit beside the issues; only issue files are read.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !['interactions.jsonl', 'deletions.jsonl'].includes(f)).sort();
  const config = ['config.yaml', 'config.yml'].find((f) => isFile(path.join(dir, f)));
  if (!files.length) return undefined;
  return { root: path.dirname(dir), dir, files: config ? [...files, config] : files };
}

function withFiles(root: string, dir: string, list: (dir: string) => string[]): Omit<LocatedSource, 'tool'> {
  return { root, dir, files: list(dir) };
}

/** Markdown and YAML files below `dir`, as relative paths (no symlinked folders: they could loop). */
function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string, depth: number) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 3) visit(r, depth + 1);
      else if (e.isFile() && /\.(md|ya?ml)$/i.test(e.name)) out.push(r);
      if (out.length > MAX_SOURCE_FILES) throw new ConcordError('INVALID_INPUT', `${dir} holds more than ${MAX_SOURCE_FILES} files`, { hint: 'import the folders one at a time, or remove what is not a task' });
    }
  };
  visit('', 0);
  return out.sort();
}

/** Reads and decodes the files, within the size caps; bytes that are not UTF-8 become U+FFFD and are reported. */
export function readSourceFiles(src: LocatedSource, cwd: string): SourceFile[] {
  let total = 0;
  return src.files.map((rel) => {
    const file = path.join(src.dir, rel);
    const where = path.relative(cwd, file) || file;
    // The size from the open file (one stat fewer per file: an import reads 10,000 of them), checked before reading.
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      total += size;
      if (size > MAX_FILE_BYTES) throw new ConcordError('INVALID_INPUT', `${where} is ${(size / 1e6).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB a source file may have`, { hint: 'split it, or remove what is not a task' });
      if (total > MAX_SOURCE_BYTES) throw new ConcordError('INVALID_INPUT', `${src.dir} holds more than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB of files`, { hint: 'import a smaller folder' });
      const bytes = Buffer.allocUnsafe(size);
      let read = 0;
      for (let n = 1; read < size && n > 0; read += n) n = fs.readSync(fd, bytes, read, size - read, read);
      return decode(bytes.subarray(0, read), rel, where);
    } finally {
      fs.closeSync(fd);
    }
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decode(bytes: Uint8Array, rel: string, where: string): SourceFile {
  try {
    return { rel, where, text: UTF8.decode(bytes), problems: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    return { rel, where, text, problems: [`the file has bytes that are not UTF-8 (the first on line ${line}); they were read as U+FFFD (\uFFFD)`] };
  }
}
