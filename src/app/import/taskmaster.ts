// Taskmaster's .taskmaster/tasks/tasks.json -> import items: every tag, tasks and their subtasks, dependencies.
import { ConcordError } from '../../core/errors.js';
import type { ImportProblem, SourceBatch, SourceItem } from '../../core/import/model.js';
import type { TodoStatus } from '../../core/enums.js';
import type { SourceFile } from './files.js';
import { jsonErrorOffset } from './json-position.js';
import { compactData, linesToList, priorityFromWord, statusFromWord, text, toTimestamp, uniqueStrings } from './values.js';

/** How Taskmaster spells each Concord status (its own six, plus `blocked`). */
export const TASKMASTER_STATUS: Record<TodoStatus, string> = { pending: 'pending', in_progress: 'in-progress', blocked: 'blocked', completed: 'done', cancelled: 'cancelled' };
const MAPPED_KEYS = new Set(['id', 'title', 'description', 'status', 'priority', 'dependencies', 'subtasks', 'assignee', 'tags', 'createdAt', 'updatedAt', 'acceptanceCriteria', 'metadata']);

type Json = Record<string, unknown>;

/** The tags of a tasks.json: `{ tag: { tasks, metadata } }`, or the older `{ tasks: [...] }` read as tag master. */
export function taskmasterTags(data: unknown): Map<string, Json[]> {
  const tags = new Map<string, Json[]>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return tags;
  const d = data as Json;
  if (Array.isArray(d['tasks'])) tags.set('master', d['tasks'] as Json[]);
  else for (const [tag, v] of Object.entries(d)) if (v && typeof v === 'object' && Array.isArray((v as Json)['tasks'])) tags.set(tag, (v as Json)['tasks'] as Json[]);
  return tags;
}

export function parseTaskmasterJson(file: SourceFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (e) {
    const before = file.text.slice(0, jsonErrorOffset(file.text));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new ConcordError('INVALID_INPUT', `${file.where} line ${line}, column ${column} is not valid JSON (${(e as Error).message.split('\n')[0]!.slice(0, 80)})`, { hint: 'fix the file (Taskmaster reads the same file), then import again; nothing was written' });
  }
}

