// `concord workflow list|validate|run|show`: workflows of typed steps in workflows/*.yaml (docs/workflows.md).
import type { Command } from 'commander';
import { ConcordError } from '../../core/errors.js';
import type { WorkflowRun } from '../../core/workflow/schema.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { withExamples } from './define.js';
import { commandGroup } from './group.js';

const workflows = () => import('../../workflows/index.js');

/** `--input key=value`, repeatable; numbers and booleans are read as such. */
function collectInput(pair: string, prev: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new ConcordError('INVALID_INPUT', `--input ${pair}: write name=value`, { hint: 'e.g. --input service=billing' });
  const raw = pair.slice(eq + 1);
  const value = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return { ...prev, [pair.slice(0, eq)]: value };
}

function runText(r: WorkflowRun & { log_tail?: string }): string {
  const lines = [`workflow ${r.workflow} run ${r.id}: ${r.status}${r.error ? ` (${r.error})` : ''}`];
  for (const s of r.steps) lines.push(`  ${s.status.padEnd(9)} ${s.id} (${s.type})${s.duration_ms !== undefined ? ` ${s.duration_ms} ms` : ''}${s.reason ? `: ${s.reason}` : ''}${s.error ? `: ${s.error.slice(0, 200)}` : ''}`);
  for (const c of r.cleanup) lines.push(`  cleanup: ${c}`);
  if (r.log) lines.push(`log: ${r.log}`);
  if (r.log_tail) lines.push('', r.log_tail.trimEnd());
  return lines.join('\n');
}

function reportRun(out: Output, r: WorkflowRun): void {
  const ok = r.status === 'succeeded';
  if (ok || !out.json) out.result(r, runText);
  if (!ok) throw new ConcordError('WORKFLOW_FAILED', `workflow ${r.workflow} run ${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`, { hint: `see \`concord workflow show ${r.id}\``, data: { ...r } });
}

export function registerWorkflow(program: Command, ctx: CliContext): void {
  const wf = commandGroup(program, 'workflow', 'workflows of typed steps (workflows/*.yaml): list, validate, run, show');

  wf.command('list').description('workflows of the workflows/ folder, their last run, and the files that are invalid').action(async (_o: unknown, cmd: Command) => {
    const out = ctx.output(cmd);
    const r = await (await workflows()).listWorkflows(await ctx.workspace(cmd));
    out.result(r, (x) =>
      [
        x.workflows.length
          ? out.table(x.workflows, [
              { header: 'NAME', get: (w) => w.name },
              { header: 'STEPS', get: (w) => String(w.steps) },
              { header: 'INPUTS', get: (w) => w.inputs.join(', ') },
              { header: 'LAST', get: (w) => (w.last ? `${w.last.status} ${w.last.started_at}` : '') },
              { header: 'DESCRIPTION', get: (w) => w.description ?? '', max: 50 },
            ])
          : 'No workflows.',
        ...x.invalid.flatMap((i) => i.problems.map((p) => `invalid: ${p}`)),
      ].join('\n'),
    );
  });

  withExamples(
    wf.command('validate [name]').description('check workflow files (all, or one) without running anything: file, line, field and fix of each problem').action(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const out = ctx.output(cmd);
      const r = await (await workflows()).validateWorkflows(await ctx.workspace(cmd), name ? { name } : {});
      if (r.valid || !out.json) out.result(r, (x) => (x.valid ? `${x.checked} workflow file(s) valid` : x.problems.flatMap((p) => p.problems).join('\n')));
      if (!r.valid) throw new ConcordError('INVALID_WORKFLOW', `${r.problems.length} workflow file(s) invalid`, { hint: 'see docs/workflows.md', data: { ...r } });
    }),
    'concord workflow validate',
    'concord workflow validate scaffold-service',
  );

  withExamples(
    wf
      .command('run <name>')
      .description('run a workflow now, in this process, and wait for it (validated first: an invalid file runs nothing)')
      .option('-i, --input <name=value>', 'a value of one of its inputs (repeat it)', collectInput)
      .option('--follow', 'print the log as it is written (on stderr)')
      .action(async (name: string, opts: { input?: Record<string, unknown>; follow?: boolean }, cmd: Command) => {
        const ws = await ctx.workspace(cmd);
        const r = await (await workflows()).runWorkflow(ws, { name, inputs: opts.input ?? {} }, { trigger: 'cli', ...(opts.follow ? { onLog: (line: string) => void ctx.io.stderr.write(`${line}\n`) } : {}) });
        reportRun(ctx.output(cmd), r);
      }),
    'concord workflow run scaffold-service --input service=billing',
  );

  wf.command('show <name>').description('one workflow (its definition and recent runs), or one run by its WF- id with its steps and log').option('-n, --limit <n>', 'runs shown', count)
    .action(async (name: string, opts: { limit?: number }, cmd: Command) => {
      const out = ctx.output(cmd);
      const r = await (await workflows()).showWorkflow(await ctx.workspace(cmd), { name, ...opts });
      out.result(r, (x) => {
        if (x.run) return runText(x.run);
        const w = x.workflow!;
        return [`workflow ${w.name} (${w.file})`, ...(w.description ? [w.description] : []), `${w.steps} step(s)${w.inputs.length ? `, inputs: ${w.inputs.join(', ')}` : ''}`, x.runs.length ? `runs, newest first:\n${x.runs.map((r2) => `  ${r2.id}  ${r2.status.padEnd(9)} ${r2.started_at}  ${r2.trigger}`).join('\n')}` : 'No runs yet.'].join('\n');
      });
    });
}
