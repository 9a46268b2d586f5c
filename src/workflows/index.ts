// What surfaces call about workflows (the operations of src/ops/workflows.ts): list, validate, run, show.
import path from 'node:path';
import { z } from 'zod';
import { ConcordError, suggest } from '../core/errors.js';
import type { WorkflowRun } from '../core/workflow/schema.js';
import type { Workspace } from '../app/workspace.js';
import { type LoadedWorkflow, loadWorkflows, readWorkflow, workflowFiles, workflowsDir } from './files.js';
import { getRun, listRuns, readLog, startRun, type StartOptions } from './runs.js';
import { arg, hint, op } from '../core/hints.js';

export const WorkflowNameInput = z.string().min(1).max(200).describe('The workflow (its file in workflows/, without .yaml)');

function summary(ws: Workspace, wf: LoadedWorkflow) {
  const last = listRuns(ws, wf.name, 1)[0];
  return {
    name: wf.name,
    file: path.relative(ws.dir, wf.file),
    ...(wf.definition.description ? { description: wf.definition.description } : {}),
    steps: wf.groups.reduce((n, g) => n + g.steps.length, 0),
    inputs: Object.keys(wf.definition.inputs),
    ...(last ? { last: { id: last.id, status: last.status, started_at: last.started_at } } : {}),
  };
}

export async function listWorkflows(ws: Workspace) {
  const { workflows, invalid } = await loadWorkflows(ws);
  return { workflows: workflows.map((w) => summary(ws, w)), invalid };
}

/** Checks every file (or the one named); nothing runs. */
export async function validateWorkflows(ws: Workspace, input: { name?: string | undefined }) {
  const files = input.name ? [await fileOf(ws, input.name)] : workflowFiles(ws);
  const problems = [];
  for (const f of files) {
    const r = await readWorkflow(f);
    if ('problems' in r) problems.push(r);
  }
  return { valid: problems.length === 0, checked: files.length, problems };
}

async function fileOf(ws: Workspace, name: string): Promise<string> {
  const files = workflowFiles(ws);
  const byFile = files.find((f) => path.basename(f).replace(/\.ya?ml$/, '') === name);
  if (byFile) return byFile;
  const { workflows } = await loadWorkflows(ws);
  const byName = workflows.find((w) => w.name === name);
  if (byName) return byName.file;
  const names = [...new Set([...workflows.map((w) => w.name), ...files.map((f) => path.basename(f).replace(/\.ya?ml$/, ''))])];
  const near = suggest(name, names);
  throw new ConcordError('WORKFLOW_NOT_FOUND', `no workflow "${name}" in ${workflowsDir(ws)}${near ? ` (did you mean "${near}"?)` : ''}`, { hint: names.length ? `workflows: ${names.join(', ')}` : 'write one: workflows/<name>.yaml (docs/workflows.md)', data: { name } });
}

/** The workflow, validated; an invalid file is refused with every problem (file, line, field). */
export async function loadWorkflow(ws: Workspace, name: string): Promise<LoadedWorkflow> {
  const r = await readWorkflow(await fileOf(ws, name));
  if ('problems' in r) throw new ConcordError('INVALID_WORKFLOW', `workflow ${name} is invalid, nothing ran:\n${r.problems.join('\n')}`, { hint: hint`fix the file (see docs/workflows.md); ${op('workflow.validate')} checks it`, data: { file: r.file, problems: r.problems } });
  return r;
}

/** Declared inputs with their defaults; an unknown or missing required input is refused before anything runs. */
export function resolveInputs(wf: LoadedWorkflow, given: Record<string, unknown>): Record<string, unknown> {
  const declared = wf.definition.inputs;
  const unknown = Object.keys(given).filter((k) => !(k in declared));
  if (unknown.length) {
    const near = suggest(unknown[0]!, Object.keys(declared));
    throw new ConcordError('INVALID_INPUT', `workflow ${wf.name} has no input ${unknown.map((k) => `"${k}"`).join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`, { hint: Object.keys(declared).length ? `its inputs: ${Object.keys(declared).join(', ')}` : 'it takes no inputs' });
  }
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(declared)) {
    const v = given[k] ?? d.default;
    if (v === undefined && d.required) throw new ConcordError('INVALID_INPUT', `workflow ${wf.name} needs input "${k}"${d.description ? ` (${d.description})` : ''}`, { hint: hint`pass it: ${arg('inputs', { [k]: '...' })}` });
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export async function runWorkflow(ws: Workspace, input: { name: string; inputs?: Record<string, unknown> | undefined }, o: StartOptions): Promise<WorkflowRun> {
  const wf = await loadWorkflow(ws, input.name);
  return startRun(ws, wf, resolveInputs(wf, input.inputs ?? {}), o);
}

/** A workflow and its recent runs, or one run (by its WF- id) with its log. */
export async function showWorkflow(ws: Workspace, input: { name: string; limit?: number | undefined }) {
  if (/^WF-/.test(input.name)) {
    const run = getRun(ws, input.name);
    return { run: { ...run, log_tail: readLog(run) }, runs: [] };
  }
  const wf = await loadWorkflow(ws, input.name);
  const runs = listRuns(ws, wf.name, input.limit ?? ws.settings.workflows.history).map((r) => ({ id: r.id, status: r.status, started_at: r.started_at, ...(r.finished_at ? { finished_at: r.finished_at } : {}), trigger: r.trigger }));
  return { workflow: { ...summary(ws, wf), definition: wf.definition }, runs };
}
