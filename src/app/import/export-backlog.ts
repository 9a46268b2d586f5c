// One repo's todos as Backlog.md files (pure: records in, file texts out), the reverse of backlog.ts.
import type { Plan, Todo } from '../../core/model.js';
import { canonicalTaskId, DEFAULT_STATUS_NAMES, TASK_FOLDERS, type TaskFolder } from './backlog.js';
import { type BacklogBody, type Checklist, renderTaskFile } from './backlog-markdown.js';
import { backlogStatus } from './backlog-status.js';
import { priorityFromWord, toBacklogTime } from './values.js';

export interface ExportedFile {
  /** Relative to the backlog/ folder. */
  rel: string;
  text: string;
}

export interface LeftOut {
  id: string;
  reason: string;
}

export interface BacklogExportInput {
  todos: readonly Todo[];
  /** The plan that holds this repo's Backlog.md milestones, if any. */
  plan: Plan | undefined;
  /** config.yml statuses of the target, for custom status names. */
  statuses: readonly string[];
  /** Task ids already used in the target folder (canonical), so new ones do not collide. */
  taken: ReadonlySet<string>;
  prefix: string;
}

type Meta = Record<string, unknown>;
const metaOf = (t: Todo): Meta => ((t.metadata?.['backlog'] as Meta | undefined) ?? {});
/** Front-matter keys in the order Backlog.md writes them; keys it does not know come after. */
const ORDER = ['id', 'title', 'status', 'assignee', 'reporter', 'created_date', 'updated_date', 'due_date', 'labels', 'milestone', 'dependencies', 'references', 'documentation', 'modified_files', 'parent_task_id', 'subtasks', 'priority', 'type', 'ordinal', 'onStatusChange'];
/** Metadata that is not front matter: the body's sections and import bookkeeping. */
const BODY_KEYS = new Set(['folder', 'status', 'priority', 'assignee', 'notes_section', 'acceptance_checked', 'definition_of_done', 'implementation_plan', 'final_summary', 'missing_dependencies', 'parent_task_id']);

export function exportBacklog(input: BacklogExportInput): { files: ExportedFile[]; left_out: LeftOut[] } {
  const left_out: LeftOut[] = [];
  const ids = assignIds(input);
  const inRepo = new Map<string, Todo>(input.todos.map((t) => [t.id, t]));
  const parentOf = new Map<string, string>();
  for (const t of input.todos) {
    const p = metaOf(t)['parent_task_id'];
    if (typeof p !== 'string') continue;
    const parent = input.todos.find((x) => ids.get(x.id) === canonicalTaskId(p));
    if (parent) parentOf.set(t.id, parent.id);
  }
  const milestones = milestoneNames(input.plan);
  const files: ExportedFile[] = [];
  for (const t of input.todos) {
    const m = metaOf(t);
    const id = ids.get(t.id)!;
    let folder = (TASK_FOLDERS as readonly string[]).includes(String(m['folder'])) ? (m['folder'] as TaskFolder) : 'tasks';
    if (folder.startsWith('archive/') && t.status !== 'cancelled' && t.status !== 'completed') folder = 'tasks';
    const deps: string[] = [];
    for (const b of t.blocked_by) {
      if (parentOf.get(b) === t.id) continue;
      const other = inRepo.get(b);
      if (other) deps.push(ids.get(other.id)!);
      else left_out.push({ id: t.id, reason: `blocked by ${b}, outside repo ${t.repo}: Backlog.md has no place for it (Concord keeps the edge)` });
    }
    for (const d of (m['missing_dependencies'] as string[] | undefined) ?? []) if (!deps.includes(d)) deps.push(d);
    const front: Meta = {};
    for (const [k, v] of Object.entries(m)) if (!BODY_KEYS.has(k)) front[k] = v;
    const assignees = Array.isArray(m['assignee']) && m['assignee'][0] === t.assignee ? m['assignee'] : t.assignee ? [t.assignee] : [];
    const written = typeof m['status'] === 'string' ? m['status'] : undefined;
    const milestone = t.plan !== undefined && t.plan === input.plan?.id && t.milestone ? milestones.get(t.milestone) : undefined;
    const priorityText = typeof m['priority'] === 'string' && (priorityFromWord(m['priority']) ?? 'medium') === t.priority ? m['priority'] : t.priority;
    Object.assign(front, {
      id,
      title: t.task,
      status: written !== undefined && backlogStatus(written, folder, input.statuses) === t.status ? written : DEFAULT_STATUS_NAMES[t.status],
      assignee: assignees,
      created_date: toBacklogTime(t.created) ?? m['created_date'],
      updated_date: toBacklogTime(t.updated),
      labels: folder.endsWith('drafts') ? t.labels.filter((l) => l !== 'draft') : t.labels,
      milestone,
      dependencies: deps,
      parent_task_id: typeof m['parent_task_id'] === 'string' ? m['parent_task_id'] : undefined,
      priority: priorityText,
      ...(t.source_id?.startsWith('backlog:') ? {} : { concord_id: t.id }),
    });
    files.push({ rel: `${folder}/${id.toLowerCase()} - ${fileTitle(t.task)}.md`, text: renderTaskFile(orderKeys(front), bodyOf(t, m)) });
  }
  files.push(...milestoneFiles(input.plan));
  return { files, left_out };
}

