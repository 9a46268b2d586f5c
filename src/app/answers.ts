// Answers of whole-graph queries, kept in the index per version of the file: asked again about the same file
// (same leases, same day, same build of Concord), a query is answered without decoding the snapshot.
//
// The queries are pure functions of the snapshot, the day, the leases and their options, so the same inputs
// give the same answer: the key holds all of them. Writes and hand edits change the fingerprint; the first
// question after one computes the answer again.
import type { Graph } from '../core/graph/graph.js';
import { READER_VERSION } from '../core/version.js';
import { heldTodos } from './leases.js';
import { loadSnapshot } from './snapshot.js';
import { subgraph } from './subgraph.js';
import type { Workspace } from './workspace.js';

/** What a whole-graph query may depend on besides the snapshot and its options: taken once per question. */
export interface Moment {
  today: string;
  /** Todos held by a live lease (a todo in progress that none holds is stale: see staleAmong). */
  held: ReadonlySet<string>;
}

/**
 * Runs `compute` over the whole graph, or returns the kept answer. `inputs` turns the options into what the
 * query is asked (names resolved against the catalog, which the index gives without the snapshot); it may
 * throw for bad options. Both paths return the answer as JSON would carry it.
 */
export async function answered<A, T>(ws: Workspace, name: string, inputs: (catalog: Graph) => A, compute: (g: Graph, inputs: A, moment: Moment) => T): Promise<T> {
  const loaded = await loadSnapshot(ws);
  const args = inputs(subgraph(ws, loaded, []));
  // The answer is computed with exactly the leases and day of its key.
  const moment: Moment = { today: ws.today(), held: heldTodos(ws) };
  if (!ws.build) return JSON.parse(JSON.stringify(compute(loaded.graph, args, moment))) as T;
  const key = JSON.stringify([ws.build, READER_VERSION, name, moment.today, [...moment.held].sort(), args]);
  const kept = ws.index.answer(key, loaded.fingerprint);
  if (kept !== undefined) return JSON.parse(kept) as T;
  const json = JSON.stringify(compute(loaded.graph, args, moment));
  try {
    // The fingerprint is read after computing: it is the one of the snapshot the answer came from.
    ws.index.keepAnswer(key, loaded.fingerprint, json);
  } catch {
    // Only a cache (a read-only state database keeps none).
  }
  return JSON.parse(json) as T;
}
