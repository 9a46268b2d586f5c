import { describe, expect, it } from 'vitest';
import { eventsForChange } from './diff.js';

const meta = { at: '2026-01-01T00:00:00Z', actor: 'a', surface: 'cli' as const };
const plan = { id: 'PLAN-1', title: 'Launch', repos: ['api', 'web'], milestones: [{ id: 'M-1', name: 'Beta', status: 'pending' }, { id: 'M-2', name: 'GA', status: 'pending' }] };

describe('events of a record change', () => {
  it('carries the subject of the record: title, repos, priority, plan', () => {
    const [e] = eventsForChange('todo', undefined, { id: 'T-1', task: 'Do it', repo: 'api', priority: 'high', plan: 'PLAN-1' }, meta);
    expect(e).toMatchObject({ type: 'todo:created', subject: { title: 'Do it', repos: ['api'], priority: 'high', plan: 'PLAN-1' } });
    const [d] = eventsForChange('dependency', undefined, { id: 'D-1', consumer: 'web', provider: 'api' }, meta);
    expect(d!.subject).toEqual({ title: 'web needs api', repos: ['web', 'api'] });
  });

  it('deletes the milestones of a deleted plan, each with its plan as subject', () => {
    const events = eventsForChange('plan', plan, undefined, meta);
    expect(events.map((e) => `${e.type} ${e.entity.id}`)).toEqual(['plan:deleted PLAN-1', 'milestone:deleted M-1', 'milestone:deleted M-2']);
    expect(events[1]!.subject).toEqual({ title: 'Beta', repos: ['api', 'web'], plan: 'PLAN-1' });
  });

  it('records appended notes as note_added and any other note change as an update', () => {
    const before = { id: 'T-1', task: 'x', notes: [{ text: 'one' }] };
    const appended = eventsForChange('todo', before, { ...before, notes: [{ text: 'one' }, { text: 'two' }] }, meta);
    expect(appended.map((e) => e.type)).toEqual(['todo:note_added']);
    expect(appended[0]!.data).toEqual({ note: { text: 'two' } });
    const rewritten = eventsForChange('todo', before, { ...before, notes: [{ text: 'ONE' }] }, meta);
    expect(rewritten.map((e) => e.type)).toEqual(['todo:updated']);
    expect(rewritten[0]!.data).toEqual({ changes: [{ field: 'notes', from: [{ text: 'one' }], to: [{ text: 'ONE' }] }] });
  });
});
