// A generated history for the benchmark: creations, starts, completions and notes spread over 12 weeks.
import type { Workspace } from '../app/workspace.js';
import { type AnyDomainEvent, makeEvent } from '../core/events.js';
import { withStateTransaction } from '../state/lock.js';

const WORDS = ['flaky', 'migration', 'timeout', 'schema', 'cache', 'retry', 'deploy', 'review', 'latency', 'login', 'webhook', 'index'];
const DAY = 86_400_000;

/** Appends about two events per todo through the real event store (search and outbox subscribers run). */
export async function generateHistory(ws: Workspace, todos: number, now: number): Promise<number> {
  const events: AnyDomainEvent[] = [];
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let t = 0; t < todos; t++) {
    const repo = `repo-${t % 50}`;
    const subject = { title: `Implement part ${t} of the work in repo-${t % 50}`, repos: [repo], priority: 'medium' };
    const entity = { kind: 'todo' as const, id: `TODO-${t}` };
    const born = now - (84 - (t % 84)) * DAY;
    const meta = (at: number, actor = `agent-${t % 17}`) => ({ at: iso(at), actor, surface: 'mcp' as const, subject });
    events.push(makeEvent('todo:created', entity, { record: { id: entity.id, task: subject.title, repo, status: 'pending' } }, meta(born)));
    if (t % 3 !== 2) events.push(makeEvent('todo:status_changed', entity, { from: 'pending', to: 'in_progress' }, meta(born + DAY)));
    if (t % 3 === 0) events.push(makeEvent('todo:status_changed', entity, { from: 'in_progress', to: 'completed' }, meta(born + (2 + (t % 9)) * DAY)));
    if (t % 5 === 0) {
      const text = `Found a ${WORDS[t % WORDS.length]} problem near ${WORDS[(t * 7) % WORDS.length]}; see run ${t}`;
      events.push(makeEvent('todo:note_added', entity, { note: { author: `agent-${t % 17}`, at: iso(born + DAY), text } }, meta(born + DAY)));
    }
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  for (let i = 0; i < events.length; i += 5_000) {
    const batch = events.slice(i, i + 5_000);
    await withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => ws.events.append(batch));
  }
  return events.length;
}
