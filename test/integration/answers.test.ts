// Kept answers of whole-graph queries: the same question about the same file, leases and day.
import { describe, expect, it } from 'vitest';
import { acquireLease } from '../../src/app/leases.js';
import { ecosystemStatus, ready } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('kept answers', () => {
  it('are asked again only with the same leases: an expired lease is seen at once', async () => {
    const { dir } = ecosystemDir(SMALL);
    let now = Date.parse('2026-06-01T10:00:00Z');
    const ws = new Workspace({ cwd: dir, env: {}, actor: 'alice', build: 'test', now: () => new Date(now) });
    const before = await ready(ws);
    const first = before[0]!.todo.id;
    await acquireLease(ws, { todo: first, agent: 'agent-1', session: 's1', lease_seconds: 60 });
    expect((await ready(ws)).map((r) => r.todo.id)).not.toContain(first);
    // The file is the same while the lease runs out: the kept answer of a minute ago must not be served.
    now += 120_000;
    const after = await ready(ws);
    expect(after.find((r) => r.todo.id === first)).toMatchObject({ stale: true });
    ws.close();
  });

  it('are the same for another workspace on the same state and for one without a build', async () => {
    const { dir } = ecosystemDir(SMALL);
    const keeping = new Workspace({ cwd: dir, env: {}, build: 'test' });
    const first = await ecosystemStatus(keeping);
    keeping.close();
    const again = new Workspace({ cwd: dir, env: {}, build: 'test' });
    const plain = new Workspace({ cwd: dir, env: {} });
    expect(await ecosystemStatus(again)).toEqual(first);
    expect(await ecosystemStatus(plain)).toEqual(first);
    again.close();
    plain.close();
  });
});
