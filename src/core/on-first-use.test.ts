import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema, parseOptions, realSchema } from './on-first-use.js';

describe('lazySchema', () => {
  it('builds the schema on first use only, once', () => {
    let builds = 0;
    const Name = lazySchema(() => (builds++, z.string().min(2)));
    const Pair = lazySchema(() => z.object({ a: Name, b: Name.optional() }));
    expect(builds).toBe(0);
    expect(Pair.parse({ a: 'ab' })).toEqual({ a: 'ab' });
    expect(Pair.safeParse({ a: 'x' }).success).toBe(false);
    expect(builds).toBe(1);
    expect(Name instanceof z.ZodString).toBe(true);
    expect(Object.keys(Pair.shape)).toEqual(['a', 'b']);
  });

  it('gives the same JSON Schema as the schema built at once, descriptions and nested stand-ins included', () => {
    const eager = () => {
      const Id = z.string().trim().min(1).describe('an id');
      const Row = z.object({ id: Id, tags: z.array(Id), parent: Id.optional(), kind: z.union([z.literal('a'), z.array(Id)]) });
      return z.object({ row: Row, rows: z.array(Row).describe('the rows'), more: Row.extend({ n: z.number() }).omit({ tags: true }) });
    };
    const Id = lazySchema(() => z.string().trim().min(1).describe('an id'));
    const Row = lazySchema(() => z.object({ id: Id, tags: z.array(Id), parent: Id.optional(), kind: z.union([z.literal('a'), z.array(Id)]) }));
    const Top = lazySchema(() => z.object({ row: Row, rows: z.array(Row).describe('the rows'), more: Row.extend({ n: z.number() }).omit({ tags: true }) }));
    // A schema made outside a lazySchema (at a module's top) may hold a stand-in too.
    const Outside = z.object({ top: Top, id: Id });
    for (const io of ['input', 'output'] as const) {
      expect(z.toJSONSchema(realSchema(Top), { io })).toEqual(z.toJSONSchema(eager(), { io }));
      expect(z.toJSONSchema(realSchema(Outside), { io })).toEqual(z.toJSONSchema(z.object({ top: eager(), id: z.string().trim().min(1).describe('an id') }), { io }));
    }
  });

  it('reports the same issues as the schema built at once', () => {
    const eager = z.object({ id: z.string().min(1), at: z.string().regex(/^\d{4}$/).optional() });
    const Lazy = lazySchema(() => z.object({ id: lazySchema(() => z.string().min(1)), at: z.string().regex(/^\d{4}$/).optional() }));
    for (const input of [{ id: '' }, { id: 'x', at: '20' }, { at: 5 }, null]) {
      expect(Lazy.safeParse(input).error?.issues).toEqual(eager.safeParse(input).error?.issues);
    }
  });

  it("parses a schema without zod's compiled parser a hundred times, then with it, to the same answers", () => {
    const Row = z.object({ id: z.string().trim().min(1), tags: z.array(z.string()).default([]), n: z.number().int().optional() });
    const inputs = [{ id: ' a ' }, { id: 'b', tags: ['x'], n: 2 }, { id: '' }, { id: 'c', n: 1.5 }, null];
    const options = Array.from({ length: 101 }, () => parseOptions(Row));
    expect(options.slice(0, 100).every((o) => o?.jitless === true)).toBe(true);
    expect(options[100]).toBeUndefined();
    for (const input of inputs) expect(Row.safeParse(input, { jitless: true })).toEqual(Row.safeParse(input));
  });
});
