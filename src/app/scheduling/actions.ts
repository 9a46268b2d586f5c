// Running one action of a fire: a Concord operation in this process, or a command (argv, no shell, its own
// process group, killed at the deadline) in a folder of the ecosystem.
import path from 'node:path';
import type { Action, Target } from '../../core/scheduling/schemas.js';
import type { FireRow } from '../../state/schedule-store.js';
import { runPipeline } from '../checks/pipeline.js';
import type { Workspace } from '../workspace.js';
import { operation } from './operations.js';

/** Bytes of a fire's payload passed to a command in CONCORD_FIRE_PAYLOAD (environment variables are small). */
const MAX_PAYLOAD_ENV = 32 * 1024;
const OUTPUT_KEPT = 4_000;

export interface ActionResult {
  ok: boolean;
  summary: string;
  output?: string;
}

function commandEnvironment(ws: Workspace, target: Target, fire: FireRow): Record<string, string | undefined> {
  const payload = fire.payload ?? '';
  return {
    ...ws.env.vars,
    // Changes the command makes through Concord are the scheduler's, and trigger no activity on their own.
    CONCORD_SURFACE: 'scheduler',
    CONCORD_ECOSYSTEM: ws.file,
    [target.kind === 'job' ? 'CONCORD_JOB' : 'CONCORD_ACTIVITY']: target.name,
    CONCORD_FIRE_ID: String(fire.id),
    CONCORD_FIRE_TRIGGER: fire.trigger,
    CONCORD_FIRE_INSTANT: fire.instant,
    ...(payload && payload.length <= MAX_PAYLOAD_ENV ? { CONCORD_FIRE_PAYLOAD: payload } : {}),
  };
}

export async function runAction(ws: Workspace, target: Target, fire: FireRow, action: Action, signal: AbortSignal): Promise<ActionResult> {
  if (action.operation !== undefined) {
    const r = await operation(action.operation).run(ws, action.args ?? {}, { signal, fire: { id: fire.id, trigger: fire.trigger, instant: fire.instant, payload: fire.payload ? (JSON.parse(fire.payload) as unknown) : undefined } });
    return { ok: r.ok && !signal.aborted, summary: `${action.operation}: ${r.summary}` };
  }
  const argv = action.command!;
  const r = await runPipeline([argv], { cwd: path.resolve(ws.dir, action.cwd ?? '.'), signal, env: commandEnvironment(ws, target, fire) });
  const output = `${r.stdout}${r.stderr}`.trim().slice(-OUTPUT_KEPT);
  const exit = r.stages[0]!;
  const name = argv[0]!;
  if (r.spawnError) return { ok: false, summary: `${name} could not start (${r.spawnError.code}): ${r.spawnError.message}`, output };
  if (r.aborted) return { ok: false, summary: `${name} was stopped`, output };
  if (exit.code !== 0) return { ok: false, summary: `${name} ${exit.code === null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`}${output ? `: ${output.split('\n').slice(-3).join(' | ').slice(-300)}` : ''}`, output };
  return { ok: true, summary: `${name} exited with code 0`, output };
}
