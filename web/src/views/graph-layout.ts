// The dependency graph's layout: the graph as graphInput prepares it (grouped by repo, a collapsed repo is one node),
// laid out by elkjs in a worker, or by fastLayout when the graph is too dense for elk to answer in time.
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { fastLayout } from './fast-layout';
import { graphInput, type Diagram, type GraphNode, type Line } from './graph-input';

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
export interface Layout {
  /** elk (frames around expanded repos) or fast (dense graphs: a linear-time layered layout, no frames). */
  engine: 'elk' | 'fast';
  boxes: Box[];
  lines: Line[];
  width: number;
  height: number;
}

let elk: InstanceType<typeof ELK> | undefined;

/** Lays the graph out with the repos in `collapsed` drawn as one node each. */
export async function layoutGraph(d: Diagram, collapsed: ReadonlySet<string>): Promise<Layout> {
  const { groups, byId, children, merged, dense, elk: graph } = graphInput(d, collapsed);
  const groupInfo = (name: string, collapsedGroup: boolean) => {
    const members = groups.get(name)!;
    return { name, collapsed: collapsedGroup, count: members.length, critical: members.filter((m) => m.critical).length, ready: members.filter((m) => m.ready).length };
  };
  if (dense) {
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
