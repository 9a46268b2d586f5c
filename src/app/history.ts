// The history use-case: events filtered by item, repo, type, time and actor, newest first.
import { ConcordError, suggest } from '../core/errors.js';
import { describeEvent } from '../core/event-describe.js';
import { checkTypePattern, expandTypePatterns } from '../core/event-match.js';
import { type Graph, kindOf } from '../core/graph/graph.js';
import { type History, HistoryInputSchema } from '../core/history-schemas.js';
import { resolveTimeSpec } from '../core/time-spec.js';
import type { StoredEvent } from '../state/event-store.js';
import { parseInput } from './input.js';
import { resolveRepo } from './queries.js';
import { loadSnapshot } from './snapshot.js';
import { subgraph } from './subgraph.js';
import type { Workspace } from './workspace.js';

/**
 * Reads the file first, so a hand edit or a `git pull` made since the last command is recorded (as changes
 * from `surface: file`) before the history is shown.
 */
export async function getHistory(ws: Workspace, input: unknown = {}): Promise<History> {
  const q = parseInput(HistoryInputSchema, input, 'history query');
  const loaded = await loadSnapshot(ws);
  // The few records this needs, from the index (the whole graph only to suggest an id for an unknown one), and
  // only when asked: an id with events, without --repo, needs none (~4 ms of a `history <id>` at 10,000 todos).
  let built: Graph | undefined;
  const graph = () => (built ??= subgraph(ws, loaded, q.id ? [q.id] : []));
  const now = Date.parse(ws.now());
  const time = (field: 'since' | 'until') => {
    const text = q[field];
    if (text === undefined) return undefined;
    const at = resolveTimeSpec(text, now);
    if (!at) throw new ConcordError('INVALID_INPUT', `${field}: "${text}" is not a time`, { hint: 'give an ISO date (2026-01-31), a date-time, or a span back from now: 30m, 24h, 7d, 2w' });
    return at;
  };
  for (const p of q.type ?? []) {
    const problem = checkTypePattern(p);
    if (problem) throw new ConcordError('INVALID_INPUT', `type: ${problem}`);
  }
  let repo: string | undefined;
  if (q.repo) {
    try {
      repo = resolveRepo(graph(), q.repo).name;
    } catch (e) {
      // A repo that left the catalog still has its history.
      if (!ws.events.list({ repo: q.repo, limit: 1 }).length) throw e;
      repo = q.repo;
    }
  }
  if (q.id && !ws.events.list({ entity: q.id, limit: 1 }).length && !kindOf(graph(), q.id) && !graph().repos.has(q.id)) {
    const all = loaded.graph;
    const known = [...all.todos.keys(), ...all.issues.keys(), ...all.plans.keys(), ...all.milestones.keys(), ...all.dependencies.keys(), ...all.repos.keys()];
    const guess = suggest(q.id, known);
    throw new ConcordError('ITEM_NOT_FOUND', `${q.id} is not an item of the ecosystem and has no history`, {
      hint: guess ? `did you mean ${guess}?` : 'give a todo, issue, plan, milestone or dependency id, or a repo name',
      data: { id: q.id, ...(guess ? { suggestion: guess } : {}) },
    });
  }
  const rows = ws.events.list({
    ...(q.id ? { entity: q.id } : {}),
    ...(q.type ? { types: expandTypePatterns(q.type) } : {}),
    ...(repo ? { repo } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.surface ? { surface: q.surface } : {}),
    ...(q.before ? { beforeSeq: q.before } : {}),
    since: time('since'),
    until: time('until'),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { events: page.map(toHistoryEvent), ...(rows.length > q.limit ? { next_before: page[page.length - 1]!.seq } : {}) };
}

export function toHistoryEvent(e: StoredEvent): History['events'][number] {
  return { seq: e.seq, type: e.type, entity: e.entity, at: e.at, actor: e.actor, surface: e.surface, ...(e.subject ? { subject: e.subject } : {}), summary: describeEvent(e), data: e.data };
}
