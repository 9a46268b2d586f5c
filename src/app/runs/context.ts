// What a run's attempt starts from: the todo as it is now, its repo's checkout, and the prompt.
import { ConcordError } from '../../core/errors.js';
import type { Todo } from '../../core/model.js';
import { type BlockerOutcome, buildPrompt } from '../../core/runs/prompt.js';
import type { RunRecord } from '../../core/runs/queue.js';
import { loadSnapshot } from '../snapshot.js';
import type { Workspace } from '../workspace.js';
import { repoCheckout } from './pools.js';

export interface RunContext {
  todo: Todo;
  repoDir: string;
  prompt: string;
  acceptance: string[];
  /** Success needs a non-empty diff (every todo but those labelled no-code). */
  codeWork: boolean;
}

/** A todo labelled this is not code work: its run may succeed without a diff (research, a report). */
export const NO_CODE_LABEL = 'no-code';

export async function runContext(ws: Workspace, run: RunRecord): Promise<RunContext> {
  const { graph } = await loadSnapshot(ws);
  const todo = ws.index.record('todos', run.todo)?.record as Todo | undefined;
  if (!todo) throw new ConcordError('TODO_NOT_FOUND', `todo ${run.todo} of run ${run.id} is no longer in ${ws.file}`, { data: { id: run.todo, run: run.id } });
  const repo = graph.repos.get(run.repo);
  if (!repo) throw new ConcordError('REPO_NOT_FOUND', `repo "${run.repo}" of run ${run.id} is no longer in the catalog`, { data: { repo: run.repo } });
  const blockers: BlockerOutcome[] = [];
  for (const id of graph.blockers.get(todo.id) ?? []) {
    const t = graph.todos.get(id);
    const i = graph.issues.get(id);
    const last = t ? (await ws.runs.list({ todo: id, status: ['succeeded'], limit: 1 }))[0] : undefined;
    blockers.push({ id, title: t?.task ?? i?.title ?? id, status: t?.status ?? i?.status ?? 'missing', ...(last?.outcome?.summary ? { summary: last.outcome.summary } : {}) });
  }
  const cp = ws.checkpoints.latest(todo.id);
  const prompt = buildPrompt({
    todo,
    blockers,
    ...(cp ? { checkpoint: { phase: cp.phase, progress: cp.progress, ...(cp.note ? { note: cp.note } : {}), state: JSON.parse(cp.state) as unknown } } : {}),
    ...(run.feedback ? { feedback: run.feedback } : {}),
    ...(run.answer ? { answer: run.answer } : {}),
  });
  return { todo, repoDir: repoCheckout(ws.dir, repo), prompt, acceptance: todo.acceptance_commands ?? [], codeWork: !todo.labels.includes(NO_CODE_LABEL) };
}
