// The graph's layout worker as the dashboard ships it (dist/web/assets/elk-worker*.js: elkjs without what the
// dashboard's layouts never use, scripts/elk-layered.mjs, minified again) lays out graphs exactly as elkjs's own
// worker does, with the options the dashboard uses (web/src/views/graph-input.ts): synthetic graphs and the very
// graphs the dashboard sends for generated ecosystems of 1,000 todos. What it left out fails loudly, by name.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagram } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
import { generateEcosystem } from '../../src/bench/generate.js';
import { CUT_CLASSES } from '../../scripts/elk-layered.mjs';
import { ELK_LAYOUT, graphInput, ISSUES, type Diagram } from '../../web/src/views/graph-input.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

const require = createRequire(import.meta.url);
const ASSETS = path.resolve(import.meta.dirname, '../../dist/web/assets');
const ELK_LIB = path.dirname(require.resolve('elkjs/lib/elk-api.js'));

interface ElkApi {
  layout(graph: unknown): Promise<unknown>;
}
type ElkConstructor = new (o: { workerFactory: () => unknown }) => ElkApi;

/** An ELK over the worker at `file`, loaded as CommonJS (as elkjs's node entry loads its own). */
function elkOf(file: string): ElkApi {
  const dir = tempDir('concord-elk-');
  const copy = path.join(dir, 'worker.cjs');
  fs.copyFileSync(file, copy);
  const { Worker } = require(copy) as { Worker: new () => unknown };
  const ELK = (require('elkjs/lib/elk-api.js') as { default: ElkConstructor }).default;
  return new ELK({ workerFactory: () => new Worker() });
}

function shippedWorker(): string {
  const shipped = fs.readdirSync(ASSETS).find((n) => /^elk-worker.*\.js$/.test(n));
  expect(shipped, 'npm run build makes dist/web').toBeDefined();
  return path.join(ASSETS, shipped!);
}
const ORIGINAL = path.join(ELK_LIB, 'elk-worker.min.js');
/** Dozens of layouts of up to 260 nodes, twice each: ~20 s on a quiet machine. */
const LAYOUTS_TIMEOUT = 180_000;

/** Repos as frames of todos (and collapsed repos), with edges between them drawn by a fixed pseudo-random sequence. */
function graph(groups: number, perGroup: number, edges: number, seed: number, collapsed = 0) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const children: { id: string; width?: number; height?: number; layoutOptions?: Record<string, string>; children?: { id: string; width: number; height: number }[] }[] = Array.from({ length: groups }, (_, g) => ({
    id: `frame:repo${g}`,
    layoutOptions: { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' },
    children: Array.from({ length: perGroup }, (_, i) => ({ id: `TODO-${g}-${i}`, width: 90 + Math.floor(next() * 180), height: 38 })),
  }));
  for (let c = 0; c < collapsed; c++) children.push({ id: `group:other${c}`, width: 190, height: 58 });
  const ids = children.flatMap((c) => (c.children ? c.children.map((n) => n.id) : [c.id]));
  const links = Array.from({ length: edges }, (_, i) => ({ id: `e${i}`, sources: [ids[Math.floor(next() * ids.length)]!], targets: [ids[Math.floor(next() * ids.length)]!] })).filter((e) => e.sources[0] !== e.targets[0]);
  return { id: 'root', layoutOptions: ELK_LAYOUT, children, edges: links };
}

/** The graphs the dashboard's graph view sends to elk for `d`: every repo collapsed, then each repo open alone. */
function dashboardGraphs(d: Diagram): { name: string; graph: unknown }[] {
  const groups = [...new Set(d.nodes.map((n) => n.group ?? (n.kind === 'issue' ? ISSUES : undefined)).filter((g) => g !== undefined))];
  const out: { name: string; graph: unknown }[] = [];
  const add = (name: string, collapsed: Set<string>) => {
    const input = graphInput(d, collapsed);
    if (!input.dense) out.push({ name, graph: input.elk });
  };
  add(`${d.kind}: all collapsed`, new Set(groups));
  for (const g of groups) add(`${d.kind}: ${g} open`, new Set(groups.filter((x) => x !== g)));
  if (groups.length === 0) add(`${d.kind}: flat`, new Set());
  return out;
}

