// beads' .beads/*.jsonl -> import items: issues, their blocking and parent-child dependencies, external refs.
import * as YAML from 'yaml';
import { yamlValue } from '../../store/yaml-bounded.js';
import type { Priority, TodoStatus } from '../../core/enums.js';
import type { ImportProblem, SourceBatch, SourceItem, SourceRef } from '../../core/import/model.js';
import type { Note } from '../../core/schema/common.js';
import type { SourceFile } from './files.js';
import { compactData, linesToList, priorityFromWord, statusFromWord, text, toTimestamp, uniqueStrings } from './values.js';

type Json = Record<string, unknown>;

const BEADS_STATUS: Record<TodoStatus, string> = { pending: 'open', in_progress: 'in_progress', blocked: 'blocked', completed: 'closed', cancelled: 'closed' };
const PRIORITY_OF_NUMBER: Priority[] = ['critical', 'high', 'medium', 'low', 'low'];
/** Dependency types that hold work back (beads' `bd ready` waits on them); the others are links. */
const BLOCKING_TYPES = new Set(['blocks', 'conditional-blocks', 'waits-for', '']);
const MAPPED_KEYS = new Set(['id', 'title', 'description', 'status', 'priority', 'assignee', 'labels', 'acceptance_criteria', 'notes', 'comments', 'dependencies', 'created_at', 'updated_at', 'estimated_minutes', '_type']);
/** Counts beads computes on export: not data. */
const DERIVED_KEYS = new Set(['dependency_count', 'dependent_count', 'comment_count', 'parent']);

export interface BeadsSource {
  batch: SourceBatch;
  /** external_projects from .beads/config.yaml: project name -> path (as written). */
  projects: Record<string, string>;
}

