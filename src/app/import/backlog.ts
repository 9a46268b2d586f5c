// Backlog.md folder -> import items: tasks, drafts, completed and archived tasks, milestones, config.yml.
import * as YAML from 'yaml';
import { yamlValue } from '../../store/yaml-bounded.js';
import type { ImportProblem, SourceBatch, SourceItem, SourceMilestone, SourceRef } from '../../core/import/model.js';
import type { Note } from '../../core/schema/common.js';
import { parseBody, splitFrontMatter } from './backlog-markdown.js';
import { readBacklogStatus } from './backlog-status.js';
import type { SourceFile } from './files.js';
import { compactData, priorityFromWord, text, toTimestamp, uniqueStrings } from './values.js';

/** The folders of a Backlog.md project that hold tasks, and what living there means. */
export const TASK_FOLDERS = ['tasks', 'drafts', 'completed', 'archive/tasks', 'archive/drafts'] as const;
export type TaskFolder = (typeof TASK_FOLDERS)[number];
const MILESTONE_FOLDERS = ['milestones', 'archive/milestones'] as const;

/** Front-matter keys that map to todo fields; every other key is kept under metadata.backlog. */
const MAPPED_KEYS = new Set(['id', 'title', 'status', 'assignee', 'created_date', 'updated_date', 'labels', 'milestone', 'dependencies', 'parent_task_id', 'subtasks', 'priority', 'concord_id']);
export const DEFAULT_STATUS_NAMES = { pending: 'To Do', in_progress: 'In Progress', blocked: 'Blocked', completed: 'Done', cancelled: "Won't Do" } as const;

/** `task-007.01` -> `TASK-7.1`: Backlog.md compares ids by upper-cased prefix and numbers without leading zeros. */
export function canonicalTaskId(id: string): string {
  const m = /^([A-Za-z]+)-(.+)$/.exec(id.trim());
  if (!m) return id.trim().toUpperCase();
  const body = /^\d+(\.\d+)*$/.test(m[2]!) ? m[2]!.split('.').map((n) => n.replace(/^0+(?=\d)/, '')).join('.') : m[2]!.toUpperCase();
  return `${m[1]!.toUpperCase()}-${body}`;
}

interface Config {
  statuses: string[];
  milestones: string[];
  project?: string | undefined;
}

function readConfig(file: SourceFile | undefined, problems: ImportProblem[]): Config {
  if (!file) return { statuses: [], milestones: [] };
  try {
    const c = (yamlValue(YAML, file.text, 50) ?? {}) as Record<string, unknown>;
    return { statuses: uniqueStrings(c['statuses']), milestones: uniqueStrings(c['milestones']), project: text(c['project_name']) };
  } catch (e) {
    problems.push({ where: file.where, reason: `config.yml is not valid YAML (${(e as Error).message.split('\n')[0]}); statuses and milestones listed there were not read` });
    return { statuses: [], milestones: [] };
  }
}

