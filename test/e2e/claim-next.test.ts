// `concord claim-next`: the best ready todo taken in one call, from the manifest's todo.claim-next (the same
// operation is coord_claim_next over MCP and POST /api/todos/claim-next over HTTP). Processes race for real.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concord, concordAsync, concordInProcess } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';
import { ecosystemDir, recordOf } from '../helpers/temp.js';

interface ClaimedNext {
  claim?: { todo: string; agent: string; token: string; kind: string };
  todo?: { id: string; status: string; assignee?: string };
  ready: number;
}


describe('concord claim-next', () => {
  it('claims the ready todo of a repo into the file, prints the token once, and says when nothing is ready', () => {
    const { dir, file } = ecosystemDir(SMALL);
    // SMALL: TODO-2 (web) and TODO-5 (lib) are ready.
    const r = concordInProcess(['claim-next', '--repo', 'web', '--agent', 'bot-1', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const got = r.json() as ClaimedNext;
    expect(got).toMatchObject({ ready: 1, claim: { todo: 'TODO-2', agent: 'bot-1', kind: 'claim' }, todo: { id: 'TODO-2', status: 'in_progress', assignee: 'bot-1' } });
    expect(recordOf(file, 'TODO-2')).toMatch(/status: in_progress\n/);
    expect(recordOf(file, 'TODO-2')).toMatch(/assignee: bot-1\n/);
    // Nothing else ready in web: no claim, exit 0, and the file is untouched.
    const before = fs.readFileSync(file, 'utf8');
    const none = concordInProcess(['claim-next', '--repo', 'web'], { cwd: dir });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout.trim()).toBe('nothing claimed: no todo is ready');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const human = concordInProcess(['claim-next', '--role', 'library', '--agent', 'bot-2'], { cwd: dir });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^TODO-5 claimed by bot-2 until \S+ \(fence \d+\): .+\ntoken [A-Za-z0-9_-]{32}\n/);
    // The token works for the todo's writes, as a claim's does.
    const token = /token (\S+)/.exec(human.stdout)![1]!;
    expect(concordInProcess(['todo', 'release', 'TODO-5', '--token', token], { cwd: dir }).code).toBe(0);
  });

  it('refuses an unknown repo with the field named, and claims nothing', () => {
    const { dir, file } = ecosystemDir(SMALL);
    const before = fs.readFileSync(file, 'utf8');
    const r = concordInProcess(['claim-next', '--repo', 'nope'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('8 processes at once over 2 ready todos: exactly 2 claims, of different todos, each written once', async () => {
    const { dir, file } = ecosystemDir(SMALL);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => concordAsync(['claim-next', '--agent', `racer-${i}`, '--json'], { cwd: dir })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const answers = results.map((r) => r.json() as ClaimedNext);
    const won = answers.filter((a) => a.claim);
    expect(won.map((a) => a.claim!.todo).sort()).toEqual(['TODO-2', 'TODO-5']);
    for (const a of won) expect(recordOf(file, a.claim!.todo)).toMatch(new RegExp(`assignee: ${a.claim!.agent}\\n`));
    expect(answers.filter((a) => !a.claim && !a.todo)).toHaveLength(6);
    const history = concord(['history', '--json'], { cwd: dir }).json() as { type: string; entity?: { id: string } }[] | { events: { type: string }[] };
    const events = Array.isArray(history) ? history : history.events;
    expect(events.filter((e) => e.type === 'todo:claimed')).toHaveLength(2);
  });

  it('is POST /api/todos/claim-next over HTTP', async () => {
    const api = inProcessApi(SMALL);
    const r = await api.json('/api/todos/claim-next', { method: 'POST', body: { repo: 'lib', agent: 'http-bot' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ ready: 1, claim: { todo: 'TODO-5', agent: 'http-bot', token: expect.any(String) }, todo: { id: 'TODO-5', status: 'in_progress' } });
    const again = await api.json('/api/todos/claim-next', { method: 'POST', body: { repo: 'lib' } });
    expect(again.body).toEqual({ ready: 0 });
  });
});
