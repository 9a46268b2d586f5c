// A read that could not see every record (one is invalid) says so on every surface, as the CLI does with
// exit 1 (test/e2e/foundation.test.ts): MCP in the result (a warning and _meta concord/partial), HTTP in the
// X-Concord-Partial header. Writes, and reads of a valid file, carry no such signal.
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';
import { memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

/** SMALL with TODO-3's status mistyped: TODO-3 is left out of every answer. */
const BROKEN = SMALL.replace(/(- id: TODO-3\n(?: {6}.*\n)*? {6}status: )\w+/, '$1inprogres');

describe('a read that left an invalid record out', () => {
  it('the fixture has exactly one invalid record', () => {
    expect(BROKEN).not.toBe(SMALL);
    expect(BROKEN).toContain('status: inprogres');
  });

  it('over MCP: the result is not an error, but carries a warning naming the count and concord/partial', async () => {
    const { file } = ecosystemDir(BROKEN);
    const client = await memoryClient(file);
    try {
      const r = await client.callTool({ name: 'coord_list_todos', arguments: {} });
      expect(r.isError).toBeFalsy();
      const ids = ((r.structuredContent as { items: { id: string }[] }).items).map((t) => t.id);
      expect(ids).not.toContain('TODO-3');
      const texts = (r.content as { text: string }[]).map((c) => c.text);
      expect(texts[1]).toMatch(/^warning: .*ecosystem\.yaml has 1 invalid record\(s\) or syntax error\(s\), left out of this answer; run coord_lint \(tool set all\) to see where$/);
      expect(r._meta?.['concord/partial']).toEqual({ errors: 1, message: texts[1] });
      // A write is not a read: it did what it said, with no partial signal.
      const w = await client.callTool({ name: 'coord_add_note', arguments: { id: 'TODO-2', text: 'seen' } });
      expect(w.isError, JSON.stringify(w.content)).toBeFalsy();
      expect(w._meta?.['concord/partial']).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('over MCP on a valid file: no warning', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const r = await client.callTool({ name: 'coord_list_todos', arguments: {} });
      expect((r.content as unknown[]).length).toBe(1);
      expect(r._meta?.['concord/partial']).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('over HTTP: 200 with the answer, and X-Concord-Partial saying how many and how to see them', async () => {
    const api = inProcessApi(BROKEN);
    const r = await api.request('/api/todos');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-concord-partial')).toBe('1 invalid record(s) or syntax error(s) left out of this answer; run GET /api/lint to see where');
    expect(((await r.json()) as { items: { id: string }[] }).items.map((t) => t.id)).not.toContain('TODO-3');
    const ready = await api.request('/api/ready');
    expect(ready.headers.get('x-concord-partial')).toMatch(/^1 invalid record/);
    const note = await api.request('/api/todos/TODO-2/notes', { method: 'POST', body: { text: 'seen' } });
    expect(note.status).toBe(201);
    expect(note.headers.get('x-concord-partial')).toBeNull();
  });

  it('over HTTP on a valid file: no header', async () => {
    const api = inProcessApi(SMALL);
    const r = await api.request('/api/todos');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-concord-partial')).toBeNull();
  });
});