/** Reads the files of one `backlog/` folder (paths relative to it). Pure: the caller read the files. */
export function parseBacklog(files: readonly SourceFile[], name: string): SourceBatch {
  const skipped: ImportProblem[] = [];
  const partial: ImportProblem[] = [];
  const config = readConfig(files.find((f) => f.rel === 'config.yml' || f.rel === 'config.yaml'), partial);
  const milestones = readMilestones(files, config, skipped);
  const parsed: { item: SourceItem; deps: string[]; parent?: string; milestone?: string }[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const folder = TASK_FOLDERS.find((d) => f.rel.startsWith(`${d}/`) && !f.rel.slice(d.length + 1).includes('/'));
    if (!folder || !f.rel.endsWith('.md') || /(^|\/)readme\.md$/i.test(f.rel)) continue;
    for (const p of f.problems) partial.push({ where: f.where, reason: p });
    const task = readTask(f, folder, config, partial, skipped);
    if (!task) continue;
    const earlier = seen.get(task.item.source_id);
    if (earlier) {
      skipped.push({ where: f.where, item: task.item.source_id, reason: `${task.item.source_id} is also the id of ${earlier}; only that file was imported (give one of them a new id)` });
      continue;
    }
    seen.set(task.item.source_id, f.where);
    parsed.push(task);
  }
  const ids = new Set(parsed.map((p) => p.item.source_id));
  for (const p of parsed) {
    // Older projects name milestones only on tasks (or in config.yml): each such name becomes a milestone.
    if (p.milestone) p.item.milestone = (milestones.byKey.get(p.milestone.toLowerCase()) ?? milestones.add({ source_id: `backlog:milestone/${p.milestone}`, name: p.milestone, status: 'pending' }, [p.milestone])).source_id;
    const missing: string[] = [];
    for (const dep of p.deps) {
      const sid = `backlog:${canonicalTaskId(dep)}`;
      if (ids.has(sid)) p.item.blocked_by.push({ source_id: sid } satisfies SourceRef);
      else {
        // A task of another folder (another repo's project) becomes a cross-repo edge; as written, it stays
        // in metadata.backlog.missing_dependencies either way, so an export writes it back.
        missing.push(dep);
        p.item.blocked_by.push({ source_id: sid, outside: { written: dep, folder: name } });
      }
    }
    if (missing.length) p.item.metadata = { ...(p.item.metadata ?? {}), missing_dependencies: missing };
    if (p.parent !== undefined) {
      // Kept as written too: an export writes parent_task_id back from it.
      p.item.metadata = { ...(p.item.metadata ?? {}), parent_task_id: p.parent };
      const sid = `backlog:${canonicalTaskId(p.parent)}`;
      if (ids.has(sid)) p.item.parent = sid;
      else partial.push({ where: p.item.where, item: p.item.source_id, reason: `its parent ${p.parent} is not in ${name}; kept in metadata.backlog.parent_task_id, not as an edge` });
    }
  }
  // Milestone files in Backlog.md's order (by id, numbers compared as numbers), then the named-only ones.
  const list = [...milestones.list.values()].sort((a, b) => Number(b.source_id.startsWith('backlog:m-')) - Number(a.source_id.startsWith('backlog:m-')) || (a.source_id.startsWith('backlog:m-') ? a.source_id.localeCompare(b.source_id, undefined, { numeric: true }) : 0));
  return {
    tool: 'backlog',
    items: parsed.map((p) => p.item),
    milestones: { plan: { source_id: 'backlog:milestones', title: `Milestones of ${config.project ?? name} (Backlog.md)` }, list },
    skipped,
    partial,
  };
}

