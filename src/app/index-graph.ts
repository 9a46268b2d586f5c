// A graph answered from the index record by record: what a write's planner and checks ask about a few records,
// without decoding the snapshot. Any question about the whole of it decodes the whole graph, so each answer is
// the one the full graph gives.
import { buildGraph, type Graph } from '../core/graph/graph.js';
import type { Dependency, IssueRow, Milestone, Plan, Repo, Role, TodoRow } from '../core/model.js';
import { toIssueRow, toTodoRow } from '../core/model.js';
import type { Issue, Todo } from '../core/model.js';
import type { SectionName } from '../core/sections.js';
import { SECTIONS } from '../core/sections.js';
import type { LoadedSnapshot, WorkspaceCore as Workspace } from './workspace-core.js';

/** A record a write touched, as it will be (`after` undefined: deleted); `served` is whether the index serves it now. */
export interface OverlayRecord {
  section: SectionName;
  id: string;
  after: Record<string, unknown> | undefined;
  /** Its ordinal in the index when the index serves it (a record the write repaired or created has none). */
  servedOrdinal: number | undefined;
}

/**
 * The graph of `loaded`: the one in memory when it is built, else one read from the index as asked.
 */
export function graphOf(ws: Workspace, loaded: LoadedSnapshot): Graph {
  return loaded.decoded === false ? indexGraph(ws, () => loaded.graph) : loaded.graph;
}

/**
 * A graph whose lookups by id (`get`, `has`) read the index, with the records of `overlay` as the write will
 * leave them; the small sections (repos, roles, plans, dependencies) are read whole, and the blocker edges from
 * the index's links. `whole` gives the full graph (of the same state) for anything else: iterating the todos or
 * issues, or the snapshot. The answers are those of `buildGraph` over the snapshot patched with `overlay`
 * (records updated in place, new ones at the end of their section, deleted ones gone). `same`: a graph of the
 * same index state (a write's graph before its changes), whose small sections are taken when `overlay` changes
 * none of them (not read and built again).
 */
export function indexGraph(ws: Workspace, whole: () => Graph, overlay: readonly OverlayRecord[] = [], same?: Graph): Graph {
  let full: Graph | undefined;
  const fullGraph = () => (full ??= whole());
  const touched = new Map<string, OverlayRecord>(overlay.map((o) => [`${o.section}\u0000${o.id}`, o]));
  const mine = (section: SectionName) => overlay.filter((o) => o.section === section);

  const rows = <V>(section: 'todos' | 'issues', toRow: (r: Record<string, unknown>) => V, wholeMap: () => ReadonlyMap<string, V>) => {
    const over = new Map<string, V | undefined>(mine(section).map((o) => [o.id, o.after === undefined ? undefined : toRow(o.after)]));
    return new LookupMap<V>((id) => (over.has(id) ? over.get(id) : ws.index.snapshotRows<V>(section, [id]).get(id)), wholeMap);
  };
  const todos = rows<TodoRow>('todos', (r) => toTodoRow(r as unknown as Todo), () => fullGraph().todos);
  const issues = rows<IssueRow>('issues', (r) => toIssueRow(r as unknown as Issue), () => fullGraph().issues);

  // The small sections, whole, patched as the snapshot is: in place, appended, removed.
  const section = <V>(name: 'repos' | 'roles' | 'plans' | 'dependencies'): V[] => {
    const list = [...ws.index.snapshotRows<Record<string, unknown>>(name).values()];
    const key = SECTIONS[name].idKey;
    for (const o of mine(name)) {
      const i = list.findIndex((r) => String(r[key]) === o.id);
      if (i === -1 && o.after) list.push(o.after);
      else if (i !== -1 && o.after) list[i] = o.after;
      else if (i !== -1) list.splice(i, 1);
    }
    return list as V[];
  };
  let small: Pick<Graph, 'repos' | 'roles' | 'plans' | 'milestones' | 'dependencies'> | undefined;
  const smallSections = () => {
    if (small) return small;
    if (same && !overlay.some((o) => o.section === 'repos' || o.section === 'roles' || o.section === 'plans' || o.section === 'dependencies')) {
      return (small = { repos: same.repos, roles: same.roles, plans: same.plans, milestones: same.milestones, dependencies: same.dependencies });
    }
    // buildGraph over just these sections: the same maps, in the same order, as over the whole snapshot.
    const g = buildGraph({ meta: {}, repos: section<Repo>('repos'), roles: section<Role>('roles'), plans: section<Plan>('plans'), dependencies: section<Dependency>('dependencies'), todos: [], issues: [] });
    return (small = { repos: g.repos, roles: g.roles, plans: g.plans, milestones: g.milestones, dependencies: g.dependencies });
  };

  let edges: Pick<Graph, 'blockers' | 'dependents'> | undefined;
  const edgeMaps = () => (edges ??= buildEdges(ws, overlay, touched));

  return {
    get snapshot() {
      return fullGraph().snapshot;
    },
    todos,
    issues,
    get plans() {
      return smallSections().plans;
    },
    get milestones(): ReadonlyMap<string, { milestone: Milestone; plan: Plan }> {
      return smallSections().milestones;
    },
    get dependencies() {
      return smallSections().dependencies;
    },
    get repos() {
      return smallSections().repos;
    },
    get roles() {
      return smallSections().roles;
    },
    get blockers() {
      return edgeMaps().blockers;
    },
    get dependents() {
      return edgeMaps().dependents;
    },
  };
}

