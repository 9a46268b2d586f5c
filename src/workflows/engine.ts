// Runs a validated workflow: groups in order, the steps of a parallel group at most `limit` at a time, `if:`
// on earlier outputs, each step's arguments interpolated then checked by its type. The first failure stops
// the steps after it (those running finish), then what succeeded steps registered to undo is undone, newest
// first. Secrets a step registers are masked in the log, the errors and the outputs.
import { evaluate, type ExprScope, interpolate, parseExpr, truthy } from '../core/workflow/expr.js';
import type { Step, StepResult } from '../core/workflow/schema.js';
import type { LoadedWorkflow } from './files.js';
import type { StepContext } from './step.js';
import { stepType } from './steps/index.js';

export interface EngineHooks {
  context: Omit<StepContext, 'scope' | 'onCleanup' | 'stepId' | 'log' | 'signal' | 'secret'>;
  signal: AbortSignal;
  log: (line: string) => void;
  /** A step changed state (the run's record is updated). */
  onStep: (results: StepResult[]) => void;
  now: () => Date;
}

export interface EngineResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  steps: StepResult[];
  error?: string;
  failed_step?: string;
  cleanup: string[];
}

const MAX_OUTPUT_JSON = 256 * 1024;

export async function runSteps(wf: LoadedWorkflow, inputs: Record<string, unknown>, h: EngineHooks): Promise<EngineResult> {
  const results: StepResult[] = wf.groups.flatMap((g) => g.steps.map((s) => ({ id: s.id, type: s.type, status: 'pending' as const, outputs: {} })));
  const byId = new Map(results.map((r) => [r.id, r]));
  const scope: ExprScope = { inputs, steps: {} };
  const cleanups: { what: string; undo: () => Promise<void> | void }[] = [];
  const secrets = new Set<string>();
  const mask = (text: string) => [...secrets].reduce((t, s) => (s.length >= 4 ? t.split(s).join('***') : t), text);
  const log = (line: string) => h.log(mask(line));
  let failure: { step: string; error: string } | undefined;

  const runOne = async (step: Step): Promise<void> => {
    const r = byId.get(step.id)!;
    const skip = (reason: string) => {
      Object.assign(r, { status: 'skipped', reason });
      scope.steps[step.id] = { status: 'skipped', outputs: {} };
      log(`[${step.id}] skipped: ${reason}`);
    };
    if (h.signal.aborted) return skip('the run was cancelled');
    if (failure) return skip(`step ${failure.step} failed`);
    if (step.if !== undefined && !truthy(evaluate(parseExpr(step.if), scope))) return skip(`if: ${step.if} is false`);
    const started = h.now();
    Object.assign(r, { status: 'running', started_at: started.toISOString() });
    h.onStep(results);
    log(`[${step.id}] ${step.type}${step.name ? `: ${step.name}` : ''}`);
    const controller = new AbortController();
    const onAbort = () => controller.abort(h.signal.reason);
    h.signal.addEventListener('abort', onAbort, { once: true });
    const timer = step.timeout_ms ? setTimeout(() => controller.abort(new Error(`step ${step.id} timed out after ${step.timeout_ms} ms`)), step.timeout_ms) : undefined;
    let outputs: Record<string, unknown> = {};
    let error: string | undefined;
    try {
      const type = stepType(step.type)!;
      const args = type.input.parse(interpolate(step.with, scope));
      const ctx: StepContext = {
        ...h.context,
        signal: controller.signal,
        stepId: step.id,
        scope,
        log: (line) => log(`[${step.id}] ${line}`),
        secret: (v) => void secrets.add(v),
        onCleanup: (what, undo) => void cleanups.push({ what, undo }),
      };
      outputs = await type.run(ctx, args);
    } catch (e) {
      error = describeError(e);
      const partial = (e as { outputs?: unknown }).outputs;
      if (partial && typeof partial === 'object') outputs = partial as Record<string, unknown>;
    } finally {
      clearTimeout(timer);
      h.signal.removeEventListener('abort', onAbort);
    }
    outputs = maskOutputs(outputs, mask);
    const finished = h.now();
    const status = error === undefined ? 'succeeded' : h.signal.aborted ? 'cancelled' : 'failed';
    Object.assign(r, { status, finished_at: finished.toISOString(), duration_ms: finished.getTime() - started.getTime(), outputs, ...(error !== undefined ? { error: mask(error) } : {}) });
    scope.steps[step.id] = { status, outputs };
    log(`[${step.id}] ${status}${error !== undefined ? `: ${mask(error)}` : ''}`);
    if (error !== undefined && !step.continue_on_error && !failure) failure = { step: step.id, error: mask(error) };
    h.onStep(results);
  };

  for (const group of wf.groups) {
    if (!group.parallel) {
      await runOne(group.steps[0]!);
      continue;
    }
    const queue = [...group.steps];
    await Promise.all(Array.from({ length: Math.min(group.limit, queue.length) }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await runOne(s);
    }));
  }

  const cleanup: string[] = [];
  if (failure || h.signal.aborted) {
    for (const c of cleanups.reverse()) {
      try {
        await c.undo();
        cleanup.push(c.what);
        log(`cleanup: ${c.what}`);
      } catch (e) {
        cleanup.push(`could not undo (${c.what}): ${(e as Error).message}`);
        log(`cleanup failed: ${c.what}: ${(e as Error).message}`);
      }
    }
  }
  const status = h.signal.aborted ? 'cancelled' : failure ? 'failed' : 'succeeded';
  return { status, steps: results, ...(failure ? { error: `${failure.step}: ${failure.error}`, failed_step: failure.step } : h.signal.aborted ? { error: 'cancelled' } : {}), cleanup };
}

function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    // A zod error from the arguments after interpolation: which field, and what it got.
    return `invalid arguments: ${(e as { issues: { path: PropertyKey[]; message: string }[] }).issues.map((i) => `with.${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`;
  }
  return e instanceof Error ? e.message : String(e);
}

function maskOutputs(outputs: Record<string, unknown>, mask: (t: string) => string): Record<string, unknown> {
  let json = mask(JSON.stringify(outputs) ?? '{}');
  if (json.length > MAX_OUTPUT_JSON) json = JSON.stringify({ truncated: true, note: `the outputs were over ${MAX_OUTPUT_JSON} characters` });
  return JSON.parse(json) as Record<string, unknown>;
}
