// Fixtures in the real formats of Backlog.md, Taskmaster and beads, written the way each tool writes them.
import fs from 'node:fs';
import path from 'node:path';

export interface BacklogTask {
  id: string;
  title: string;
  status?: string;
  assignee?: string[];
  created?: string;
  updated?: string;
  labels?: string[];
  milestone?: string;
  dependencies?: string[];
  parent?: string;
  priority?: string;
  ordinal?: number;
  description?: string;
  acceptance?: { text: string; checked?: boolean }[];
  plan?: string;
  notes?: string;
  comments?: { author: string; created: string; body: string }[];
  folder?: 'tasks' | 'drafts' | 'completed' | 'archive/tasks';
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (key: string, items: readonly string[], quote = false) => (items.length ? [`${key}:`, ...items.map((i) => `  - ${quote || /^[@'"]/.test(i) ? q(i) : i}`)] : [`${key}: []`]);

/**
 * A task file as `backlog task create` (Backlog.md 1.x, serializer.ts + gray-matter) writes it: `id`, `title`,
 * `status`, `assignee`, `created_date` in single quotes, `labels`, `dependencies`, then the optional keys, and the
 * body's `## Description` with `<!-- SECTION:DESCRIPTION:BEGIN -->` markers, `<!-- AC:BEGIN -->` checklists.
 */
export function backlogTaskText(t: BacklogTask): string {
  const fm = [
    `id: ${t.id}`,
    `title: ${/[:#'"]/.test(t.title) ? q(t.title) : t.title}`,
    `status: ${t.status ?? 'To Do'}`,
    ...list('assignee', t.assignee ?? [], true),
    `created_date: ${q(t.created ?? '2025-06-01 10:00')}`,
    ...(t.updated ? [`updated_date: ${q(t.updated)}`] : []),
    ...list('labels', t.labels ?? []),
    ...(t.milestone ? [`milestone: ${t.milestone}`] : []),
    ...list('dependencies', t.dependencies ?? []),
    ...(t.parent ? [`parent_task_id: ${t.parent}`] : []),
    ...(t.priority ? [`priority: ${t.priority}`] : []),
    ...(t.ordinal !== undefined ? [`ordinal: ${t.ordinal}`] : []),
  ];
  const body: string[] = [];
  if (t.description !== undefined) body.push('## Description', '', '<!-- SECTION:DESCRIPTION:BEGIN -->', t.description, '<!-- SECTION:DESCRIPTION:END -->', '');
  if (t.acceptance?.length) body.push('## Acceptance Criteria', '<!-- AC:BEGIN -->', ...t.acceptance.map((a, i) => `- [${a.checked ? 'x' : ' '}] #${i + 1} ${a.text}`), '<!-- AC:END -->', '');
  if (t.plan) body.push('## Implementation Plan', '', '<!-- SECTION:PLAN:BEGIN -->', t.plan, '<!-- SECTION:PLAN:END -->', '');
  if (t.notes) body.push('## Implementation Notes', '', '<!-- SECTION:NOTES:BEGIN -->', t.notes, '<!-- SECTION:NOTES:END -->', '');
  if (t.comments?.length) {
    body.push('## Comments', '', '<!-- COMMENTS:BEGIN -->');
    t.comments.forEach((c, i) => body.push(...(i ? [''] : []), `author: ${c.author}`, `created: ${c.created}`, '---', c.body, '---'));
    body.push('<!-- COMMENTS:END -->', '');
  }
  return `---\n${fm.join('\n')}\n---\n\n${body.join('\n')}`;
}

/** Backlog.md's file name: `task-14 - Title-with-dashes.md` in the task's folder. */
export function writeBacklogTask(backlogDir: string, t: BacklogTask, text = backlogTaskText(t)): string {
  const file = path.join(backlogDir, t.folder ?? 'tasks', `${t.id.toLowerCase()} - ${t.title.replace(/[<>:"/\\|?*]/g, '-').replace(/['(),!@#$%^&+=[\]{};]/g, '').replace(/\s+/g, '-')}.md`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A milestone as `backlog milestone add` writes it (serializeMilestoneContent). */
export function writeBacklogMilestone(backlogDir: string, m: { id: string; title: string; description?: string; due?: string; archived?: boolean }): void {
  const dir = path.join(backlogDir, m.archived ? 'archive/milestones' : 'milestones');
  fs.mkdirSync(dir, { recursive: true });
  const text = `---\nid: ${m.id}\ntitle: "${m.title}"\n${m.due ? `due_date: "${m.due}"\n` : ''}---\n\n## Description\n\n${m.description ?? `Milestone: ${m.title}`}\n`;
  fs.writeFileSync(path.join(dir, `${m.id} - ${m.title.replace(/\s+/g, '-').toLowerCase()}.md`), text);
}

/** `backlog init`'s config.yml. */
export function writeBacklogConfig(backlogDir: string, options: { project?: string; statuses?: string[]; prefix?: string } = {}): void {
  fs.mkdirSync(backlogDir, { recursive: true });
  const statuses = options.statuses ?? ['To Do', 'In Progress', 'Done'];
  fs.writeFileSync(
    path.join(backlogDir, 'config.yml'),
    [`project_name: "${options.project ?? 'Demo'}"`, `default_status: "${statuses[0]}"`, `statuses: [${statuses.map((s) => `"${s}"`).join(', ')}]`, 'labels: []', 'date_format: yyyy-mm-dd hh:mm', 'auto_commit: false', ...(options.prefix ? [`task_prefix: "${options.prefix}"`] : []), ''].join('\n'),
  );
}

export interface TaskmasterTask {
  id: number;
  title: string;
  description?: string;
  status?: string;
  dependencies?: (number | string)[];
  priority?: string;
  details?: string;
  testStrategy?: string;
  subtasks?: { id: number; title: string; description?: string; status?: string; dependencies?: (number | string)[]; details?: string; acceptanceCriteria?: string }[];
}

/** `.taskmaster/tasks/tasks.json` with tags, as Taskmaster 0.17+ writes it (two-space JSON). */
export function writeTaskmaster(repoDir: string, tags: Record<string, TaskmasterTask[]>): string {
  const file = path.join(repoDir, '.taskmaster', 'tasks', 'tasks.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const data = Object.fromEntries(
    Object.entries(tags).map(([tag, tasks]) => [
      tag,
      {
        tasks: tasks.map((t) => ({ id: t.id, title: t.title, description: t.description ?? '', status: t.status ?? 'pending', dependencies: t.dependencies ?? [], priority: t.priority ?? 'medium', details: t.details ?? '', testStrategy: t.testStrategy ?? '', subtasks: (t.subtasks ?? []).map((s) => ({ dependencies: [], status: 'pending', ...s })) })),
        metadata: { created: '2025-06-13T23:52:56.848Z', updated: '2025-08-02T14:13:14.826Z', description: `Tasks for ${tag} context` },
      },
    ]),
  );
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

export interface BeadsIssue {
  id: string;
  title: string;
  description?: string;
  status?: string;
  priority?: number;
  issue_type?: string;
  assignee?: string;
  labels?: string[];
  notes?: string;
  acceptance_criteria?: string;
  estimated_minutes?: number;
  external_ref?: string;
  dependencies?: { depends_on_id: string; type: string }[];
  comments?: { author: string; text: string; created_at: string }[];
}

/** `.beads/issues.jsonl` as `bd export` writes it: one issue a line, dependencies embedded, `_type: issue`. */
export function beadsLine(i: BeadsIssue): string {
  return JSON.stringify({
    _type: 'issue',
    id: i.id,
    title: i.title,
    ...(i.description ? { description: i.description } : {}),
    ...(i.acceptance_criteria ? { acceptance_criteria: i.acceptance_criteria } : {}),
    ...(i.notes ? { notes: i.notes } : {}),
    status: i.status ?? 'open',
    priority: i.priority ?? 2,
    issue_type: i.issue_type ?? 'task',
    ...(i.assignee ? { assignee: i.assignee } : {}),
    ...(i.estimated_minutes !== undefined ? { estimated_minutes: i.estimated_minutes } : {}),
    created_at: '2026-04-18T16:19:12Z',
    created_by: 'matt',
    updated_at: '2026-04-18T16:30:16.123456-07:00',
    ...(i.external_ref ? { external_ref: i.external_ref } : {}),
    ...(i.labels ? { labels: i.labels } : {}),
    ...(i.dependencies ? { dependencies: i.dependencies.map((d) => ({ issue_id: i.id, ...d, created_at: '2026-04-18T16:20:00Z', created_by: 'matt' })) } : {}),
    ...(i.comments ? { comments: i.comments.map((c, n) => ({ id: String(n + 1), issue_id: i.id, ...c })) } : {}),
    dependency_count: i.dependencies?.length ?? 0,
    dependent_count: 0,
    comment_count: i.comments?.length ?? 0,
  });
}

export function writeBeads(repoDir: string, issues: readonly (BeadsIssue | string)[], config?: string): string {
  const dir = path.join(repoDir, '.beads');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'issues.jsonl'), issues.map((i) => (typeof i === 'string' ? i : beadsLine(i))).join('\n') + '\n');
  if (config) fs.writeFileSync(path.join(dir, 'config.yaml'), config);
  return path.join(dir, 'issues.jsonl');
}
