// Executors against fake agent CLIs replaying recorded streams: each scenario ends in the right outcome,
// prompts never reach a shell or argv, the environment is allow-listed, and nothing is left running.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, processAlive } from '../../src/app/process.js';
import { headCommit } from '../../src/app/runs/verify.js';
import { resolveExecutor } from '../../src/core/executors/index.js';
import { LimitsSchema } from '../../src/core/runs/settings.js';
import type { RunStatus } from '../../src/core/runs/states.js';
import { executeAttempt } from '../../src/exec/attempt.js';
import { AGENT_BIN, agentEnv } from '../helpers/agents.js';
import { git, gitInit, tempDir } from '../helpers/temp.js';

type Case = [scenario: string, expected: RunStatus, limits?: Record<string, number>];

const COMMON: Case[] = [
  ['success', 'succeeded'],
  ['api-error', 'infra_error'],
  ['empty-result', 'no_op'],
  ['hang-after-result', 'succeeded'],
  ['hang-with-child', 'succeeded'],
  ['needs-input', 'needs_input'],
  ['turn-limit', 'limit_turns', { turns: 3 }],
  ['slow-output', 'succeeded'],
  ['silent', 'stalled', { idle_seconds: 1 }],
  // Work committed, then an error result (not an API error), and exit 0: failed, whatever the diff and the exit code say.
  ['error-result', 'failed'],
];
const CASES: Record<string, Case[]> = {
  // error-subtype: an error_* result subtype with is_error false; error-text: an error as plain text, no result event.
  claude: [...COMMON, ['error-subtype', 'failed'], ['error-text', 'failed'], ['denied-tool', 'failed'], ['budget-limit', 'limit_budget'], ['loop', 'limit_turns', { turns: 3 }], ['loop', 'limit_budget', { cost_usd: 0.05 }]],
  codex: [...COMMON, ['denied-tool', 'failed'], ['budget-limit', 'limit_budget', { cost_usd: 0.05 }]],
  gemini: [...COMMON, ['denied-tool', 'failed'], ['auth-error', 'infra_error']],
  opencode: [...COMMON, ['denied-tool', 'failed'], ['budget-limit', 'limit_budget', { cost_usd: 0.05 }]],
  // An error event after `complete`.
  goose: [...COMMON, ['denied-tool', 'failed'], ['error-after-complete', 'failed']],
  aider: [...COMMON, ['budget-limit', 'limit_budget', { cost_usd: 0.05 }]],
};

function repo(): { dir: string; base: Promise<string> } {
  const dir = tempDir('concord-exec-');
  fs.writeFileSync(path.join(dir, 'README.md'), '# work\n');
  gitInit(dir);
  return { dir, base: headCommit(dir, process.env) };
}

async function attempt(cli: string, prompt: string, o: { limits?: Record<string, number>; env?: Record<string, string>; dir?: string; base?: string } = {}) {
  const r = o.dir ? { dir: o.dir, base: Promise.resolve(o.base!) } : repo();
  const state = tempDir('concord-exec-state-');
  const profile = resolveExecutor(cli, { [cli]: { pass_env: ['FAKE_*'] } });
  let pid: number | undefined;
  const result = await executeAttempt({
    profile,
    prompt,
    promptFile: path.join(state, 'prompt.md'),
    cwd: r.dir,
    env: { ...agentEnv(), ...o.env },
    vars: { CONCORD_TODO: 'TODO-1', CONCORD_RUN: 'RUN-1' },
    limits: LimitsSchema().parse({ wall_seconds: 20, idle_seconds: 5, after_result_seconds: 0.3, kill_grace_seconds: 0.5, ...o.limits }),
    run: 'RUN-1',
    todo: 'TODO-1',
    commandDir: r.dir,
    base: await r.base,
    acceptanceCommands: [],
    codeWork: true,
    onStart: (p) => (pid = p),
  });
  return { ...result, pid, dir: r.dir };
}

describe.concurrent.each(Object.entries(CASES))('the %s profile', (cli, cases) => {
  it.each(cases)('%s ends as %s', async (scenario, expected, limits) => {
    const childPidFile = path.join(tempDir('concord-child-'), 'pid');
    const r = await attempt(cli, `Do the work. [fake:${scenario}]`, { ...(limits ? { limits } : {}), env: { FAKE_AGENT_CHILD_PID: childPidFile } });
    expect(r.outcome.status, `${r.outcome.reason}\n${r.outcome.error_tail ?? ''}`).toBe(expected);
    // Nothing it started is left: not its group, not the helper it forked.
    expect(groupAlive(r.pid)).toBe(false);
    if (scenario === 'hang-with-child') expect(processAlive(Number(fs.readFileSync(childPidFile, 'utf8')))).toBe(false);
    if (expected === 'succeeded') {
      expect(r.outcome.diffstat).toMatchObject({ files: 1, insertions: 1 });
      expect(git(r.dir, 'log', '--format=%an', '-1').trim()).toBe('Fake Agent');
      expect(r.outcome.summary).toMatch(/Added the file|add the file/);
    }
    if (!['infra_error', 'no_op', 'stalled'].includes(expected)) expect(r.outcome.turns).toBeGreaterThan(0);
  });
});

