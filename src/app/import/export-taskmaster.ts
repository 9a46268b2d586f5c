// One repo's todos as Taskmaster tags in a tasks.json (pure), the reverse of taskmaster.ts.
import type { Todo } from '../../core/model.js';
import type { LeftOut } from './export-backlog.js';
import { TASKMASTER_STATUS } from './taskmaster.js';
import { priorityFromWord, statusFromWord } from './values.js';

type Json = Record<string, unknown>;
const metaOf = (t: Todo): Json => ((t.metadata?.['taskmaster'] as Json | undefined) ?? {});
const BOOKKEEPING = new Set(['status', 'priority', 'missing_dependencies', 'metadata']);

/** `taskmaster:master/14.1` -> { tag: master, task: 14, sub: 1 }. */
function place(t: Todo): { tag: string; task: number; sub?: number } | undefined {
  const m = /^taskmaster:(.+)\/(\d+)(?:\.(\d+))?$/.exec(t.source_id ?? '');
  return m ? { tag: m[1]!, task: Number(m[2]), ...(m[3] !== undefined ? { sub: Number(m[3]) } : {}) } : undefined;
}

/**
 * The tags of a tasks.json holding these todos: each todo where it came from (tag, task, subtask), todos that
 * came from elsewhere as new tasks of `tag`. Tags of `existing` that no todo is in are kept as they are.
 */
export function exportTaskmaster(todos: readonly Todo[], existing: Json, tag: string): { data: Json; left_out: LeftOut[] } {
  const left_out: LeftOut[] = [];
  const placed = new Map<string, { tag: string; task: number; sub?: number }>();
  for (const t of todos) {
    const p = place(t);
    if (p) placed.set(t.id, p);
  }
  const max = new Map<string, number>();
  for (const p of placed.values()) max.set(p.tag, Math.max(max.get(p.tag) ?? 0, p.task));
  for (const t of todos) {
    if (placed.has(t.id)) continue;
    const next = (max.get(tag) ?? 0) + 1;
    max.set(tag, next);
    placed.set(t.id, { tag, task: next });
  }
  const byId = new Map<string, Todo>(todos.map((t) => [t.id, t]));
  const tops = new Map<string, Json>();
  const data: Json = { ...existing };
  const tagsOut = new Map<string, Json[]>();
  for (const t of todos) {
    const p = placed.get(t.id)!;
    if (p.sub !== undefined) continue;
    const task = taskJson(t, p, placed, byId, left_out);
    tops.set(`${p.tag}/${p.task}`, task);
    tagsOut.set(p.tag, [...(tagsOut.get(p.tag) ?? []), task]);
  }
  for (const t of todos) {
    const p = placed.get(t.id)!;
    if (p.sub === undefined) continue;
    const parent = tops.get(`${p.tag}/${p.task}`);
    if (!parent) {
      left_out.push({ id: t.id, reason: `subtask ${p.task}.${p.sub} of tag ${p.tag}, whose task ${p.task} is no longer in the repo` });
      continue;
    }
    (parent['subtasks'] as Json[]).push(taskJson(t, p, placed, byId, left_out));
  }
  for (const [name, tasks] of tagsOut) {
    const old = (existing[name] as Json | undefined) ?? {};
    for (const task of tasks) if ((task['subtasks'] as Json[]).length === 0) delete task['subtasks'];
    data[name] = { ...old, tasks: tasks.sort((a, b) => Number(a['id']) - Number(b['id'])), metadata: old['metadata'] ?? { description: `Tasks exported by Concord` } };
  }
  delete data['tasks'];
  return { data, left_out };
}

function taskJson(t: Todo, p: { tag: string; task: number; sub?: number }, placed: ReadonlyMap<string, { tag: string; task: number; sub?: number }>, byId: ReadonlyMap<string, Todo>, left_out: LeftOut[]): Json {
  const m = metaOf(t);
  const deps: unknown[] = [];
  for (const b of t.blocked_by) {
    const q = placed.get(b);
    // A parent is blocked by its subtasks: that is the nesting, not a dependency.
    if (q && q.sub !== undefined && p.sub === undefined && q.tag === p.tag && q.task === p.task) continue;
    if (!q || q.tag !== p.tag || !byId.has(b)) {
      left_out.push({ id: t.id, reason: `blocked by ${b}, ${q ? `in tag ${q.tag}` : `outside repo ${t.repo}`}: a Taskmaster dependency stays within its tag (Concord keeps the edge)` });
      continue;
    }
    if (p.sub !== undefined) deps.push(q.sub !== undefined && q.task === p.task ? q.sub : q.sub !== undefined ? `${q.task}.${q.sub}` : q.task);
    else deps.push(q.sub !== undefined ? `${q.task}.${q.sub}` : q.task);
  }
  for (const d of (m['missing_dependencies'] as unknown[] | undefined) ?? []) deps.push(d);
  // The name as the source wrote it, when it still reads as the todo's status (unknown names read as pending).
  const status = typeof m['status'] === 'string' && (statusFromWord(m['status']) ?? 'pending') === t.status ? m['status'] : TASKMASTER_STATUS[t.status];
  const priority = typeof m['priority'] === 'string' && (priorityFromWord(m['priority']) ?? 'medium') === t.priority ? m['priority'] : t.priority;
  const extra = Object.fromEntries(Object.entries(m).filter(([k]) => !BOOKKEEPING.has(k)));
  const own = { ...((m['metadata'] as Json | undefined) ?? {}), ...(t.source_id?.startsWith('taskmaster:') ? {} : { concord_id: t.id }) };
  return {
    id: p.sub ?? p.task,
    title: t.task,
    description: t.description ?? '',
    status,
    dependencies: deps,
    priority,
    ...extra,
    ...(p.sub === undefined ? { subtasks: [] } : {}),
    ...(t.assignee ? { assignee: t.assignee } : {}),
    ...(t.labels.length ? { tags: t.labels } : {}),
    ...(t.acceptance_criteria.length ? { acceptanceCriteria: t.acceptance_criteria.map((a) => `- ${a}`).join('\n') } : {}),
    ...(t.created ? { createdAt: t.created } : {}),
    ...(t.updated ? { updatedAt: t.updated } : {}),
    ...(Object.keys(own).length ? { metadata: own } : {}),
  };
}