function readTask(f: SourceFile, folder: TaskFolder, config: Config, partial: ImportProblem[], skipped: ImportProblem[]): { item: SourceItem; deps: string[]; parent?: string; milestone?: string } | undefined {
  let fm: ReturnType<typeof splitFrontMatter>;
  try {
    fm = splitFrontMatter(f.text);
  } catch (e) {
    skipped.push({ where: f.where, reason: `not a Backlog.md task: ${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const d = fm.data;
  const rawId = text(d['id']) ?? /^([A-Za-z]+-[\w.]+) - /.exec(f.rel.split('/').pop()!)?.[1];
  const title = text(d['title'])?.trim();
  if (!rawId || !title) {
    skipped.push({ where: f.where, reason: `a task needs an id and a title in its front matter (found ${rawId ? `id ${rawId}` : 'no id'}, ${title ? 'a title' : 'no title'})` });
    return undefined;
  }
  const id = canonicalTaskId(rawId);
  const sourceId = `backlog:${id}`;
  const where = f.where;
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) if (!MAPPED_KEYS.has(k) && v !== null && v !== undefined) metadata[k] = v;
  if (folder !== 'tasks') metadata['folder'] = folder;

  const statusText = text(d['status']) ?? config.statuses[0] ?? 'To Do';
  const { status, how } = readBacklogStatus(statusText, folder, config.statuses);
  if (how !== 'word') partial.push({ where, item: sourceId, reason: `status "${statusText}" is not one Concord knows; read as ${status}${how === 'place' ? ' from its place in config.yml statuses' : ''} (the name is kept in metadata.backlog.status)` });
  if (statusText !== DEFAULT_STATUS_NAMES[status]) metadata['status'] = statusText;

  const priorityText = text(d['priority']);
  let priority = priorityText === undefined ? 'medium' : priorityFromWord(priorityText);
  if (priority === undefined) {
    priority = 'medium';
    partial.push({ where, item: sourceId, reason: `priority "${priorityText}" is not one Concord knows; read as medium (kept in metadata.backlog.priority)` });
  }
  if (priorityText !== undefined && priorityText !== priority) metadata['priority'] = priorityText;

  const assignees = uniqueStrings(d['assignee']);
  if (assignees.length > 1) metadata['assignee'] = assignees;
  const labels = uniqueStrings(d['labels']);
  if (folder.endsWith('drafts') && !labels.includes('draft')) labels.push('draft');

  const body = parseBody(fm.body);
  const notes: Note[] = [];
  if (body.notes) {
    notes.push({ text: body.notes });
    metadata['notes_section'] = true;
  }
  for (const c of body.comments) {
    const at = toTimestamp(c.created);
    notes.push({ ...(c.author ? { author: c.author } : {}), ...(at ? { at } : {}), text: c.body });
    if (c.created && !at) partial.push({ where, item: sourceId, reason: `a comment's date "${c.created}" is not a time; the comment was kept without it` });
  }
  // Each criterion once (older files repeat them under sub-headings), checked as its first occurrence is.
  const criteria = body.acceptance.filter((c, i) => body.acceptance.findIndex((x) => x.text === c.text) === i);
  const checked = criteria.flatMap((c, i) => (c.checked ? [i + 1] : []));
  if (checked.length) metadata['acceptance_checked'] = checked;
  if (body.definitionOfDone.length) metadata['definition_of_done'] = body.definitionOfDone;
  if (body.plan) metadata['implementation_plan'] = body.plan;
  if (body.finalSummary) metadata['final_summary'] = body.finalSummary;
  const times = { created: toTimestamp(String(d['created_date'] ?? '')), updated: toTimestamp(String(d['updated_date'] ?? '')) };
  for (const [k, field] of [['created_date', 'created'], ['updated_date', 'updated']] as const) {
    const raw = d[k];
    if (raw !== undefined && raw !== null && times[field] === undefined) {
      metadata[k] = String(raw);
      partial.push({ where, item: sourceId, reason: `${k} "${String(raw)}" is not a date or time; ${field} was left unset (kept in metadata.backlog.${k})` });
    }
  }

  const milestone = text(d['milestone'])?.trim();
  const parent = text(d['parent_task_id']);
  const item: SourceItem = {
    source_id: sourceId,
    where,
    fields: {
      task: title,
      description: body.description,
      status,
      priority,
      created: times.created,
      updated: times.updated,
      assignee: assignees[0],
      labels,
      acceptance_criteria: criteria.map((c) => c.text),
      notes,
    },
    blocked_by: [],
    milestone: null,
    concord_id: text(d['concord_id']),
    metadata: compactData(metadata),
  };
  return { item, deps: uniqueStrings(d['dependencies']), ...(parent ? { parent } : {}), ...(milestone ? { milestone } : {}) };
}

/** Milestone files (m-1 - name.md), plus names listed in config.yml or on tasks; keyed by id, number and title. */
function readMilestones(files: readonly SourceFile[], config: Config, skipped: ImportProblem[]) {
  const list = new Map<string, SourceMilestone>();
  const byKey = new Map<string, SourceMilestone>();
  const add = (m: SourceMilestone, keys: string[]): SourceMilestone => {
    const known = list.get(m.source_id);
    if (known) return known;
    list.set(m.source_id, m);
    for (const k of keys) if (!byKey.has(k.toLowerCase())) byKey.set(k.toLowerCase(), m);
    return m;
  };
  for (const f of files) {
    const folder = MILESTONE_FOLDERS.find((d) => f.rel.startsWith(`${d}/`));
    if (!folder || !f.rel.endsWith('.md') || /readme\.md$/i.test(f.rel)) continue;
    try {
      const { data, body } = splitFrontMatter(f.text);
      const id = text(data['id'])?.trim();
      const name = text(data['title'])?.trim();
      if (!id || !name) throw new Error('a milestone needs an id and a title');
      const description = text(/## Description\s*\n([\s\S]*?)(?=\n## |$)/.exec(body)?.[1]?.trim());
      const due = toTimestamp(text(data['due_date']));
      const m: SourceMilestone = { source_id: `backlog:${id.toLowerCase()}`, name, status: folder === 'milestones' ? 'pending' : 'completed', ...(description && description !== `Milestone: ${name}` ? { description } : {}), ...(due ? { due } : {}) };
      const concord = text(data['concord_id']);
      add({ ...m, ...(concord ? { concord_id: concord } : {}) }, [id, id.replace(/^m-0*(?=\d)/i, ''), name]);
    } catch (e) {
      skipped.push({ where: f.where, reason: `not a Backlog.md milestone: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  for (const name of config.milestones) if (!byKey.has(name.toLowerCase())) add({ source_id: `backlog:milestone/${name}`, name, status: 'pending' }, [name]);
  return { list, byKey, add };
}