export function parseTaskmaster(file: SourceFile): SourceBatch {
  const skipped: ImportProblem[] = [];
  const partial: ImportProblem[] = file.problems.map((reason) => ({ where: file.where, reason }));
  const tags = taskmasterTags(parseTaskmasterJson(file));
  if (tags.size === 0) throw new ConcordError('INVALID_INPUT', `${file.where} has no tasks: expected { "master": { "tasks": [...] } } or { "tasks": [...] }`, { hint: 'is this a Taskmaster tasks.json?' });
  const items: SourceItem[] = [];
  const deps = new Map<SourceItem, { list: unknown[]; resolve: (d: unknown) => string | undefined }>();
  for (const [tag, tasks] of tags) {
    const seen = new Set<string>();
    tasks.forEach((task, i) => {
      const where = `${file.where} tag ${tag} task ${String(task?.['id'] ?? `#${i + 1}`)}`;
      const item = readTask(task, `${tag}/${String(task?.['id'])}`, where, skipped, partial);
      if (!item) return;
      if (seen.has(item.source_id)) return void skipped.push({ where, item: item.source_id, reason: `task id ${String(task['id'])} appears twice in tag ${tag}; only the first was imported` });
      seen.add(item.source_id);
      items.push(item);
      const parentId = String(task['id']);
      deps.set(item, { list: asList(task['dependencies']), resolve: (d) => (typeof d === 'number' || /^\d+(\.\d+)?$/.test(String(d)) ? `taskmaster:${tag}/${String(d)}` : undefined) });
      asList(task['subtasks']).forEach((sub, j) => {
        const s = sub as Json;
        const sid = `${tag}/${parentId}.${String(s?.['id'])}`;
        const swhere = `${file.where} tag ${tag} subtask ${parentId}.${String(s?.['id'] ?? `#${j + 1}`)}`;
        const child = readTask(s, sid, swhere, skipped, partial);
        if (!child) return;
        if (seen.has(child.source_id)) return void skipped.push({ where: swhere, item: child.source_id, reason: `subtask ${parentId}.${String(s['id'])} appears twice; only the first was imported` });
        seen.add(child.source_id);
        child.parent = item.source_id;
        items.push(child);
        // In a subtask, `2` (or "2") is its sibling 14.2; "3.1" names a subtask anywhere in the tag.
        deps.set(child, { list: asList(s['dependencies']), resolve: (d) => (typeof d === 'number' || /^\d+$/.test(String(d)) ? `taskmaster:${tag}/${parentId}.${String(d)}` : /^\d+\.\d+$/.test(String(d)) ? `taskmaster:${tag}/${String(d)}` : undefined) });
      });
    });
  }
  const ids = new Set(items.map((i) => i.source_id));
  for (const [item, d] of deps) {
    const missing: string[] = [];
    for (const dep of d.list) {
      const sid = d.resolve(dep);
      if (sid && ids.has(sid)) item.blocked_by.push({ source_id: sid });
      else missing.push(String(dep));
    }
    if (missing.length) {
      partial.push({ where: item.where, item: item.source_id, reason: `it depends on ${missing.join(', ')}, not in its tag; kept in metadata.taskmaster.missing_dependencies, not as an edge` });
      item.metadata = { ...(item.metadata ?? {}), missing_dependencies: d.list.filter((x) => missing.includes(String(x))) };
    }
  }
  return { tool: 'taskmaster', items, skipped, partial };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function readTask(t: Json | undefined, localId: string, where: string, skipped: ImportProblem[], partial: ImportProblem[]): SourceItem | undefined {
  const title = text(t?.['title'])?.trim();
  if (!t || typeof t !== 'object' || t['id'] === undefined || t['id'] === null || !title) {
    skipped.push({ where, reason: `a task needs an id and a title (found ${t?.['id'] === undefined ? 'no id' : `id ${String(t['id'])}`}, ${title ? 'a title' : 'no title'})` });
    return undefined;
  }
  const sourceId = `taskmaster:${localId}`;
  const metadata: Json = {};
  for (const [k, v] of Object.entries(t)) if (!MAPPED_KEYS.has(k) && v !== undefined) metadata[k] = v;
  const own = t['metadata'] && typeof t['metadata'] === 'object' ? { ...(t['metadata'] as Json) } : undefined;
  const concordId = text(own?.['concord_id']);
  if (own) delete own['concord_id'];
  if (own && Object.keys(own).length) metadata['metadata'] = own;

  const statusText = text(t['status']) ?? 'pending';
  let status = statusFromWord(statusText);
  if (!status) {
    status = 'pending';
    partial.push({ where, item: sourceId, reason: `status "${statusText}" is not one Concord knows; read as pending (kept in metadata.taskmaster.status)` });
  }
  if (statusText !== TASKMASTER_STATUS[status]) metadata['status'] = statusText;
  const priorityText = text(t['priority']);
  let priority = priorityText === undefined ? 'medium' : priorityFromWord(priorityText);
  if (!priority) {
    priority = 'medium';
    partial.push({ where, item: sourceId, reason: `priority "${priorityText}" is not one Concord knows; read as medium (kept in metadata.taskmaster.priority)` });
  }
  if (priorityText !== undefined && priorityText !== priority) metadata['priority'] = priorityText;
  return {
    source_id: sourceId,
    where,
    fields: {
      task: title,
      description: text(t['description']),
      status,
      priority,
      created: toTimestamp(t['createdAt']),
      updated: toTimestamp(t['updatedAt']),
      assignee: text(t['assignee'])?.trim(),
      labels: uniqueStrings(t['tags']),
      acceptance_criteria: linesToList(t['acceptanceCriteria']),
      notes: [],
    },
    blocked_by: [],
    concord_id: concordId,
    metadata: compactData(metadata),
  };
}
