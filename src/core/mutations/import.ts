// Planner for `concord import`: source items -> todos (created or updated by source_id), a plan's milestones, edges.
import { type ImportTool, OWNED_FIELDS, type SourceBatch, type SourceItem, type SourceRef, toolOfSourceId } from '../import/model.js';
import { countReport, emptyReport, type ImportReport } from '../import/report.js';
import type { Milestone, Todo } from '../model.js';
import type { Note } from '../schema/common.js';
import { cyclicComponents } from '../graph/cycles.js';
import { SECTIONS } from '../sections.js';
import { compact, type MutationContext, type MutationPlan, type RecordChange } from './change.js';

/** One source folder and the repo it maps into. */
export interface ImportTarget extends SourceBatch {
  repo: string;
  /** When the repo is not in the catalog yet: the path it is added with. */
  repoPath?: string | undefined;
  /** The folder as given, for messages. */
  label: string;
}

export interface ImportRequest {
  batches: ImportTarget[];
  /** Project names the sources use for other repos (beads external_projects) -> repo names. */
  projects?: Record<string, string>;
}

interface Slot {
  batch: ImportTarget;
  item: SourceItem;
  id: string;
  before: Todo | undefined;
}

const keyOf = (repo: string, sourceId: string) => `${repo}\u0000${sourceId}`;

/**
 * Plans one write for a whole import: every item is created, or updated when a todo of the same repo
 * already has its source_id. Edges between imported items belong to the source (set as it says); edges
 * to anything else were made in Concord and are kept. Nothing here reads files: the parsers did.
 */
export function planImport(ctx: MutationContext, req: ImportRequest): { plan: MutationPlan; report: ImportReport } {
  const report = emptyReport();
  const changes: RecordChange[] = [];
  for (const b of req.batches) {
    report.skipped.push(...b.skipped);
    report.partial.push(...b.partial);
  }
  planRepos(ctx, req.batches, changes, report);
  const existing = importedTodos(ctx, new Set(req.batches.map((b) => b.repo)));
  const { slots, bySource } = assignIds(ctx, req.batches, existing, report);
  const imported = new Set(slots.map((s) => s.id));
  const milestones = new Map<string, { plan: string; milestone: string }>();
  const sourcePlans = new Map<ImportTarget, string | undefined>();
  for (const b of req.batches) sourcePlans.set(b, planMilestones(ctx, b, milestones, changes, report));

  // Owned blockers of each imported todo, in the source's order: its dependencies, then its subtasks.
  const owned = new Map<string, string[]>(slots.map((s) => [s.id, []]));
  const outside = new Map<string, Set<string>>();
  const elsewhere = elsewhereIndex(ctx, req, slots);
  for (const s of slots) {
    const list = owned.get(s.id)!;
    for (const ref of s.item.blocked_by) {
      const target = resolveRef(ctx, req, s, ref, bySource, existing, slots, elsewhere);
      if (typeof target !== 'string') report.partial.push({ where: s.item.where, item: s.item.source_id, reason: target.reason });
      else if (target === s.id) report.partial.push({ where: s.item.where, item: s.item.source_id, reason: `${s.item.source_id} depends on itself; that dependency was left out` });
      else if (!list.includes(target)) {
        list.push(target);
        if (!imported.has(target)) outside.set(target, (outside.get(target) ?? new Set()).add(s.id));
      }
    }
  }
  linkSubtasks(slots, bySource, owned, report);
  breakCycles(slots, owned, report);
  const dependents = new Map<string, string[]>();
  for (const [id, blockers] of owned) for (const b of blockers) if (imported.has(b)) dependents.set(b, [...(dependents.get(b) ?? []), id]);

  const foreign = (list: readonly string[] | undefined) => (list ?? []).filter((x) => !imported.has(x));
  for (const s of slots) {
    const ms = s.item.milestone ? milestones.get(keyOf(s.batch.repo, s.item.milestone)) : undefined;
    if (s.item.milestone && !ms) report.partial.push({ where: s.item.where, item: s.item.source_id, reason: `milestone ${s.item.milestone} is not in the source; imported without a milestone` });
    const desired = desiredRecord(s, {
      blocked_by: [...owned.get(s.id)!, ...foreign(s.before?.blocked_by)],
      blocking: [...(dependents.get(s.id) ?? []), ...foreign(s.before?.blocking)],
      milestone: ms,
      sourcePlan: sourcePlans.get(s.batch),
    });
    if (!s.before) {
      const record = ordered({ id: s.id, repo: s.batch.repo, ...desired, created: s.item.fields.created ?? ctx.now, updated: s.item.fields.updated ?? ctx.now });
      changes.push({ op: 'create', section: 'todos', record });
      report.created.push({ kind: 'todo', id: s.id, source_id: s.item.source_id, title: s.item.fields.task, repo: s.batch.repo });
      continue;
    }
    const set = changedFields(s.before, desired, [...OWNED_FIELDS[s.batch.tool], 'blocked_by', 'blocking', 'source_id', 'metadata']);
    if (Object.keys(set).length === 0) {
      report.unchanged++;
      continue;
    }
    const fields = Object.keys(set);
    const updated = s.item.fields.updated;
    set['updated'] = updated !== undefined && updated !== s.before.updated ? updated : ctx.now;
    changes.push({ op: 'update', section: 'todos', id: s.id, set });
    report.updated.push({ kind: 'todo', id: s.id, source_id: s.item.source_id, title: s.item.fields.task, repo: s.batch.repo, fields });
  }
  // A todo outside the import that an imported one now waits on lists it under blocking, as edges must.
  for (const [id, waiting] of outside) {
    const row = ctx.graph.todos.get(id) ?? ctx.graph.issues.get(id);
    if (!row) continue;
    const blocking = [...row.blocking, ...[...waiting].filter((w) => !row.blocking.includes(w as never))];
    if (blocking.length !== row.blocking.length) changes.push({ op: 'update', section: ctx.graph.todos.has(id) ? 'todos' : 'issues', id, set: { blocking, updated: ctx.now } });
  }
  reportMissing(req.batches, existing, bySource, report);
  const first = report.created.find((e) => e.kind === 'todo') ?? report.updated[0];
  return { plan: { target: { section: 'todos', id: first?.id ?? '' }, changes, mirrored: true }, report: countReport(report) };
}