/** Each todo's Backlog.md id: the one it came from, else the next free number. */
function assignIds(input: BacklogExportInput): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set(input.taken);
  for (const t of input.todos) if (t.source_id?.startsWith('backlog:')) used.add(t.source_id.slice('backlog:'.length));
  let next = 1 + Math.max(0, ...[...used].map((id) => Number(/^[A-Z]+-(\d+)$/.exec(id)?.[1] ?? 0)));
  for (const t of input.todos) {
    if (t.source_id?.startsWith('backlog:')) ids.set(t.id, t.source_id.slice('backlog:'.length));
    else ids.set(t.id, `${input.prefix}-${next++}`);
  }
  return ids;
}

function bodyOf(t: Todo, m: Meta): BacklogBody {
  const checked = new Set((m['acceptance_checked'] as number[] | undefined) ?? []);
  const notes = [...t.notes];
  const section = m['notes_section'] === true && notes[0] && notes[0].author === undefined && notes[0].at === undefined ? notes.shift()!.text : undefined;
  return {
    ...(t.description !== undefined ? { description: t.description } : {}),
    acceptance: t.acceptance_criteria.map((text, i) => ({ text, checked: checked.has(i + 1) })),
    definitionOfDone: (m['definition_of_done'] as Checklist[] | undefined) ?? [],
    ...(typeof m['implementation_plan'] === 'string' ? { plan: m['implementation_plan'] } : {}),
    ...(section !== undefined ? { notes: section } : {}),
    ...(typeof m['final_summary'] === 'string' ? { finalSummary: m['final_summary'] } : {}),
    // A line of just `---` would end a comment early: Backlog.md refuses them, so they are written as `***`.
    comments: notes.map((n) => ({ ...(n.author ? { author: n.author } : {}), ...(n.at ? { created: toBacklogTime(n.at)! } : {}), body: n.text.replace(/^\s*---\s*$/gm, '***') })),
  };
}

/** Milestone id -> what a task's `milestone:` says: `m-3` for milestone files, the name for named-only ones. */
function milestoneNames(plan: Plan | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of plan?.milestones ?? []) {
    const sid = m.source_id;
    out.set(m.id, sid?.startsWith('backlog:milestone/') ? m.name : sid?.startsWith('backlog:') ? sid.slice('backlog:'.length) : m.name);
  }
  return out;
}

function milestoneFiles(plan: Plan | undefined): ExportedFile[] {
  return (plan?.milestones ?? [])
    .filter((m) => m.source_id?.startsWith('backlog:m-'))
    .map((m) => {
      const id = m.source_id!.slice('backlog:'.length);
      const due = toBacklogTime(m.due);
      const text = `---\nid: ${id}\ntitle: ${JSON.stringify(m.name)}\n${due ? `due_date: "${due}"\n` : ''}---\n\n## Description\n\n${m.description ?? `Milestone: ${m.name}`}\n`;
      return { rel: `${m.status === 'completed' ? 'archive/milestones' : 'milestones'}/${id} - ${m.name.replace(/[<>:"/\\|?*]/g, '').replace(/\s+/g, '-').toLowerCase().slice(0, 50)}.md`, text };
    });
}

/** Backlog.md's file names: the title with path-unsafe characters and punctuation dropped, spaces as dashes. */
function fileTitle(title: string): string {
  return title.replace(/[<>:"/\\|?*]/g, '-').replace(/['(),!@#$%^&+=[\]{};]/g, '').replace(/\s+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 120) || 'task';
}

function orderKeys(front: Meta): Meta {
  const out: Meta = {};
  for (const k of [...ORDER, ...Object.keys(front).filter((k) => !ORDER.includes(k))]) if (front[k] !== undefined) out[k] = front[k];
  return out;
}