/**
 * The blocker edges as buildGraph makes them: the index's links, minus those of the touched records, plus the
 * touched records' new lists, each at its record's place (a record served now keeps its place, a new or
 * repaired one comes after the others of its section, in the order touched).
 */
function buildEdges(ws: Workspace, overlay: readonly OverlayRecord[], touched: ReadonlyMap<string, OverlayRecord>): Pick<Graph, 'blockers' | 'dependents'> {
  type Edge = { blocked: string; blocker: string; rank: number; ordinal: number; pos: number };
  const list: Edge[] = [];
  const replaced = new Set<string>();
  for (const o of overlay) if (o.servedOrdinal !== undefined) replaced.add(`${o.section}\u0000${o.servedOrdinal}`);
  const links = ws.index.allLinks();
  for (let i = 0; i < links.length; i++) {
    const [blocked, blocker, section, ordinal] = links[i]!;
    if (replaced.size && replaced.has(`${section}\u0000${ordinal}`)) continue;
    list.push({ blocked, blocker, rank: section === 'todos' ? 0 : 1, ordinal, pos: i });
  }
  let appended = Number.MAX_SAFE_INTEGER / 2;
  let own = 0;
  let changed = false;
  for (const o of overlay) {
    if ((o.section !== 'todos' && o.section !== 'issues') || touched.get(`${o.section}\u0000${o.id}`) !== o) continue;
    changed ||= o.servedOrdinal !== undefined || o.after !== undefined;
    if (!o.after) continue;
    const ordinal = o.servedOrdinal ?? appended++;
    const rank = o.section === 'todos' ? 0 : 1;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    for (const b of strings(o.after['blocked_by'])) list.push({ blocked: o.id, blocker: b, rank, ordinal, pos: own++ });
    for (const d of strings(o.after['blocking'])) list.push({ blocked: d, blocker: o.id, rank, ordinal, pos: own++ });
  }
  // The index's links come in graph order; only touched records' edges need placing among them.
  if (changed) list.sort((a, b) => a.rank - b.rank || a.ordinal - b.ordinal || a.pos - b.pos);
  const sets = new Map<string, Set<string>>();
  for (const e of list) {
    let set = sets.get(e.blocked);
    if (!set) sets.set(e.blocked, (set = new Set()));
    set.add(e.blocker);
  }
  const blockers = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const [blocked, set] of sets) {
    const l = [...set];
    blockers.set(blocked, l);
    for (const b of l) {
      const d = dependents.get(b);
      if (d) d.push(blocked);
      else dependents.set(b, [blocked]);
    }
  }
  return { blockers, dependents };
}

/** A map whose `get` and `has` load one entry; iterating it (or its size) is the whole map's. */
class LookupMap<V> implements ReadonlyMap<string, V> {
  readonly #loaded = new Map<string, V | undefined>();
  constructor(
    private readonly load: (id: string) => V | undefined,
    private readonly whole: () => ReadonlyMap<string, V>,
  ) {}

  get(id: string): V | undefined {
    if (this.#loaded.has(id)) return this.#loaded.get(id);
    const v = typeof id === 'string' ? this.load(id) : undefined;
    this.#loaded.set(id, v);
    return v;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    return this.whole().size;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.whole().forEach(fn, thisArg);
  }

  keys(): MapIterator<string> {
    return this.whole().keys() as MapIterator<string>;
  }

  values(): MapIterator<V> {
    return this.whole().values() as MapIterator<V>;
  }

  entries(): MapIterator<[string, V]> {
    return this.whole().entries() as MapIterator<[string, V]>;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/**
 * Whether an item lies on a blocker cycle of the graph `indexGraph(ws, ..., overlay)` gives, asked of the
 * index (a recursive query over its links) instead of searching the graph.
 */
export function cycleTest(ws: Workspace, overlay: readonly OverlayRecord[]): (id: string) => boolean {
  const work = overlay.filter((o) => o.section === 'todos' || o.section === 'issues');
  const replaced = work.flatMap((o) => (o.servedOrdinal === undefined ? [] : [{ section: o.section, ordinal: o.servedOrdinal }]));
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const extra = work.flatMap((o) => (o.after ? [...strings(o.after['blocked_by']).map((b) => [o.id, b] as const), ...strings(o.after['blocking']).map((d) => [d, o.id] as const)] : []));
  return (id) => ws.index.onCycle(id, replaced, extra);
}
