#!/usr/bin/env node
// The demo agent of `concord serve --demo`: reads the prompt on stdin, "works" for a few seconds while it
// prints Claude Code's stream-json (so the dashboard shows turns, tokens and cost), then writes a small
// file in its worktree and commits it. No network, no model: a stand-in for a real coding agent.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const todo = process.env.CONCORD_TODO ?? 'TODO';
const session = `demo-${process.env.CONCORD_RUN ?? process.pid}`;
const pace = Number(process.env.CONCORD_DEMO_PACE_MS ?? 1200);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const emit = (e) => process.stdout.write(`${JSON.stringify({ ...e, session_id: session })}\n`);
const usage = (input, output) => ({ input_tokens: input, output_tokens: output, cache_read_input_tokens: 0 });

let prompt = '';
for await (const chunk of process.stdin) prompt += chunk;
const task = /^#+\s*(.+)$/m.exec(prompt)?.[1] ?? prompt.split('\n').find((l) => l.trim()) ?? todo;

emit({ type: 'system', subtype: 'init', cwd: process.cwd(), model: 'demo-agent', tools: ['Read', 'Write', 'Bash'], permissionMode: 'acceptEdits' });
const steps = [
  `Reading the task: ${task.slice(0, 120)}`,
  'Looking at the repository layout and the README.',
  'Planning a small, self-contained change.',
  `Writing notes/${todo}.md with what was done.`,
  'Committing the change on the run branch.',
];
let turn = 0;
for (const text of steps) {
  await sleep(pace);
  turn++;
  emit({ type: 'assistant', message: { id: `msg_${turn}`, role: 'assistant', model: 'demo-agent', content: [{ type: 'text', text }], usage: usage(900 + turn * 120, 60 + turn * 15) } });
}
fs.mkdirSync('notes', { recursive: true });
const file = path.join('notes', `${todo}.md`);
fs.writeFileSync(file, `# ${todo}\n\n${task}\n\nDone by the demo agent at ${new Date().toISOString()}.\n`);
const git = (...args) => execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'Demo Agent', GIT_AUTHOR_EMAIL: 'demo-agent@localhost', GIT_COMMITTER_NAME: 'Demo Agent', GIT_COMMITTER_EMAIL: 'demo-agent@localhost' } });
git('add', file);
git('commit', '-q', '-m', `${todo}: ${task.slice(0, 60)}`);
await sleep(pace / 2);
const input = steps.reduce((n, _, i) => n + 900 + (i + 1) * 120, 0);
const output = steps.reduce((n, _, i) => n + 60 + (i + 1) * 15, 0);
emit({ type: 'result', subtype: 'success', is_error: false, num_turns: turn, result: `Wrote ${file} and committed it.`, total_cost_usd: Math.round((input * 3 + output * 15) / 1e6 * 1e4) / 1e4, usage: usage(input, output), permission_denials: [] });
