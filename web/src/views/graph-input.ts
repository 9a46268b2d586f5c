// The dependency graph as the layout engines take it: the API's nodes grouped by repo (a collapsed repo is one
// node), parallel edges between collapsed repos merged, and the graph elkjs lays out with the graph view's options.
// Pure (no worker), so test/web/elk-worker.test.ts lays out the very graphs the dashboard sends.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

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
export interface Line {
  id: string;
  /** The SVG path. */
  d: string;
  critical: boolean;
  count: number;
  label?: string;
}

/**
 * The graph view's elkjs layout options. scripts/elk-layered.mjs ships elk's worker without what other values of
 * some options would select (another edge routing than POLYLINE/ORTHOGONAL, wrapping, post-compaction...): such a
 * layout fails there with "not in this build" (test/web/elk-worker.test.ts), so change them together.
 */
export const ELK_LAYOUT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '18',
  'elk.edgeRouting': 'POLYLINE',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
  'elk.layered.thoroughness': '3',
};

/** The group of the issues in the graph. */
export const ISSUES = 'issues';
/** Beyond these, elk's layered layout takes seconds (its long edges become chains of dummy nodes). */
const ELK_MAX_EDGES = 160;
const ELK_MAX_NODES = 260;
const CHAR = 6.4;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
export const nodeText = (n: GraphNode) => clip(n.label, 42);

export interface GraphInput {
  /** The members of each group (repo, or the issues). */
  groups: Map<string, GraphNode[]>;
  byId: Map<string, GraphNode>;
  /** The top-level nodes: loose nodes, collapsed groups (`group:<name>`), expanded groups' frames (`frame:<name>`). */
  children: ElkNode[];
  /** The edges between what is drawn, parallel ones merged (with their count), by id. */
  merged: Map<string, Line & { from: string; to: string }>;
  /** Too dense for elk to answer in time: the fast layout draws it. */
  dense: boolean;
  /** What elk lays out. */
  elk: ElkNode;
}

/** The graph with the repos in `collapsed` drawn as one node each. */
export function graphInput(d: Diagram, collapsed: ReadonlySet<string>): GraphInput {
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
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  /** Where an edge's end is drawn: the node itself, or its collapsed repo. */
  const endOf = (id: string) => {
    const n = byId.get(id);
    const g = n && groupOf(n);
    return g && collapsed.has(g) ? `group:${g}` : id;
  };
  const leaf = (n: GraphNode): ElkNode => ({ id: n.id, width: Math.max(90, nodeText(n).length * CHAR + 20), height: 38 });
  const children: ElkNode[] = top.map(leaf);
  for (const [name, members] of groups) {
    if (collapsed.has(name)) children.push({ id: `group:${name}`, width: 190, height: 58 });
    else children.push({ id: `frame:${name}`, children: members.map(leaf), layoutOptions: { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' } });
  }
  // Parallel edges between collapsed repos become one, with a count.
  const merged = new Map<string, Line & { from: string; to: string }>();
  for (const e of d.edges) {
    const from = endOf(e.from);
    const to = endOf(e.to);
    if (from === to || !byId.has(e.from) || !byId.has(e.to)) continue;
    const key = `${from}->${to}`;
    const m = merged.get(key);
    if (m) {
      m.count++;
      m.critical ||= !!e.critical;
    } else merged.set(key, { id: key, from, to, d: '', critical: !!e.critical, count: 1, ...(e.label ? { label: e.label } : {}) });
  }
  const leaves = children.reduce((n, c) => n + (c.children?.length ?? 1), 0);
  const edges: ElkExtendedEdge[] = [...merged.values()].map((m) => ({ id: m.id, sources: [m.from], targets: [m.to] }));
  return { groups, byId, children, merged, dense: merged.size > ELK_MAX_EDGES || leaves > ELK_MAX_NODES, elk: { id: 'root', layoutOptions: ELK_LAYOUT, children, edges } };
}
