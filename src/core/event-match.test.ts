import { describe, expect, it } from 'vitest';
import { checkTypePattern, expandTypePatterns, matchesTypePattern } from './event-match.js';
import { EVENT_TYPES, sampleEvent } from './event-samples.js';
import { hookMatches } from './hook-match.js';
import { HookSchema } from './hook-settings.js';

describe('event type patterns', () => {
  it('matches exact types, globs and bare nouns', () => {
    expect(matchesTypePattern(['todo:created'], 'todo:created')).toBe(true);
    expect(matchesTypePattern(['todo:created'], 'todo:updated')).toBe(false);
    expect(matchesTypePattern(['todo:*'], 'todo:status_changed')).toBe(true);
    expect(matchesTypePattern(['todo'], 'todo:deleted')).toBe(true);
    expect(matchesTypePattern(['*:status_changed'], 'issue:status_changed')).toBe(true);
    expect(matchesTypePattern(['*:status_changed'], 'issue:updated')).toBe(false);
    expect(matchesTypePattern(['*'], 'role:deleted')).toBe(true);
    expect(matchesTypePattern(['todo:*'], 'todos:created')).toBe(false);
  });

  it('expands patterns to the known types', () => {
    expect(expandTypePatterns(['*:status_changed']).sort()).toEqual(['dependency:status_changed', 'issue:status_changed', 'milestone:status_changed', 'plan:status_changed', 'todo:status_changed']);
    expect(expandTypePatterns(['*'])).toEqual(EVENT_TYPES);
  });

  it('names the problem of a pattern that matches nothing, with the noun`s real events', () => {
    expect(checkTypePattern('todo:*')).toBeUndefined();
    expect(checkTypePattern('todo:complete')).toMatch(/matches no event type; todo events are todo:created, .*todo:status_changed/);
    expect(checkTypePattern('ticket:*')).toMatch(/event types are issue:created/);
    expect(checkTypePattern('todo:cre ated')).toMatch(/not an event type pattern/);
  });
});

describe('hook matching', () => {
  const hook = (fields: Record<string, unknown>) => HookSchema().parse({ name: 'h', command: 'true', ...fields });
  const event = sampleEvent('todo:status_changed', { at: '2026-01-01T00:00:00Z', actor: 'a' });
  const fromCli = { ...event, surface: 'cli' as const };

  it('applies type, repo and priority filters', () => {
    expect(hookMatches(hook({ events: ['todo:*'] }), fromCli)).toBe(true);
    expect(hookMatches(hook({ events: ['issue:*'] }), fromCli)).toBe(false);
    expect(hookMatches(hook({ events: ['*'], filter: { repo: 'sample-repo' } }), fromCli)).toBe(true);
    expect(hookMatches(hook({ events: ['*'], filter: { repo: ['other'] } }), fromCli)).toBe(false);
    expect(hookMatches(hook({ events: ['*'], filter: { priority: ['high', 'critical'] } }), fromCli)).toBe(true);
    expect(hookMatches(hook({ events: ['*'], filter: { priority: 'low' } }), fromCli)).toBe(false);
    expect(hookMatches(hook({ events: ['*'], filter: { repo: 'x' } }), { ...fromCli, subject: undefined })).toBe(false);
    expect(hookMatches(hook({ events: ['*'], enabled: false }), fromCli)).toBe(false);
  });

  it('keeps events caused by hooks from hooks unless they ask, so hooks cannot loop', () => {
    expect(hookMatches(hook({ events: ['*'] }), event)).toBe(false);
    expect(hookMatches(hook({ events: ['*'], on_hook_events: true }), event)).toBe(true);
  });
});
