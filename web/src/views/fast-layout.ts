// A layered layout in linear time for graphs too dense for elkjs to lay out at once (elk takes seconds beyond a few
// hundred edges): layers by longest path (back edges of cycles ignored), two barycenter sweeps, curved edges.
export interface FastNode {
  id: string;
  w: number;
  h: number;
}
export interface FastEdge {
  id: string;
  from: string;
  to: string;
}

const GAP_X = 70;
const GAP_Y = 14;

export function fastLayout(nodes: readonly FastNode[], edges: readonly FastEdge[]) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: number[][] = nodes.map(() => []);
  const inn: number[][] = nodes.map(() => []);
  // Back edges (found by an iterative DFS) do not constrain the layers.
  const state = new Uint8Array(nodes.length);
  const back = new Set<string>();
  const adj: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined && a !== b) adj[a]!.push(b);
  }
  for (let s = 0; s < nodes.length; s++) {
    if (state[s]) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      if (i < adj[v]!.length) {
        top[1]++;
        const w = adj[v]![i]!;
        if (state[w] === 1) back.add(`${v}>${w}`);
        else if (!state[w]) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  for (let v = 0; v < nodes.length; v++) {
    for (const w of adj[v]!) {
      if (back.has(`${v}>${w}`)) continue;
      out[v]!.push(w);
      inn[w]!.push(v);
    }
  }
  // Longest path layering in topological order (Kahn).
  const layer = new Int32Array(nodes.length);
  const indeg = inn.map((l) => l.length);
  const queue: number[] = [];
  for (let v = 0; v < nodes.length; v++) if (!indeg[v]) queue.push(v);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (const w of out[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indeg[w]! === 0) queue.push(w);
    }
  }
  const layers: number[][] = [];
  for (let v = 0; v < nodes.length; v++) (layers[layer[v]!] ??= []).push(v);
  // Barycenter sweeps: each node moves towards the average position of its neighbours in other layers.
  const pos = new Float64Array(nodes.length);
  const place = () => layers.forEach((l) => l.forEach((v, i) => (pos[v] = i)));
  place();
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers : [...layers].reverse();
    for (const l of order) {
      const key = new Map<number, number>();
      for (const v of l) {
        const ns = down ? inn[v]! : out[v]!;
        key.set(v, ns.length ? ns.reduce((s, w) => s + pos[w]!, 0) / ns.length : pos[v]!);
      }
      l.sort((a, b) => key.get(a)! - key.get(b)!);
      l.forEach((v, i) => (pos[v] = i));
    }
  }
  // Coordinates: a column per layer, nodes stacked and the column centred on the tallest.
  const heights = layers.map((l) => l.reduce((s, v) => s + nodes[v]!.h + GAP_Y, -GAP_Y));
  const tallest = Math.max(0, ...heights);
  const xy = new Map<string, { x: number; y: number; w: number; h: number }>();
  let x = 0;
  layers.forEach((l, li) => {
    const width = Math.max(...l.map((v) => nodes[v]!.w));
    let y = (tallest - heights[li]!) / 2;
    for (const v of l) {
      const n = nodes[v]!;
      xy.set(n.id, { x, y, w: n.w, h: n.h });
      y += n.h + GAP_Y;
    }
    x += width + GAP_X;
  });
  const paths = edges.flatMap((e) => {
    const a = xy.get(e.from);
    const b = xy.get(e.to);
    if (!a || !b) return [];
    const s = { x: a.x + a.w, y: a.y + a.h / 2 };
    const t = { x: b.x, y: b.y + b.h / 2 };
    const dx = Math.max(30, Math.abs(t.x - s.x) / 2);
    return [{ id: e.id, d: `M${s.x},${s.y} C${s.x + dx},${s.y} ${t.x - dx},${t.y} ${t.x},${t.y}` }];
  });
  return { xy, paths, width: Math.max(0, x - GAP_X), height: tallest };
}
