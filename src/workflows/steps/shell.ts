// Step type `shell`: one command as argv through the process runner (no shell, its own process group, limits).
import path from 'node:path';
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { allowEnv, runProcess } from '../../app/process.js';
import { defineStep, dyn, insideDir, repoDir } from '../step.js';

const MAX_OUTPUT = 256 * 1024;

export const shellStep = defineStep({
  type: 'shell',
  summary: 'run a command (argv, no shell splicing) in a repo or the ecosystem folder; outputs exit_code, stdout, stderr',
  input: z.strictObject({
    run: z.array(z.string().max(100_000)).min(1).max(1_000).describe('The argv: ["npm", "test"]; never a line a shell splits'),
    repo: z.string().min(1).optional().describe('Run in this repo of the catalog (default: the ecosystem folder)'),
    cwd: z.string().min(1).optional().describe('A folder inside the repo (or the ecosystem folder)'),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default(() => ({})).describe('Variables set for the command'),
    pass_env: z.array(z.string().min(1)).default(() => []).describe('Variables passed through from Concord\'s environment (NAME or PREFIX_*)'),
    ok_exit_codes: dyn(z.array(z.number().int()).min(1)).default(() => [0]),
    timeout_ms: dyn(z.number().int().positive().max(86_400_000)).default(600_000),
  }),
  async run(ctx, w) {
    const base = w.repo ? await repoDir(ctx.ws, w.repo) : ctx.ws.dir;
    const cwd = w.cwd ? insideDir(base, w.cwd, 'with.cwd') : base;
    ctx.log(`$ ${w.run.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}  (in ${path.relative(ctx.ws.dir, cwd) || '.'})`);
    const r = await runProcess({
      argv: w.run,
      cwd,
      env: allowEnv(ctx.env, w.pass_env, { ...w.env, CONCORD_WORKFLOW_RUN: ctx.runId, CONCORD_WORKFLOW_STEP: ctx.stepId }),
      wallMs: w.timeout_ms,
      signal: ctx.signal,
      maxOutput: MAX_OUTPUT,
      onLine: (line, stream) => ctx.log(`${stream === 'stderr' ? '! ' : '  '}${line}`),
    });
    if (r.spawnError) throw new ConcordError('INVALID_INPUT', `${w.run[0]}: ${r.spawnError.code === 'ENOENT' ? 'not found on PATH' : r.spawnError.message}`, { hint: 'check the command name, or give its path' });
    const outputs = { exit_code: r.code, stdout: r.stdout, stderr: r.stderr, truncated: r.truncated };
    if (r.stopped) throw Object.assign(new Error(`${w.run[0]} was stopped (${r.stopped}) after ${r.durationMs} ms`), { outputs });
    if (!w.ok_exit_codes.includes(r.code ?? -1)) throw Object.assign(new Error(`${w.run[0]} exited with ${r.code ?? r.signal}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 500)}` : ''}`), { outputs });
    return outputs;
  },
});