/**
 * A parent is blocked by its subtasks. A subtask that itself waits on its parent (directly or through others)
 * would close a loop: that one link is left out and reported; cycles among the source's own dependencies are
 * the source's, and the write refuses them.
 */
function linkSubtasks(slots: readonly Slot[], bySource: Map<string, Slot>, owned: Map<string, string[]>, report: ImportReport): void {
  const links: { child: Slot; parent: string }[] = [];
  for (const s of slots) {
    if (s.item.parent === undefined) continue;
    const parent = bySource.get(keyOf(s.batch.repo, s.item.parent));
    if (!parent) report.partial.push({ where: s.item.where, item: s.item.source_id, reason: `its parent ${s.item.parent} is not among the imported items; it was imported without the link to it` });
    else if (!owned.get(parent.id)!.includes(s.id)) {
      owned.get(parent.id)!.push(s.id);
      links.push({ child: s, parent: parent.id });
    }
  }
  if (!links.length) return;
  const looped = new Set<string>();
  for (const c of cyclicComponents(owned.keys(), (id) => owned.get(id) ?? [])) for (const id of c) looped.add(id);
  for (const { child, parent } of links) {
    if (!looped.has(parent) || !looped.has(child.id)) continue;
    owned.set(parent, owned.get(parent)!.filter((x) => x !== child.id));
    report.partial.push({ where: child.item.where, item: child.item.source_id, reason: `it waits on its parent ${child.item.parent}, so the parent is not also made to wait on it (that would be a loop)` });
  }
}

/**
 * Dependencies that go round in a loop in the source (Taskmaster's own tasks.json has two subtasks that wait
 * on each other) would make the whole import refused. One edge of each loop is left out instead, and reported.
 */
function breakCycles(slots: readonly Slot[], owned: Map<string, string[]>, report: ImportReport): void {
  const byId = new Map(slots.map((s) => [s.id, s]));
  for (let round = 0; round < 1000; round++) {
    const components = cyclicComponents(owned.keys(), (id) => owned.get(id) ?? []);
    if (!components.length) return;
    for (const c of components) {
      const loop = loopIn(c, owned);
      const [from, to] = [loop[loop.length - 2]!, loop[loop.length - 1]!];
      owned.set(from, owned.get(from)!.filter((x) => x !== to));
      const s = byId.get(from)!;
      const names = loop.map((id) => byId.get(id)?.item.source_id ?? id);
      report.partial.push({ where: s.item.where, item: s.item.source_id, reason: `its dependencies go round in a loop (${names.join(' -> ')}); the last one, on ${names[names.length - 1]}, was left out` });
    }
  }
}

