// `concord todo claim|heartbeat|release|stale` from the command line: the claim is written into the file,
// the token is the holder's secret, and a lost state.db never lets an old token back in.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { call, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir, git, gitInit, recordOf, tempDir } from '../helpers/temp.js';

interface Claimed {
  claim: { token: string; agent: string; fence: number; expires_at: string; kind: string };
}


describe('concord todo claim, heartbeat, release', () => {
  it('claims into the file, keeps the token secret, renews and releases', () => {
    const { dir, file } = ecosystemDir(SMALL);
    const claim = concord(['todo', 'claim', 'TODO-2', '--agent', 'bot-1', '--json'], { cwd: dir });
    expect(claim.code, claim.stderr).toBe(0);
    const { claim: c } = claim.json() as Claimed;
    expect(c).toMatchObject({ agent: 'bot-1', kind: 'claim' });
    expect(c.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Visible to people and, through git, to other clones.
    expect(recordOf(file, 'TODO-2')).toMatch(/status: in_progress\n/);
    expect(recordOf(file, 'TODO-2')).toMatch(/assignee: bot-1\n/);
    const ready = concord(['ready', '--json'], { cwd: dir }).json() as { todo: { id: string } }[];
    expect(ready.map((r) => r.todo.id)).toEqual(['TODO-5']);
    const taken = concord(['todo', 'claim', 'TODO-2', '--agent', 'bot-2'], { cwd: dir });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^ALREADY_CLAIMED: todo TODO-2 is already claimed by bot-1 until /);
    // Each CLI run is its own session: the same name from another run is refused too.
    expect(concord(['todo', 'claim', 'TODO-2', '--agent', 'bot-1'], { cwd: dir }).stderr).toMatch(/^ALREADY_CLAIMED: .*bot-1 in another session/);
    const beat = concord(['todo', 'heartbeat', 'TODO-2', '--token', c.token, '--lease', '60'], { cwd: dir });
    expect(beat.code, beat.stderr).toBe(0);
    expect(beat.stdout).toContain('TODO-2 held by bot-1 until');
    expect(beat.stdout).not.toContain(c.token);
    // The claim is part of the todo's details, for people as for agents; the token is not.
    const shown = concord(['todo', 'show', 'TODO-2', '--json'], { cwd: dir });
    expect((shown.json() as { claim?: unknown }).claim).toEqual({ todo: 'TODO-2', agent: 'bot-1', kind: 'claim', fence: c.fence, claimed_at: expect.any(String), heartbeat_at: expect.any(String), expires_at: expect.any(String) });
    expect(shown.stdout).not.toContain(c.token);
    expect(concord(['todo', 'show', 'TODO-2'], { cwd: dir }).stdout).toMatch(/claimed +by bot-1 until /);
    expect(concord(['history', '--json'], { cwd: dir }).stdout).not.toContain(c.token);
    // Writes to a claimed todo need the token: a note, an update, a completion.
    expect(concord(['todo', 'note', 'TODO-2', 'not mine'], { cwd: dir }).stderr).toMatch(/^CLAIM_REQUIRED:/);
    expect(concord(['todo', 'update', 'TODO-2', '--priority', 'low', '--claim-token', 'guessed'], { cwd: dir }).stderr).toMatch(/^STALE_CLAIM:/);
    expect(concord(['todo', 'note', 'TODO-2', 'mine', '--claim-token', c.token], { cwd: dir }).code).toBe(0);
    const wrong = concord(['todo', 'release', 'TODO-2', '--token', `${c.token}x`], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^STALE_CLAIM:/);
    const release = concord(['todo', 'release', 'TODO-2', '--token', c.token, '--json'], { cwd: dir });
    expect(release.json()).toEqual({ released: true, id: 'TODO-2', status: 'pending' });
    expect(recordOf(file, 'TODO-2')).toMatch(/status: pending\n/);
    expect(recordOf(file, 'TODO-2')).not.toMatch(/assignee:/);
    expect(concord(['todo', 'show', 'TODO-2', '--json'], { cwd: dir }).json()).not.toHaveProperty('claim');
    expect((concord(['ready', '--json'], { cwd: dir }).json() as unknown[]).length).toBe(2);
  });

  it('CONCORD_SESSION makes several runs one session: claiming again renews the same lease', () => {
    const { dir } = ecosystemDir(SMALL);
    const env = { CONCORD_SESSION: 'build-42' };
    const first = concord(['todo', 'claim', 'TODO-5', '--agent', 'ci', '--json'], { cwd: dir, env }).json() as Claimed;
    const again = concord(['todo', 'claim', 'TODO-5', '--agent', 'ci', '--json'], { cwd: dir, env }).json() as Claimed;
    expect(again.claim).toMatchObject({ token: first.claim.token, fence: first.claim.fence });
  });

  it('after state.db is deleted the old token is refused, the todo is stale (listed, claimable) and the new fence is larger', () => {
    const { dir } = ecosystemDir(SMALL);
    const { claim: c } = concord(['todo', 'claim', 'TODO-5', '--agent', 'bot-1', '--json'], { cwd: dir }).json() as Claimed;
    fs.rmSync(path.join(dir, '.concord'), { recursive: true, force: true });
    const old = concord(['todo', 'complete', 'TODO-5', '--claim-token', c.token], { cwd: dir });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/^STALE_CLAIM:/);
    const stale = concord(['todo', 'stale', '--json'], { cwd: dir }).json() as { todo: { id: string } }[];
    expect(stale.map((s) => s.todo.id)).toContain('TODO-5');
    expect((concord(['todo', 'show', 'TODO-5', '--json'], { cwd: dir }).json() as { stale: boolean }).stale).toBe(true);
    expect((concord(['ready', '--json'], { cwd: dir }).json() as { todo: { id: string }; stale?: boolean }[]).find((r) => r.todo.id === 'TODO-5')).toMatchObject({ stale: true });
    const next = concord(['todo', 'claim', 'TODO-5', '--agent', 'bot-2', '--json'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    const n = (next.json() as Claimed).claim;
    expect(n.fence).toBeGreaterThan(c.fence);
    expect(n.token).not.toBe(c.token);
  });

  it('two clones claiming the same todo no longer both win silently: the claims are in the file, and merging them conflicts', () => {
    const { dir: origin } = ecosystemDir(SMALL);
    gitInit(origin);
    const clones = ['one', 'two'].map((name) => {
      const dir = path.join(tempDir(), name);
      git(origin, 'clone', '-q', origin, dir);
      git(dir, 'config', 'user.name', name);
      git(dir, 'config', 'user.email', `${name}@example.com`);
      const r = concord(['todo', 'claim', 'TODO-2', '--agent', `agent-${name}`, '--json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      git(dir, 'commit', '-qam', `claim TODO-2 for ${name}`);
      return dir;
    });
    const [one, two] = clones as [string, string];
    git(one, 'push', '-q', 'origin', 'HEAD:refs/heads/claim-one');
    git(two, 'fetch', '-q', 'origin', 'claim-one');
    expect(() => git(two, 'merge', '-q', 'FETCH_HEAD')).toThrow();
    const merged = fs.readFileSync(path.join(two, 'ecosystem.yaml'), 'utf8');
    expect(merged).toMatch(/<<<<<<< [^\n]*\n(?:.*\n)*?.*assignee: agent-two\n(?:.*\n)*?=======\n(?:.*\n)*?.*assignee: agent-one\n/);
    // Concord refuses to read a file with conflict markers rather than serve one side.
    expect(concord(['todo', 'show', 'TODO-2'], { cwd: two }).stderr).toMatch(/^MERGE_CONFLICT:/);
  });

  it('a todo in progress with no lease at all (set by hand) is stale alike in ready (flagged, when claimable), todo stale, todo show and over MCP', async () => {
    // TODO-5 (unblocked) and TODO-3 (blocked by ISSUE-1) were set in progress by a person: no lease exists.
    const text = SMALL.replace('      task: Write the changelog\n', '      task: Write the changelog\n      assignee: bob\n').replace(/(- id: TODO-5\n(?: {6}.*\n)*? {6}status: )pending/, '$1in_progress').replace(/(- id: TODO-3\n(?: {6}.*\n)*? {6}status: )pending/, '$1in_progress');
    const { dir, file } = ecosystemDir(text);
    expect(recordOf(file, 'TODO-5')).toMatch(/status: in_progress\n/);
    const ready = concord(['ready', '--json'], { cwd: dir }).json() as { todo: { id: string }; stale?: boolean }[];
    expect(ready.map((r) => [r.todo.id, r.stale ?? false])).toEqual([['TODO-2', false], ['TODO-5', true]]);
    expect(concord(['ready'], { cwd: dir }).stdout).toContain('TODO-5 (stale)');
    expect((concord(['todo', 'stale', '--json'], { cwd: dir }).json() as { todo: { id: string }; lease?: unknown }[]).map((s) => [s.todo.id, s.lease])).toEqual([['TODO-3', undefined], ['TODO-5', undefined]]);
    expect(concord(['todo', 'show', 'TODO-5', '--json'], { cwd: dir }).json()).toMatchObject({ stale: true });
    const client = await stdioClient(file, {}, 'agent-a');
    try {
      const items = (await call(client, 'coord_ready_todos', {})).value['items'] as { id: string; stale?: boolean }[];
      expect(items.map((r) => [r.id, r.stale ?? false])).toEqual([['TODO-2', false], ['TODO-5', true]]);
      expect(((await call(client, 'coord_list_todos', { stale: true })).value['items'] as { id: string }[]).map((t) => t.id)).toEqual(['TODO-3', 'TODO-5']);
      expect((await call(client, 'coord_get_todo', { id: 'TODO-5' })).value).toMatchObject({ stale: true });
      // Reclaimable: a claim takes it over, and it is no longer stale anywhere.
      const claimed = await call(client, 'coord_claim_todo', { id: 'TODO-5' });
      expect(claimed.value['claim']).toMatchObject({ agent: 'agent-a' });
      expect(((await call(client, 'coord_ready_todos', {})).value['items'] as { id: string }[]).map((r) => r.id)).toEqual(['TODO-2']);
      // The blocked one cannot be claimed until its blocker is done.
      expect(((await call(client, 'coord_claim_todo', { id: 'TODO-3' })).value['error'] as { code: string }).code).toBe('TODO_BLOCKED');
    } finally {
      await client.close();
    }
    expect((concord(['todo', 'stale', '--json'], { cwd: dir }).json() as { todo: { id: string } }[]).map((s) => s.todo.id)).toEqual(['TODO-3']);
    expect(recordOf(file, 'TODO-5')).toMatch(/assignee: agent-a\n/);
  });

  it('requires the token option', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['todo', 'heartbeat', 'TODO-2'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--token <token>' not specified");
  });
});
