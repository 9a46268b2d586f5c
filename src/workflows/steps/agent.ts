// Step type `agent`: one executor run with a prompt, through the same attempt code as todo runs (src/exec:
// the profile's argv, the prompt on stdin or in a file, limits enforced from the stream, the one process runner).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { resolveExecutor } from '../../core/executors/index.js';
import { defaultPool, LimitsSchema } from '../../core/runs/settings.js';
import { executeAttempt } from '../../exec/attempt.js';
import { defineStep, insideDir, repoDir } from '../step.js';

export const agentStep = defineStep({
  type: 'agent',
  summary: 'run an agent CLI (an executor profile) with a prompt in a repo; outputs status, reason, summary, session, cost_usd',
  input: z.strictObject({
    prompt: z.string().min(1).max(500_000),
    executor: z.string().min(1).optional().describe('The executor profile (default: the first pool\'s, else claude)'),
    repo: z.string().min(1).optional().describe('Run in this repo (default: the ecosystem folder)'),
    cwd: z.string().min(1).optional(),
    limits: LimitsSchema().partial().optional(),
    code_work: z.boolean().default(false).describe('Success needs a non-empty diff (in a git repo)'),
  }),
  async run(ctx, w) {
    const pool = ctx.ws.settings.pools[0] ?? defaultPool();
    const profile = resolveExecutor(w.executor ?? pool.executor, ctx.ws.settings.executors);
    const base = w.repo ? await repoDir(ctx.ws, w.repo) : ctx.ws.dir;
    const cwd = w.cwd ? insideDir(base, w.cwd, 'with.cwd') : base;
    const limits = LimitsSchema().parse({ ...pool.limits, ...(w.limits ?? {}) });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-wf-agent-'));
    let head: string | undefined;
    if (w.code_work) {
      const { headCommit } = await import('../../app/runs/verify.js');
      head = await headCommit(cwd, ctx.env).catch(() => undefined);
    }
    try {
      const { outcome } = await executeAttempt({
        profile,
        prompt: w.prompt,
        promptFile: path.join(scratch, 'prompt.md'),
        cwd,
        env: ctx.env,
        vars: { CONCORD_WORKFLOW_RUN: ctx.runId, CONCORD_WORKFLOW_STEP: ctx.stepId, CONCORD_ECOSYSTEM: ctx.ws.file },
        limits,
        run: ctx.runId,
        todo: `${ctx.runId}/${ctx.stepId}`,
        commandDir: ctx.ws.dir,
        signal: ctx.signal,
        ...(head ? { base: head } : {}),
        acceptanceCommands: [],
        codeWork: w.code_work,
        log: (chunk) => chunk.split('\n').filter(Boolean).forEach((l) => ctx.log(`  ${l}`)),
      });
      const outputs = { status: outcome.status, reason: outcome.reason, summary: outcome.summary ?? '', session: outcome.session ?? '', turns: outcome.turns, cost_usd: outcome.cost_usd ?? 0 };
      if (outcome.status !== 'succeeded') throw Object.assign(new Error(`${profile.name}: ${outcome.status}: ${outcome.reason}`), { outputs });
      return outputs;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
});
