import { describe, expect, it } from 'vitest';
import { graph, todo } from '../../test/helpers/builders.js';
import { validateChange } from './invariants.js';
import { canTransition, TRANSITIONS } from './transitions.js';
import { generateId } from './ids.js';

describe('validateChange', () => {
  it('refuses a change that closes a cycle, naming the cycle', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['C'] }), todo('B', { blocked_by: ['A'] }), todo('C', { blocked_by: ['B'] })] });
    expect(() => validateChange(g, [{ section: 'todos', id: 'A', before: { blocked_by: [] }, after: { blocked_by: ['C'] } }])).toThrow('A -> B -> C -> A');
  });

  it('refuses unknown references only in fields the write changed', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['GONE'] })] });
    expect(() => validateChange(g, [{ section: 'todos', id: 'A', before: { blocked_by: ['GONE'], status: 'pending' }, after: { blocked_by: ['GONE'], status: 'in_progress' } }])).not.toThrow();
    expect(() => validateChange(g, [{ section: 'todos', id: 'A', before: { blocked_by: [] }, after: { blocked_by: ['GONE'] } }])).toThrow(/GONE/);
    expect(() => validateChange(g, [{ section: 'todos', id: 'A', before: { repo: 'api' }, after: { repo: 'nowhere' } }])).toThrow(/nowhere/);
  });

  it('refuses an illegal status transition', () => {
    const g = graph({ todos: [todo('A')] });
    expect(() => validateChange(g, [{ section: 'todos', id: 'A', before: { status: 'cancelled' }, after: { status: 'completed' } }])).toThrow(/cannot go from cancelled to completed/);
  });
});

describe('transitions', () => {
  it('lists only known statuses and always allows staying put', () => {
    for (const [entity, table] of Object.entries(TRANSITIONS)) {
      const statuses = Object.keys(table);
      for (const targets of Object.values(table)) for (const t of targets) expect(statuses, `${entity} -> ${t}`).toContain(t);
      for (const s of statuses) expect(canTransition(entity as keyof typeof TRANSITIONS, s, s)).toBe(true);
    }
  });
});

describe('generateId', () => {
  it('makes prefixed ids of seven Crockford characters and skips taken ones', () => {
    let calls = 0;
    const random = (n: number) => {
      calls++;
      return new Uint8Array(n).fill(calls === 1 ? 0 : 1);
    };
    expect(generateId('todo', (id) => id === 'TODO-0000000', random)).toBe('TODO-1111111');
    for (let i = 0; i < 200; i++) expect(generateId('dependency', () => false, (n) => crypto.getRandomValues(new Uint8Array(n)))).toMatch(/^DEP-[0-9A-HJKMNP-TV-Z]{7}$/);
  });
});