async function sameLayouts(ours: ElkApi, theirs: ElkApi, graphs: { name: string; graph: unknown }[]) {
  for (const { name, graph: g } of graphs) {
    const [a, b] = [await ours.layout(structuredClone(g)), await theirs.layout(structuredClone(g))];
    expect(JSON.stringify(a), name).toBe(JSON.stringify(b));
    // A real layout: every node has a place.
    expect(JSON.stringify(a), name).toContain('"x":');
  }
}

describe('the shipped layout worker', () => {
  it('lays out synthetic graphs exactly as elkjs does, and is much smaller', async () => {
    const file = shippedWorker();
    expect(fs.statSync(file).size).toBeLessThan(fs.statSync(ORIGINAL).size * 0.7);
    const cases = [[1, 5, 4, 1], [4, 12, 40, 2], [6, 30, 150, 3], [3, 2, 0, 4], [8, 10, 80, 5], [0, 0, 0, 6, 8], [2, 3, 3, 7, 4], [10, 20, 160, 8, 5], [1, 200, 150, 9], [20, 12, 160, 10, 6]] as const;
    await sameLayouts(elkOf(file), elkOf(ORIGINAL), cases.map(([g, per, e, seed, c]) => ({ name: `${g} repos, ${per} todos each, ${e} edges, ${c ?? 0} collapsed`, graph: graph(g, per, e, seed, c) })));
  }, LAYOUTS_TIMEOUT);

  it('lays out the graphs the dashboard sends for 1,000 todos exactly as elkjs does', async () => {
    const graphs: { name: string; graph: unknown }[] = [];
    // Across 50 repos (the bench's) only the repo graph is sparse enough for elk; across 8 and 12 the todo graph is.
    for (const [repos, seed] of [[8, 1], [12, 2], [50, 3]] as const) {
      const { file } = ecosystemDir(generateEcosystem({ todos: 1000, repos, seed }));
      const ws = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() }, now: () => new Date('2026-11-01T10:00:00Z') });
      for (const d of [await diagram(ws, { graph: 'todos' }), await diagram(ws, { graph: 'todos', all: true }), await diagram(ws, { graph: 'repos' })]) {
        for (const g of dashboardGraphs(d)) graphs.push({ ...g, name: `${repos} repos, ${g.name}` });
      }
    }
    // Both kinds, opened repos among them (a graph too dense for elk is drawn by the fast layout, not sent).
    expect(graphs.length).toBeGreaterThan(12);
    expect(graphs.some((g) => g.name.includes(' open'))).toBe(true);
    expect(graphs.some((g) => g.name.includes('repos: all collapsed'))).toBe(true);
    await sameLayouts(elkOf(shippedWorker()), elkOf(ORIGINAL), graphs);
  }, LAYOUTS_TIMEOUT);

  it('fails a layout that needs what it left out, by name, where elkjs lays it out', async () => {
    const ours = elkOf(shippedWorker());
    const theirs = elkOf(ORIGINAL);
    expect(CUT_CLASSES).toContain('org.eclipse.elk.alg.layered.p4nodes.LinearSegmentsNodePlacer');
    for (const [option, value, cut] of [['elk.layered.nodePlacement.strategy', 'LINEAR_SEGMENTS', 'LinearSegmentsNodePlacer'], ['elk.edgeRouting', 'SPLINES', 'SplineEdgeRouter'], ['elk.layered.wrapping.strategy', 'SINGLE_EDGE', 'SingleEdgeGraphWrapper']] as const) {
      const g = { ...graph(3, 6, 12, 11), layoutOptions: { ...ELK_LAYOUT, [option]: value } };
      await expect(theirs.layout(structuredClone(g)), option).resolves.toBeDefined();
      await expect(ours.layout(structuredClone(g)), option).rejects.toThrow(new RegExp(`${cut} is not in this build`));
    }
  });
});