/** A loop inside a strongly connected component, following blockers: [a, b, ..., a]. */
function loopIn(component: ReadonlySet<string>, owned: Map<string, string[]>): string[] {
  const start = [...component][0]!;
  const path = [start];
  const seen = new Set<string>([start]);
  for (let cur = start; ; ) {
    const next = (owned.get(cur) ?? []).find((x) => component.has(x) && (x === start || !seen.has(x))) ?? (owned.get(cur) ?? []).find((x) => component.has(x))!;
    path.push(next);
    if (next === start || seen.has(next)) return path.slice(path.indexOf(next));
    seen.add(next);
    cur = next;
  }
}

function planRepos(ctx: MutationContext, batches: readonly ImportTarget[], changes: RecordChange[], report: ImportReport): void {
  const added = new Set<string>();
  for (const b of batches) {
    if (ctx.graph.repos.has(b.repo) || added.has(b.repo)) continue;
    added.add(b.repo);
    changes.push({ op: 'create', section: 'repos', record: compact({ name: b.repo, path: b.repoPath }) });
    report.created.push({ kind: 'repo', id: b.repo, title: b.repo });
  }
}

/** The todos of these repos that an earlier import made, by repo and source_id. */
function importedTodos(ctx: MutationContext, repos: ReadonlySet<string>): Map<string, Todo> {
  const out = new Map<string, Todo>();
  for (const row of ctx.graph.todos.values()) {
    if (row.repo === undefined || !repos.has(row.repo)) continue;
    const todo = ctx.todo(row.id);
    if (todo?.source_id !== undefined && !out.has(keyOf(row.repo, todo.source_id))) out.set(keyOf(row.repo, todo.source_id), todo);
  }
  return out;
}

function assignIds(ctx: MutationContext, batches: readonly ImportTarget[], existing: Map<string, Todo>, report: ImportReport): { slots: Slot[]; bySource: Map<string, Slot> } {
  const slots: Slot[] = [];
  const bySource = new Map<string, Slot>();
  const claimed = new Set<string>();
  for (const batch of batches) {
    for (const item of batch.items) {
      const k = keyOf(batch.repo, item.source_id);
      if (bySource.has(k)) {
        report.skipped.push({ where: item.where, item: item.source_id, reason: `${item.source_id} appears twice in ${batch.label}; only ${bySource.get(k)!.item.where} was imported` });
        continue;
      }
      let before = existing.get(k);
      if (!before && item.concord_id && !claimed.has(item.concord_id)) {
        // A todo Concord exported without a source id comes back with the id it was exported under.
        const t = ctx.todo(item.concord_id);
        if (t && t.repo === batch.repo && (t.source_id === undefined || t.source_id === item.source_id)) before = t;
      }
      const id = before?.id ?? ctx.newId('todo');
      claimed.add(id);
      const slot = { batch, item, id, before };
      slots.push(slot);
      bySource.set(k, slot);
    }
  }
  return { slots, bySource };
}

/** Items of other repos by source_id: the imported ones and those imported earlier (built when a ref asks). */
type Elsewhere = () => Map<string, { id: string; repo: string }[]>;

function elsewhereIndex(ctx: MutationContext, req: ImportRequest, slots: readonly Slot[]): Elsewhere {
  let index: Map<string, { id: string; repo: string }[]> | undefined;
  return () => {
    if (index) return index;
    const out = new Map<string, { id: string; repo: string }[]>();
    const add = (sourceId: string, id: string, repo: string) => out.set(sourceId, [...(out.get(sourceId) ?? []).filter((x) => x.id !== id), { id, repo }]);
    for (const x of slots) add(x.item.source_id, x.id, x.batch.repo);
    const importing = new Set(req.batches.map((b) => b.repo));
    for (const row of ctx.graph.todos.values()) {
      if (row.repo === undefined || importing.has(row.repo)) continue;
      const sourceId = ctx.todo(row.id)?.source_id;
      if (sourceId !== undefined) add(sourceId, row.id, row.repo);
    }
    return (index = out);
  };
}

