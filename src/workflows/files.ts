// Workflow files: every `*.yaml` in the workflows folder, read at a bounded cost and validated before anything
// runs, each problem as `file:line: field: message` (the schema, each step's arguments by its type, ids,
// expressions that name inputs or steps that do not exist before them).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { suggest } from '../core/errors.js';
import { ExprError, expressionsOf, parseExpr, pathsOf } from '../core/workflow/expr.js';
import { NAME_PATTERN, ParallelSchema, type Step, StepSchema, type WorkflowFile, WorkflowFileSchema } from '../core/workflow/schema.js';
import { boundedValue, parseBounded, positionOf } from '../store/yaml-bounded.js';
import type { Workspace } from '../app/workspace.js';
import { STEP_TYPES, stepType } from './steps/index.js';

type Yaml = typeof import('yaml');
const yaml = (): Yaml => createRequire(import.meta.url)('yaml') as Yaml;

const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 500;

export interface LoadedWorkflow {
  name: string;
  file: string;
  definition: WorkflowFile;
  /** Steps in the order they start: a parallel group is one entry of several steps. */
  groups: { steps: Step[]; limit: number; parallel: boolean }[];
}

export interface WorkflowProblem {
  file: string;
  problems: string[];
}

export const workflowsDir = (ws: Workspace) => path.resolve(ws.dir, ws.settings.workflows.dir);

export function workflowFiles(ws: Workspace): string[] {
  try {
    return fs.readdirSync(workflowsDir(ws)).filter((n) => /\.ya?ml$/.test(n)).sort().slice(0, MAX_FILES).map((n) => path.join(workflowsDir(ws), n));
  } catch {
    return [];
  }
}

const showPath = (p: readonly PropertyKey[]) => p.map(String).join('.') || '(top level)';

/** Reads and checks one file: the workflow, or every problem found in it. */
export async function readWorkflow(file: string): Promise<LoadedWorkflow | WorkflowProblem> {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) return { file, problems: [`${file}: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit of a workflow file`] };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, problems: [`${file}: cannot be read: ${(e as Error).message.split('\n')[0]}`] };
  }
  const doc = parseBounded(yaml(), text);
  if (doc.errors.length) return { file, problems: doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`) };
  const lineOf = (p: readonly PropertyKey[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return positionOf(text, node.range[0]).line;
    }
    return 1;
  };
  const at = (p: readonly PropertyKey[], message: string) => `${file}:${lineOf(p)}: ${showPath(p)}: ${message}`;
  let value: unknown;
  try {
    const read = boundedValue(yaml(), doc);
    if (read.aliasBomb) return { file, problems: [`${file}:${positionOf(text, read.aliasBomb.offset).line}: ${read.aliasBomb.message}`] };
    value = read.value ?? {};
  } catch (e) {
    return { file, problems: [`${file}:1: ${(e as Error).message.split('\n')[0]}`] };
  }
  const problems: string[] = [];
  // Steps one by one (a step or a parallel group, told apart by its `parallel:` key), so each error names its step.
  const raw = value as { steps?: unknown };
  const shape = WorkflowFileSchema.safeParse({ ...(value as object), steps: Array.isArray(raw.steps) && raw.steps.length ? raw.steps.map(() => ({ id: 'x', type: 'x' })) : raw.steps });
  if (!shape.success) problems.push(...shape.error.issues.flatMap((i) => describeIssue(i, [], Object.keys(WorkflowFileSchema.shape), at)));
  const groups: LoadedWorkflow['groups'] = [];
  const seen = new Set<string>();
  const inputs = Object.keys(shape.success ? shape.data.inputs : {});
  const concurrency = shape.success ? shape.data.concurrency : 4;
  const items = Array.isArray(raw.steps) ? (raw.steps as unknown[]) : [];
  for (const [i, item] of items.entries()) {
    const isGroup = item !== null && typeof item === 'object' && 'parallel' in item;
    const parsed = isGroup ? ParallelSchema.safeParse(item) : StepSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.flatMap((iss) => describeIssue(iss, ['steps', i], [...Object.keys(StepSchema.shape), 'parallel', 'limit'], at)));
      continue;
    }
    const steps = isGroup ? (parsed.data as { parallel: Step[] }).parallel : [parsed.data as Step];
    const before = new Set(seen);
    for (const [j, step] of steps.entries()) {
      const p = isGroup ? ['steps', i, 'parallel', j] : ['steps', i];
      if (seen.has(step.id)) problems.push(at([...p, 'id'], `step id "${step.id}" is used twice; give each step its own id`));
      seen.add(step.id);
      problems.push(...(await checkStep(step, p, at, inputs, before)));
    }
    groups.push({ steps, limit: isGroup ? ((parsed.data as { limit?: number }).limit ?? concurrency) : 1, parallel: isGroup });
  }
  const name = shape.success && shape.data.name ? shape.data.name : path.basename(file).replace(/\.ya?ml$/, '');
  if (!NAME_PATTERN.test(name)) problems.push(`${file}:1: name: the file name "${name}" is no workflow name; rename it (lowercase letters, digits, - and _) or set name:`);
  if (problems.length) return { file, problems };
  return { name, file, definition: shape.data!, groups };
}

/** A zod issue as problems: an unknown key names its own line and the key meant. */
function describeIssue(i: { code: string; keys?: string[]; path: PropertyKey[]; message: string }, base: (string | number)[], known: string[], at: (p: readonly PropertyKey[], m: string) => string): string[] {
  if (i.code === 'unrecognized_keys' && i.keys) {
    return i.keys.map((k) => {
      const guess = i.path.length === 0 ? suggest(k, known) : undefined;
      return at([...base, ...i.path, k], `unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
    });
  }
  return [at([...base, ...i.path], i.message)];
}

