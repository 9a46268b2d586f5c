// The dependency graph's layout: the API's nodes and edges, grouped by repo (a collapsed repo is one node), laid out
// by elkjs in a worker, or by fastLayout when the graph is too dense for elk to answer in time.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { ELK_LAYOUT } from './elk-options';
import { fastLayout } from './fast-layout';

export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  status?: string;
  group?: string;
  critical?: boolean;
  ready?: boolean;
}
export interface GraphEdge {
  from: string;
  to: string;
  open?: boolean;
  critical?: boolean;
  label?: string;
  status?: string;
}
export interface Diagram {
  kind: 'todos' | 'repos';
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  node?: GraphNode;
  /** A repo's frame (expanded) or its single node (collapsed). */
  group?: { name: string; collapsed: boolean; count: number; critical: number; ready: number };
}
export interface Line {
  id: string;
  /** The SVG path. */
  d: string;
  critical: boolean;
  count: number;
  label?: string;
}
export interface Layout {
  /** elk (frames around expanded repos) or fast (dense graphs: a linear-time layered layout, no frames). */
  engine: 'elk' | 'fast';
  boxes: Box[];
  lines: Line[];
  width: number;
  height: number;
}

let elk: InstanceType<typeof ELK> | undefined;
/** The group of the issues in the graph. */
export const ISSUES = 'issues';
/** Beyond these, elk's layered layout takes seconds (its long edges become chains of dummy nodes). */
const ELK_MAX_EDGES = 160;
const ELK_MAX_NODES = 260;
const CHAR = 6.4;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
export const nodeText = (n: GraphNode) => clip(n.label, 42);

/** Lays the graph out with the repos in `collapsed` drawn as one node each. */
export async function layoutGraph(d: Diagram, collapsed: ReadonlySet<string>): Promise<Layout> {
  const groups = new Map<string, GraphNode[]>();
  const top: GraphNode[] = [];
  // Issues have no repo of their own: they are one group too, so a large graph collapses them as well.
  const groupOf = (n: GraphNode) => n.group ?? (n.kind === 'issue' ? ISSUES : undefined);
  for (const n of d.nodes) {
    const name = groupOf(n);
    if (name) {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = []));
      g.push(n);
    } else top.push(n);
  }
  /** Where an edge's end is drawn: the node itself, or its collapsed repo. */
  const endOf = (id: string, byId: Map<string, GraphNode>) => {
    const n = byId.get(id);
    const g = n && groupOf(n);
    return g && collapsed.has(g) ? `group:${g}` : id;
  };
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const leaf = (n: GraphNode): ElkNode => ({ id: n.id, width: Math.max(90, nodeText(n).length * CHAR + 20), height: 38 });
  const children: ElkNode[] = top.map(leaf);
  for (const [name, members] of groups) {
    if (collapsed.has(name)) children.push({ id: `group:${name}`, width: 190, height: 58 });
    else children.push({ id: `frame:${name}`, children: members.map(leaf), layoutOptions: { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' } });
  }
  // Parallel edges between collapsed repos become one, with a count.
  const merged = new Map<string, Line & { from: string; to: string }>();
  for (const e of d.edges) {
    const from = endOf(e.from, byId);
    const to = endOf(e.to, byId);
    if (from === to || !byId.has(e.from) || !byId.has(e.to)) continue;
    const key = `${from}->${to}`;
    const m = merged.get(key);
    if (m) {
      m.count++;
      m.critical ||= !!e.critical;
    } else merged.set(key, { id: key, from, to, d: '', critical: !!e.critical, count: 1, ...(e.label ? { label: e.label } : {}) });
  }
  const groupInfo = (name: string, collapsedGroup: boolean) => {
    const members = groups.get(name)!;
    return { name, collapsed: collapsedGroup, count: members.length, critical: members.filter((m) => m.critical).length, ready: members.filter((m) => m.ready).length };
  };
  const leaves = children.reduce((n, c) => n + (c.children?.length ?? 1), 0);
  if (merged.size > ELK_MAX_EDGES || leaves > ELK_MAX_NODES) {
    const flat = children.flatMap((c) => c.children ?? [c]).map((c) => ({ id: c.id, w: c.width ?? 0, h: c.height ?? 0 }));
    const f = fastLayout(flat, [...merged.values()]);
    const boxes: Box[] = flat.map((n) => {
      const p = f.xy.get(n.id)!;
      return n.id.startsWith('group:') ? { id: n.id, ...p, group: groupInfo(n.id.slice(6), true) } : { id: n.id, ...p, node: byId.get(n.id)! };
    });
    const lines = f.paths.map((p) => ({ ...merged.get(p.id)!, d: p.d }));
    return { engine: 'fast', boxes, lines, width: f.width, height: f.height };
  }
  elk ??= new ELK({ workerUrl });
  const edges: ElkExtendedEdge[] = [...merged.values()].map((m) => ({ id: m.id, sources: [m.from], targets: [m.to] }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ELK_LAYOUT,
    children,
    edges,
  };
  const root = await elk.layout(graph);
  const boxes: Box[] = [];
  for (const c of root.children ?? []) {
    const base = { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 };
    if (c.id.startsWith('group:') || c.id.startsWith('frame:')) {
      const name = c.id.slice(6);
      const group = groupInfo(name, c.id.startsWith('group:'));
      boxes.push({ id: c.id, ...base, group });
      for (const k of c.children ?? []) boxes.push({ id: k.id, x: k.x ?? 0, y: k.y ?? 0, w: k.width ?? 0, h: k.height ?? 0, node: byId.get(k.id)! });
    } else boxes.push({ id: c.id, ...base, node: byId.get(c.id)! });
  }
  const lines: Line[] = [];
  for (const e of root.edges ?? []) {
    const m = merged.get(e.id)!;
    const s = e.sections?.[0];
    if (!s) continue;
    const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
    lines.push({ ...m, d: points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ') });
  }
  return { engine: 'elk', boxes, lines, width: root.width ?? 0, height: root.height ?? 0 };
}