function resolveRef(ctx: MutationContext, req: ImportRequest, s: Slot, ref: SourceRef, bySource: Map<string, Slot>, existing: Map<string, Todo>, slots: readonly Slot[], elsewhere: Elsewhere): string | { reason: string } {
  if ('source_id' in ref) {
    const k = keyOf(s.batch.repo, ref.source_id);
    const found = bySource.get(k)?.id ?? existing.get(k)?.id;
    if (found) return found;
    if (ref.outside === undefined) return { reason: `it depends on ${ref.source_id}, which was not imported; that dependency was left out` };
    // Not in its own folder: the item of that id in exactly one other repo (imported now or before).
    const others = (elsewhere().get(ref.source_id) ?? []).filter((x) => x.repo !== s.batch.repo);
    if (others.length === 1) return others[0]!.id;
    const kept = `kept in metadata.${s.batch.tool}.missing_dependencies, not as an edge`;
    const { written, folder } = ref.outside;
    if (others.length > 1) return { reason: `it depends on ${written}, not in ${folder}, and repos ${others.map((x) => `${x.repo} (${x.id})`).join(' and ')} each have one; ${kept}` };
    return { reason: `it depends on ${written}, not in ${folder} nor in another repo's folder; ${kept}` };
  }
  const { project, capability } = ref.external;
  const repo = req.projects?.[project] ?? project;
  const labels = [`provides:${capability}`, `export:${capability}`];
  const inImport = slots.find((x) => x.batch.repo === repo && x.item.fields.labels.some((l) => labels.includes(l)));
  if (inImport) return inImport.id;
  if (!ctx.graph.repos.has(repo) && !slots.some((x) => x.batch.repo === repo)) {
    return { reason: `${ref.raw}: no repo "${project}" in the catalog or among the imported folders; import that repo too, or map the project in .beads/config.yaml external_projects` };
  }
  for (const row of ctx.graph.todos.values()) if (row.repo === repo && row.labels.some((l) => labels.includes(l))) return row.id;
  return { reason: `${ref.raw}: repo ${repo} has no item labelled ${labels.join(' or ')}; that dependency was left out` };
}

/** The plan that holds a source's milestones: created once, then its milestones kept in step by source_id. */
function planMilestones(ctx: MutationContext, b: ImportTarget, out: Map<string, { plan: string; milestone: string }>, changes: RecordChange[], report: ImportReport): string | undefined {
  if (!b.milestones) return undefined;
  const { plan: source, list } = b.milestones;
  const plan = [...ctx.graph.plans.values()].find((p) => p.source_id === source.source_id && p.repos.includes(b.repo as never));
  if (!plan && list.length === 0) return undefined;
  const known = new Map((plan?.milestones ?? []).filter((m) => m.source_id !== undefined).map((m) => [m.source_id!, m]));
  const wanted = new Map<string, Record<string, unknown>>();
  for (const m of list) {
    // A milestone Concord exported without a source id comes back with the id it was exported under.
    const old = known.get(m.source_id) ?? plan?.milestones.find((x) => x.source_id === undefined && (x.id === m.concord_id || (m.source_id.startsWith('backlog:milestone/') && x.name.toLowerCase() === m.name.toLowerCase())));
    const id = old?.id ?? ctx.newId('milestone');
    wanted.set(m.source_id, { ...(old ?? {}), id, name: m.name, description: m.description, due: m.due, status: m.status, source_id: m.source_id });
    if (!old) report.created.push({ kind: 'milestone', id, source_id: m.source_id, title: m.name, repo: b.repo });
  }
  const planId = plan?.id ?? ctx.newId('plan');
  for (const [sid, m] of wanted) out.set(keyOf(b.repo, sid), { plan: planId, milestone: String(m['id']) });
  const byId = new Map([...wanted.values()].map((m) => [String(m['id']), m]));
  const kept = (plan?.milestones ?? []).map((m) => byId.get(m.id) ?? (m as unknown as Record<string, unknown>));
  const added = [...wanted.values()].filter((m) => !kept.includes(m));
  const milestones = [...kept, ...added].map(compactMilestone);
  if (!plan) {
    const record = compact({ id: planId, title: source.title, status: 'active', repos: [b.repo], created: ctx.now, updated: ctx.now, milestones, source_id: source.source_id });
    changes.push({ op: 'create', section: 'plans', record });
    report.created.push({ kind: 'plan', id: planId, source_id: source.source_id, title: source.title, repo: b.repo });
  } else if (!sameData(plan.milestones.map(compactMilestone), milestones)) {
    changes.push({ op: 'update', section: 'plans', id: plan.id, set: { milestones, updated: ctx.now } });
    report.updated.push({ kind: 'plan', id: plan.id, source_id: source.source_id, title: plan.title, repo: b.repo, fields: ['milestones'] });
  }
  return planId;
}