/** A step's type and arguments, and every expression in its `if:` and `with:`. */
async function checkStep(step: Step, p: (string | number)[], at: (p: readonly PropertyKey[], m: string) => string, inputs: string[], before: Set<string>): Promise<string[]> {
  const out: string[] = [];
  const type = stepType(step.type);
  if (!type) {
    const near = suggest(step.type, STEP_TYPES.map((t) => t.type));
    return [at([...p, 'type'], `no step type "${step.type}"${near ? ` (did you mean "${near}"?)` : ''}; types: ${STEP_TYPES.map((t) => t.type).join(', ')}`)];
  }
  const args = type.input.safeParse(step.with);
  if (!args.success) out.push(...args.error.issues.map((i) => at([...p, 'with', ...i.path], i.message)));
  else if (type.check) out.push(...(await type.check(args.data)).map((m) => at([...p, 'with', m.split(':')[0]!], m.slice(m.indexOf(':') + 2))));
  const exprs = [...(step.if ? [{ path: ['if'] as (string | number)[], src: step.if }] : []), ...expressionsOf(step.with, ['with'])];
  for (const e of exprs) {
    try {
      for (const ref of pathsOf(parseExpr(e.src))) {
        const problem = checkRef(ref, inputs, before);
        if (problem) out.push(at([...p, ...e.path], `${e.src}: ${problem}`));
      }
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      out.push(at([...p, ...e.path], `${e.src}: ${err.message}`));
    }
  }
  return out;
}

function checkRef(ref: string[], inputs: string[], before: Set<string>): string | undefined {
  const [root, name, field] = ref;
  if (root === 'inputs') return name && inputs.includes(name) ? undefined : `no input "${name ?? ''}" (declare it under inputs:${inputs.length ? `; inputs: ${inputs.join(', ')}` : ''})`;
  if (root === 'steps') {
    if (!name || !before.has(name)) return `"steps.${name ?? ''}" is not a step before this one${name && suggest(name, before) ? ` (did you mean "${suggest(name, before)}"?)` : ''}; a step reads only earlier steps`;
    if (field !== 'status' && field !== 'outputs') return `steps.${name}.${field ?? ''}: read steps.${name}.status or steps.${name}.outputs.<key>`;
    return undefined;
  }
  return `"${ref.join('.')}" is neither inputs.<name> nor steps.<id>.…`;
}

/** Every workflow of the folder, and the files that are invalid. */
export async function loadWorkflows(ws: Workspace): Promise<{ workflows: LoadedWorkflow[]; invalid: WorkflowProblem[] }> {
  const workflows: LoadedWorkflow[] = [];
  const invalid: WorkflowProblem[] = [];
  for (const f of workflowFiles(ws)) {
    const r = await readWorkflow(f);
    if ('problems' in r) invalid.push(r);
    else workflows.push(r);
  }
  return { workflows, invalid };
}
