// `concord export`: one repo's todos written as Backlog.md files or a Taskmaster tasks.json, each file atomically.
import fs from 'node:fs';
import path from 'node:path';
import * as YAML from 'yaml';
import { yamlValue } from '../../store/yaml-bounded.js';
import { ConcordError } from '../../core/errors.js';
import { findRepo } from '../../core/graph/graph.js';
import { ExportInputSchema } from '../../core/inputs.js';
import type { Todo } from '../../core/model.js';
import { notFound } from '../../core/mutations/references.js';
import { writeFileAtomic } from '../../store/file.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import type { Workspace } from '../workspace.js';
import { canonicalTaskId, TASK_FOLDERS } from './backlog.js';
import { readBacklogStatus } from './backlog-status.js';
import { exportBacklog, type ExportedFile, type LeftOut } from './export-backlog.js';
import { exportTaskmaster } from './export-taskmaster.js';
import { parseTaskmasterJson } from './taskmaster.js';
import { decode } from './files.js';
import { uniqueStrings } from './values.js';

export interface ExportResult {
  tool: 'backlog' | 'taskmaster';
  repo: string;
  /** The folder written into (backlog/ or .taskmaster/tasks/). */
  dir: string;
  dry_run: boolean;
  todos: number;
  files: { path: string; action: 'create' | 'update' | 'unchanged' | 'delete' }[];
  left_out: LeftOut[];
}

export async function exportRepo(ws: Workspace, input: unknown): Promise<ExportResult> {
  const parsed = parseInput(ExportInputSchema, input, 'export');
  const { graph } = await loadSnapshot(ws);
  const repo = findRepo(graph, parsed.repo);
  if (!repo) throw notFound('REPO_NOT_FOUND', 'repo', parsed.repo, graph.repos.keys());
  const root = parsed.to ?? (repo.path !== undefined ? path.resolve(ws.dir, repo.path) : undefined);
  if (root === undefined) throw new ConcordError('INVALID_INPUT', `repo ${repo.name} has no path in the catalog, so there is no folder to export into`, { hint: 'pass --to <folder>, or give the repo a path: in ecosystem.yaml' });
  const todos: Todo[] = [];
  for (const row of graph.todos.values()) {
    if (row.repo !== repo.name) continue;
    const t = ws.index.record('todos', row.id)?.record as Todo | undefined;
    if (t) todos.push(t);
  }
  let dir: string;
  let files: ExportedFile[];
  let left_out: LeftOut[];
  const deletes: string[] = [];
  if (parsed.tool === 'backlog') {
    dir = ['backlog', '.backlog'].map((d) => path.join(root, d)).find((d) => fs.existsSync(d)) ?? path.join(root, 'backlog');
    const hasConfig = fs.existsSync(path.join(dir, 'config.yml'));
    const config = hasConfig ? readConfig(dir) : { statuses: starterStatuses(todos), prefix: 'TASK' };
    const existing = existingTasks(dir);
    const plan = [...graph.plans.values()].find((p) => p.source_id === 'backlog:milestones' && p.repos.includes(repo.name));
    ({ files, left_out } = exportBacklog({ todos, plan, statuses: config.statuses, taken: new Set(existing.keys()), prefix: config.prefix }));
    // A task whose title or folder changed gets a new file name: the old file goes, or Backlog.md would see the id twice.
    const written = new Set(files.map((f) => f.rel));
    for (const f of files) {
      const id = /^[^/]+(?:\/[^/]+)?\/([^ /]+) - /.exec(f.rel)?.[1];
      for (const old of (id && existing.get(canonicalTaskId(id))) || []) if (!written.has(old)) deletes.push(old);
    }
    if (!hasConfig) files.push({ rel: 'config.yml', text: starterConfig(repo.name, config.statuses) });
  } else {
    dir = path.join(root, '.taskmaster', 'tasks');
    const file = path.join(dir, 'tasks.json');
    const existing = fs.existsSync(file) ? parseTaskmasterJson(decode(fs.readFileSync(file), 'tasks.json', file)) : {};
    const base = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
    const out = exportTaskmaster(todos, Array.isArray(base['tasks']) ? { master: { tasks: base['tasks'] } } : base, parsed.tag ?? 'master');
    files = [{ rel: 'tasks.json', text: `${JSON.stringify(out.data, null, 2)}\n` }];
    left_out = out.left_out;
  }
  const result: ExportResult = { tool: parsed.tool, repo: repo.name, dir, dry_run: parsed.dry_run === true, todos: todos.length, files: [], left_out };
  for (const f of files) {
    const target = path.join(dir, f.rel);
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    result.files.push({ path: target, action: before === undefined ? 'create' : before === f.text ? 'unchanged' : 'update' });
  }
  for (const rel of deletes) result.files.push({ path: path.join(dir, rel), action: 'delete' });
  if (!result.dry_run) {
    // Every file is computed before the first is written: a failure above leaves the folder as it was.
    for (const f of files) {
      const target = path.join(dir, f.rel);
      if (result.files.find((x) => x.path === target)?.action === 'unchanged') continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      writeFileAtomic(target, f.text);
    }
    for (const rel of deletes) fs.rmSync(path.join(dir, rel), { force: true });
  }
  return result;
}

/** Task files already in the target, by canonical id (a re-export replaces them). */
function existingTasks(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const folder of TASK_FOLDERS) {
    const d = path.join(dir, folder);
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      const id = /^([A-Za-z]+-[\w.]+) - .*\.md$/.exec(name)?.[1];
      if (id) out.set(canonicalTaskId(id), [...(out.get(canonicalTaskId(id)) ?? []), `${folder}/${name}`]);
    }
  }
  return out;
}

function readConfig(dir: string): { statuses: string[]; prefix: string } {
  const file = path.join(dir, 'config.yml');
  if (!fs.existsSync(file)) return { statuses: [], prefix: 'TASK' };
  try {
    const c = (yamlValue(YAML, fs.readFileSync(file, 'utf8'), 50) ?? {}) as Record<string, unknown>;
    return { statuses: uniqueStrings(c['statuses']), prefix: String(c['task_prefix'] ?? 'task').toUpperCase() };
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { hint: 'fix it (Backlog.md reads it too), then export again; nothing was written' });
  }
}

/**
 * The statuses of a new config.yml: Backlog.md's three, with the custom names of todos in progress between
 * them, so each reads back as it was (a custom name that is not in the list reads as to do).
 */
function starterStatuses(todos: readonly Todo[]): string[] {
  const custom: string[] = [];
  for (const t of todos) {
    const m = (t.metadata?.['backlog'] as Record<string, unknown> | undefined) ?? {};
    const name = m['status'];
    if (typeof name === 'string' && t.status === 'in_progress' && readBacklogStatus(name, String(m['folder'] ?? 'tasks'), []).how === 'guess' && !custom.includes(name)) custom.push(name);
  }
  return ['To Do', 'In Progress', ...custom, 'Done'];
}

function starterConfig(project: string, statuses: readonly string[]): string {
  return [`project_name: ${JSON.stringify(project)}`, 'default_status: "To Do"', `statuses: ${JSON.stringify(statuses)}`, 'labels: []', 'date_format: yyyy-mm-dd hh:mm', ''].join('\n');
}