function compactMilestone(m: Milestone | Record<string, unknown>): Record<string, unknown> {
  return ordered(compact({ ...m }), SECTIONS.plans.nested!['milestones']!.keyOrder);
}

function desiredRecord(s: Slot, edges: { blocked_by: string[]; blocking: string[]; milestone: { plan: string; milestone: string } | undefined; sourcePlan: string | undefined }): Record<string, unknown> {
  const f = s.item.fields;
  const tool = s.batch.tool;
  const out: Record<string, unknown> = {
    task: f.task,
    description: f.description,
    status: f.status,
    priority: f.priority,
    created: f.created ?? s.before?.created,
    assignee: f.assignee,
    labels: f.labels,
    acceptance_criteria: f.acceptance_criteria,
    notes: mergeNotes(f.notes, s.before?.notes),
    estimated_hours: f.estimated_hours,
    blocked_by: [...new Set(edges.blocked_by)],
    blocking: [...new Set(edges.blocking)],
    source_id: s.item.source_id,
    metadata: mergeMetadata(s.before?.metadata, tool, s.item.metadata),
  };
  if (s.item.milestone !== undefined) {
    // A plan set in Concord (not the source's plan of milestones) stays when the source has no milestone.
    const elsewhere = s.before?.plan !== undefined && s.before.plan !== edges.sourcePlan;
    out['plan'] = edges.milestone?.plan ?? (elsewhere ? s.before?.plan : undefined);
    out['milestone'] = edges.milestone?.milestone ?? (elsewhere ? s.before?.milestone : undefined);
  }
  return out;
}

/** The source's notes, then the notes written in Concord since (they are append-only: never dropped). */
function mergeNotes(source: readonly Note[], before: readonly Note[] | undefined): Note[] {
  const same = (a: Note, b: Note) => a.text === b.text && a.author === b.author && a.at === b.at;
  return [...source, ...(before ?? []).filter((n) => !source.some((x) => same(x, n)))];
}

function mergeMetadata(before: Record<string, unknown> | undefined, tool: ImportTool, mine: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...(before ?? {}) };
  delete out[tool];
  if (mine && Object.keys(mine).length) out[tool] = mine;
  return Object.keys(out).length ? out : undefined;
}

const SET_LIKE = new Set(['blocked_by', 'blocking', 'labels']);

function changedFields(before: Todo, desired: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const b = before as unknown as Record<string, unknown>;
  for (const f of fields) {
    if (!(f in desired)) continue;
    const want = desired[f];
    const have = b[f];
    if (SET_LIKE.has(f) && sameSet(have as string[] | undefined, want as string[])) continue;
    if (sameData(emptyToUndefined(have), emptyToUndefined(want))) continue;
    set[f] = emptyToUndefined(want);
  }
  return set;
}

const emptyToUndefined = (v: unknown) => (v === null || (Array.isArray(v) && v.length === 0) ? undefined : v);

function sameSet(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const x = new Set(a ?? []);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Equal as data, whatever the order of keys (YAML keeps the order written; a comparison must not care). */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}

/** Fields in the section's canonical order, empty ones dropped: how a new record is written. */
function ordered(record: Record<string, unknown>, order: readonly string[] = SECTIONS.todos.keyOrder): Record<string, unknown> {
  const c = compact(record);
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in c) out[k] = c[k];
  for (const k of Object.keys(c)) if (!(k in out)) out[k] = c[k];
  return out;
}

function reportMissing(batches: readonly ImportTarget[], existing: Map<string, Todo>, bySource: Map<string, Slot>, report: ImportReport): void {
  const scope = new Set(batches.map((b) => `${b.repo}\u0000${b.tool}`));
  for (const [k, t] of existing) {
    if (bySource.has(k) || !scope.has(`${t.repo}\u0000${toolOfSourceId(t.source_id!)}`)) continue;
    report.missing.push({ kind: 'todo', id: t.id, source_id: t.source_id, title: t.task, repo: t.repo });
  }
}