export function parseBeads(files: readonly SourceFile[]): BeadsSource {
  const skipped: ImportProblem[] = [];
  const partial: ImportProblem[] = [];
  const projects = readProjects(files.find((f) => /^config\.ya?ml$/.test(f.rel)), partial);
  // The last line for an id wins (beads appends); an earlier one is reported, not imported.
  const latest = new Map<string, { issue: Json; where: string }>();
  for (const f of files) {
    if (!f.rel.endsWith('.jsonl')) continue;
    for (const p of f.problems) partial.push({ where: f.where, reason: p });
    f.text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${f.where}:${i + 1}`;
      let issue: Json;
      try {
        issue = JSON.parse(line) as Json;
      } catch (e) {
        return void skipped.push({ where, reason: `not a JSON object (${(e as Error).message}); fix or remove the line` });
      }
      if (!issue || typeof issue !== 'object' || Array.isArray(issue)) return void skipped.push({ where, reason: 'not a JSON object' });
      if (issue['_type'] !== undefined && issue['_type'] !== 'issue') return void skipped.push({ where, reason: `a beads ${String(issue['_type'])} record, not an issue` });
      const id = text(issue['id'])?.trim();
      if (!id || !text(issue['title'])) return void skipped.push({ where, reason: `an issue needs an id and a title (found ${id ? `id ${id}` : 'no id'})` });
      if (issue['status'] === 'tombstone') return void skipped.push({ where, item: `beads:${id}`, reason: 'deleted in beads (a tombstone)' });
      const earlier = latest.get(id);
      if (earlier) skipped.push({ where: earlier.where, item: `beads:${id}`, reason: `${id} appears again at ${where}; the later line was imported` });
      latest.set(id, { issue, where });
    });
  }
  const ids = new Set([...latest.keys()].map((id) => `beads:${id}`));
  const items = [...latest.values()].map(({ issue, where }) => readIssue(issue, where, ids, partial));
  return { batch: { tool: 'beads', items, skipped, partial }, projects };
}

function readProjects(file: SourceFile | undefined, partial: ImportProblem[]): Record<string, string> {
  if (!file) return {};
  try {
    const c = (yamlValue(YAML, file.text, 50) ?? {}) as Json;
    const p = c['external_projects'];
    if (!p || typeof p !== 'object') return {};
    return Object.fromEntries(Object.entries(p as Json).filter(([, v]) => typeof v === 'string') as [string, string][]);
  } catch (e) {
    partial.push({ where: file.where, reason: `not valid YAML (${(e as Error).message.split('\n')[0]}); external_projects was not read` });
    return {};
  }
}

function readIssue(b: Json, where: string, ids: ReadonlySet<string>, partial: ImportProblem[]): SourceItem {
  const id = String(b['id']).trim();
  const sourceId = `beads:${id}`;
  const metadata: Json = {};
  for (const [k, v] of Object.entries(b)) if (!MAPPED_KEYS.has(k) && !DERIVED_KEYS.has(k) && v !== undefined && v !== null) metadata[k] = v;
  const statusText = text(b['status']) ?? 'open';
  let status = statusFromWord(statusText);
  if (!status) {
    status = 'pending';
    partial.push({ where, item: sourceId, reason: `status "${statusText}" is not one Concord knows; read as pending (kept in metadata.beads.status)` });
  }
  if (statusText !== BEADS_STATUS[status]) metadata['status'] = statusText;
  const rawPriority = b['priority'];
  let priority = typeof rawPriority === 'number' && Number.isInteger(rawPriority) ? PRIORITY_OF_NUMBER[rawPriority] : rawPriority === undefined || rawPriority === null ? 'medium' : priorityFromWord(String(rawPriority));
  if (!priority) {
    priority = 'medium';
    partial.push({ where, item: sourceId, reason: `priority ${JSON.stringify(rawPriority)} is not 0-4; read as medium (kept in metadata.beads.priority)` });
  }
  if (rawPriority !== undefined && rawPriority !== PRIORITY_OF_NUMBER.indexOf(priority)) metadata['priority'] = rawPriority;

  const notes: Note[] = [];
  const noteText = text(b['notes']);
  if (noteText) notes.push({ text: noteText });
  for (const c of Array.isArray(b['comments']) ? (b['comments'] as Json[]) : []) {
    const body = text(c?.['text']);
    if (!body) continue;
    const author = text(c['author'])?.trim();
    const at = toTimestamp(c['created_at']);
    notes.push({ ...(author ? { author } : {}), ...(at ? { at } : {}), text: body });
  }
  const blocked_by: SourceRef[] = [];
  const links: Json[] = [];
  const missing: string[] = [];
  let parent: string | undefined;
  for (const d of Array.isArray(b['dependencies']) ? (b['dependencies'] as Json[]) : []) {
    const target = text(d?.['depends_on_id'])?.trim();
    if (!target || (d['issue_id'] !== undefined && String(d['issue_id']) !== id)) continue;
    const type = text(d['type']) ?? '';
    if (type === 'parent-child') {
      if (ids.has(`beads:${target}`)) parent = `beads:${target}`;
      else missing.push(target);
    } else if (!BLOCKING_TYPES.has(type)) links.push({ type, id: target });
    else if (target.startsWith('external:')) {
      const [, project, capability] = target.split(':', 3);
      if (project && capability) blocked_by.push({ external: { project, capability: target.slice(`external:${project}:`.length) }, raw: target });
      else partial.push({ where, item: sourceId, reason: `${target} is not external:<project>:<capability>; that dependency was left out` });
    } else if (ids.has(`beads:${target}`)) blocked_by.push({ source_id: `beads:${target}` });
    else missing.push(target);
  }
  if (links.length) metadata['links'] = links;
  if (missing.length) {
    metadata['missing_dependencies'] = missing;
    partial.push({ where, item: sourceId, reason: `it depends on ${missing.join(', ')}, not in this .beads folder; kept in metadata.beads.missing_dependencies, not as an edge` });
  }
  const minutes = b['estimated_minutes'];
  return {
    source_id: sourceId,
    where,
    fields: {
      task: text(b['title'])!.trim(),
      description: text(b['description']),
      status,
      priority,
      created: toTimestamp(b['created_at']),
      updated: toTimestamp(b['updated_at']),
      assignee: text(b['assignee'])?.trim(),
      labels: uniqueStrings(b['labels']),
      acceptance_criteria: linesToList(b['acceptance_criteria']),
      notes,
      estimated_hours: typeof minutes === 'number' && minutes >= 0 ? minutes / 60 : undefined,
    },
    blocked_by,
    parent,
    metadata: compactData(metadata),
  };
}
