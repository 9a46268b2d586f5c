// `concord todo claim|heartbeat|release` from the command line, sharing claims with MCP agents.
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('concord todo claim, heartbeat, release', () => {
  it('claims, renews and releases, and a claimed todo leaves the ready list', () => {
    const { dir } = ecosystemDir(SMALL);
    const claim = concord(['todo', 'claim', 'TODO-2', '--agent', 'bot-1', '--json'], { cwd: dir });
    expect(claim.code).toBe(0);
    const { claim: c } = claim.json() as { claim: { token: number; agent: string; expires_at: string } };
    expect(c).toMatchObject({ agent: 'bot-1', token: expect.any(Number) });
    const ready = concord(['ready', '--json'], { cwd: dir }).json() as { todo: { id: string } }[];
    expect(ready.map((r) => r.todo.id)).toEqual(['TODO-5']);
    const taken = concord(['todo', 'claim', 'TODO-2', '--agent', 'bot-2'], { cwd: dir });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^ALREADY_CLAIMED: todo TODO-2 is already claimed by bot-1 until /);
    const beat = concord(['todo', 'heartbeat', 'TODO-2', '--token', String(c.token), '--lease', '60'], { cwd: dir });
    expect(beat.code).toBe(0);
    expect(beat.stdout).toContain('TODO-2 held by bot-1 until');
    // The claim is part of the todo's details, for people as for agents.
    expect((concord(['todo', 'show', 'TODO-2', '--json'], { cwd: dir }).json() as { claim?: { agent: string; token: number } }).claim).toMatchObject({ agent: 'bot-1', token: c.token });
    expect(concord(['todo', 'show', 'TODO-2'], { cwd: dir }).stdout).toMatch(new RegExp(`claimed +by bot-1 until .* \\(token ${c.token}\\)`));
    const wrong = concord(['todo', 'release', 'TODO-2', '--token', String(c.token + 100)], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^STALE_CLAIM:/);
    const release = concord(['todo', 'release', 'TODO-2', '--token', String(c.token), '--json'], { cwd: dir });
    expect(release.json()).toEqual({ released: true });
    expect(concord(['todo', 'show', 'TODO-2', '--json'], { cwd: dir }).json()).not.toHaveProperty('claim');
    expect((concord(['ready', '--json'], { cwd: dir }).json() as unknown[]).length).toBe(2);
  });

  it('requires the token option', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['todo', 'heartbeat', 'TODO-2'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--token <n>' not specified");
  });
});
