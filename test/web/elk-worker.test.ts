// The graph's layout worker as the dashboard ships it (dist/web/assets/elk-worker*.js: elkjs with the layered
// algorithm only, scripts/elk-layered.mjs, minified again) lays out graphs exactly as elkjs's own worker does, with
// the options the dashboard uses (web/src/views/graph-layout.ts), and is smaller than it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELK_LAYOUT } from '../../web/src/views/elk-options.js';
import { tempDir } from '../helpers/temp.js';

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

const OPTIONS = ELK_LAYOUT;

/** Repos as frames of todos, with edges between them drawn by a fixed pseudo-random sequence. */
function graph(groups: number, perGroup: number, edges: number, seed: number) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const children = Array.from({ length: groups }, (_, g) => ({
    id: `frame:repo${g}`,
    layoutOptions: { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' },
    children: Array.from({ length: perGroup }, (_, i) => ({ id: `TODO-${g}-${i}`, width: 150, height: 34 })),
  }));
  const ids = children.flatMap((c) => c.children.map((n) => n.id));
  const links = Array.from({ length: edges }, (_, i) => ({ id: `e${i}`, sources: [ids[Math.floor(next() * ids.length)]!], targets: [ids[Math.floor(next() * ids.length)]!] })).filter((e) => e.sources[0] !== e.targets[0]);
  return { id: 'root', layoutOptions: OPTIONS, children, edges: links };
}

describe('the shipped layout worker', () => {
  it('lays out graphs exactly as elkjs does, and is smaller', async () => {
    const shipped = fs.readdirSync(ASSETS).find((n) => /^elk-worker.*\.js$/.test(n));
    expect(shipped, 'npm run build makes dist/web').toBeDefined();
    const file = path.join(ASSETS, shipped!);
    const original = path.join(ELK_LIB, 'elk-worker.min.js');
    expect(fs.statSync(file).size).toBeLessThan(fs.statSync(original).size * 0.85);
    const ours = elkOf(file);
    const theirs = elkOf(original);
    for (const [groups, per, edges, seed] of [[1, 5, 4, 1], [4, 12, 40, 2], [6, 30, 150, 3], [3, 2, 0, 4], [8, 10, 80, 5]] as const) {
      const g = graph(groups, per, edges, seed);
      const [a, b] = [await ours.layout(structuredClone(g)), await theirs.layout(structuredClone(g))];
      expect(JSON.stringify(a), `${groups} repos, ${per} todos each, ${edges} edges`).toBe(JSON.stringify(b));
      // A real layout: every todo has a place.
      expect(JSON.stringify(a)).toContain('"x":');
    }
  });
});
