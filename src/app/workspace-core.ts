// What the subscribers (search, hook outbox, activity queue) and the snapshot use of a workspace, apart from the class.
//
// workspace.ts attaches those modules as subscribers when it opens the state database; were they to import
// the class back (even as a type), the modules would form a cycle. The class implements this interface.
import type { Surface } from '../core/events.js';
import type { Graph } from '../core/graph/graph.js';
import type { Snapshot } from '../core/model.js';
import type { StateDb } from '../state/db.js';
import type { EventStore } from '../state/event-store.js';
import type { DiagnosticSummary, IndexStore } from '../state/index-store.js';
import type { OutboxStore } from '../state/outbox-store.js';
import type { SearchStore } from '../state/search-store.js';
import type { Settings } from './settings.js';

export interface LoadedSnapshot {
  /** size, mtime, ctime and inode of the file when it was loaded: unchanged means the same content. */
  stat?: string;
  fingerprint: string;
  snapshot: Snapshot;
  graph: Graph;
  summary: DiagnosticSummary;
  /** False while the graph is not in memory (reading `graph` builds it, decoding the snapshot if need be). */
  readonly decoded?: boolean;
}

export interface WorkspaceCore {
  readonly file: string;
  /** The folder of ecosystem.yaml. */
  readonly dir: string;
  readonly settings: Settings;
  /** Where calls come from (the CLI, an MCP session, the HTTP API, the scheduler...). */
  readonly surface: Surface;
  readonly db: StateDb;
  readonly index: IndexStore;
  readonly events: EventStore;
  readonly search: SearchStore;
  readonly outbox: OutboxStore;
  readonly lockTimeoutMs: number;
  /** The last snapshot loaded, reused while the file is unchanged. */
  cache: LoadedSnapshot | undefined;
  now(): string;
  /** The clock in ms (the scheduler's time; tests give `now`). */
  time(): number;
  readonly warn: (message: string) => void;
  readonly progress: (text: string | undefined) => void;
}