describe('what reaches the agent', () => {
  const nasty = (dir: string) => [
    `Fix it $(touch ${dir}/pwned) and \`touch ${dir}/pwned2\`; rm -rf "${dir}" 'quoted' "double" \\ back`,
    'line one\nline two\n$HOME\n--resume evil',
    'x'.repeat(256 * 1024) + `$(touch ${dir}/pwned3)`,
  ];

  it.concurrent.each(['claude', 'codex', 'gemini', 'opencode', 'goose', 'aider'])('%s: prompts with $(...), quotes, newlines and 256 KB never run and never reach argv', async (cli) => {
    const trap = tempDir('concord-trap-');
    const record = path.join(trap, 'record.jsonl');
    for (const text of nasty(trap)) {
      const prompt = `${text}\n[fake:success]`;
      const r = await attempt(cli, prompt, { env: { FAKE_AGENT_RECORD: record, SECRET_TOKEN: 'hunter2' } });
      expect(r.outcome.status).toBe('succeeded');
      const seen = fs.readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; prompt_length: number; prompt_sha1: string; env: Record<string, string> }).at(-1)!;
      // The agent got the prompt byte for byte, through stdin or a file, and argv holds none of it.
      expect(seen.prompt_length).toBe(prompt.length);
      expect(seen.prompt_sha1).toBe(createHash('sha1').update(prompt).digest('hex'));
      expect(seen.argv.join(' ')).not.toMatch(/touch|pwned|line one|xxxxxxxx|quoted/);
      expect(r.attempt.argv.join(' ')).not.toMatch(/touch|pwned|line one|xxxxxxxx|quoted/);
      // Only allow-listed variables: the run's, HOME; never the worker's secrets.
      expect(seen.env).toMatchObject({ CONCORD_TODO: 'TODO-1', CONCORD_RUN: 'RUN-1' });
      expect(seen.env['SECRET_TOKEN']).toBeUndefined();
    }
    expect(fs.readdirSync(trap).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });

  it('a limit stop reports the session, and a resume hands the same session back to the agent', async () => {
    const { dir, base } = repo();
    const record = path.join(tempDir('concord-rec-'), 'record.jsonl');
    const first = await attempt('claude', 'go [fake:turn-limit]', { dir, base: await base, limits: { turns: 3 }, env: { FAKE_AGENT_RECORD: record } });
    expect(first.outcome).toMatchObject({ status: 'limit_turns', session: expect.stringMatching(/^sess-/) });
    const profile = resolveExecutor('claude', { claude: { pass_env: ['FAKE_*'] } });
    const state = tempDir('concord-exec-state-');
    const again = await executeAttempt({
      profile, prompt: 'go on [fake:success]', promptFile: path.join(state, 'p.md'), cwd: dir, env: { ...agentEnv(), FAKE_AGENT_RECORD: record }, vars: {},
      limits: LimitsSchema().parse({ wall_seconds: 20, after_result_seconds: 0.3 }), run: 'RUN-1', todo: 'TODO-1', commandDir: dir, base: await base,
      acceptanceCommands: [], codeWork: true, resumeSession: first.outcome.session!,
    });
    const seen = fs.readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; session: string });
    expect(seen[1]!.argv).toEqual(expect.arrayContaining(['--resume', first.outcome.session!]));
    expect(again.outcome).toMatchObject({ status: 'succeeded', session: first.outcome.session });
  });

  it('an agent that is not installed is an infrastructure error, not a failure of the work', async () => {
    const r = await attempt('claude', 'x', { env: { PATH: '/nonexistent' } });
    expect(r.outcome).toMatchObject({ status: 'infra_error', reason: expect.stringContaining('not found on PATH') });
  });

  it.each([
    [['test -f work/TODO-1.txt', 'grep -q done work/TODO-1.txt'], 'succeeded'],
    [['test -f work/TODO-1.txt', 'grep -q nonsense work/TODO-1.txt'], 'failed'],
  ] as const)('acceptance commands decide: %j -> %s', async (commands, expected) => {
    const { dir, base } = repo();
    const profile = resolveExecutor('claude', { claude: { pass_env: ['FAKE_*'] } });
    const { outcome } = await executeAttempt({
      profile, prompt: '[fake:success]', promptFile: path.join(tempDir(), 'p.md'), cwd: dir, env: agentEnv(), vars: { CONCORD_TODO: 'TODO-1' },
      limits: LimitsSchema().parse({ after_result_seconds: 0.3 }), run: 'RUN-1', todo: 'TODO-1', commandDir: dir, base: await base, acceptanceCommands: commands, codeWork: true,
    });
    expect(outcome.status).toBe(expected);
    if (expected === 'failed') expect(outcome).toMatchObject({ reason: expect.stringContaining('grep -q nonsense'), error_tail: expect.stringContaining('exited with code 1') });
  });
});

describe('the recorded fixtures', () => {
  it('every profile has a fake CLI and a success stream', () => {
    for (const cli of Object.keys(CASES)) {
      expect(fs.existsSync(path.join(AGENT_BIN, cli))).toBe(true);
      expect(fs.existsSync(path.join(AGENT_BIN, '..', cli, 'success.jsonl'))).toBe(true);
    }
  });
});
