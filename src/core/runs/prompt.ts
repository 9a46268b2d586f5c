// What an agent is told: the todo as a prompt, and the same facts as CONCORD_* environment variables.
//
// The prompt travels on stdin (or in a file); it is never spliced into a shell line or argv. The
// variables carry ids and short fields only: Linux caps one variable at 128 KB, and a long
// description would make the spawn fail (E2BIG), so the whole prompt is in CONCORD_PROMPT_FILE.
import type { Todo } from '../schema/todo.js';

export interface BlockerOutcome {
  id: string;
  title: string;
  status: string;
  /** The summary of the run that finished it, if a run did. */
  summary?: string;
}

export interface PromptInput {
  todo: Pick<Todo, 'id' | 'task' | 'description' | 'acceptance_criteria' | 'notes' | 'repo' | 'labels'> & { acceptance_commands?: string[] };
  checkpoint?: { phase: string; progress: number; note?: string; state?: unknown };
  blockers: BlockerOutcome[];
  /** The previous attempt's failure, fed back for an agent retry. */
  feedback?: string;
  /** What a person answered to a needs_input stop, for a resume. */
  answer?: string;
}

/** The marker an agent prints to stop and ask a person (the run ends as needs_input). */
export const NEEDS_INPUT_MARKER = 'CONCORD_NEEDS_INPUT:';

const MAX_NOTES = 10;
const MAX_STATE_CHARS = 4_000;

export function buildPrompt(p: PromptInput): string {
  const t = p.todo;
  const out: string[] = [`# ${t.id}: ${t.task}`, ''];
  if (t.repo) out.push(`Repository: ${t.repo}. You are in a git worktree of it on a branch made for this work; commit your changes there.`, '');
  if (t.description?.trim()) out.push('## Description', '', t.description.trim(), '');
  if (t.acceptance_criteria.length) out.push('## Acceptance criteria', '', ...t.acceptance_criteria.map((c) => `- ${c}`), '');
  if (t.acceptance_commands?.length) out.push('## Commands that must pass when you are done', '', ...t.acceptance_commands.map((c) => `- \`${c}\``), '');
  if (p.blockers.length) {
    out.push('## Work this depended on', '');
    for (const b of p.blockers) out.push(`- ${b.id} (${b.status}): ${b.title}${b.summary ? ` — ${b.summary}` : ''}`);
    out.push('');
  }
  const notes = t.notes.slice(-MAX_NOTES);
  if (notes.length) {
    out.push('## Notes from earlier sessions', '');
    for (const n of notes) out.push(`- ${n.at ? `${n.at} ` : ''}${n.author ? `${n.author}: ` : ''}${n.text}`);
    out.push('');
  }
  if (p.checkpoint) {
    const c = p.checkpoint;
    out.push('## Last checkpoint', '', `Phase ${c.phase}, ${Math.round(c.progress * 100)}% done.${c.note ? ` ${c.note}` : ''}`);
    const state = c.state === undefined ? '' : JSON.stringify(c.state);
    if (state && state !== '{}') out.push('', '```json', state.length > MAX_STATE_CHARS ? `${state.slice(0, MAX_STATE_CHARS)}…` : state, '```');
    out.push('');
  }
  if (p.feedback) out.push('## The previous attempt failed', '', 'Fix what made it fail:', '', '```', p.feedback.trim(), '```', '');
  if (p.answer) out.push('## Answer to your question', '', p.answer.trim(), '');
  out.push('## When you finish', '', 'Commit your work on this branch. If you cannot go on without a decision from a person, end your final message with one line:', `${NEEDS_INPUT_MARKER} <your question>`, '');
  return out.join('\n');
}

const MAX_VAR = 4_000;
const clip = (s: string) => (s.length > MAX_VAR ? `${s.slice(0, MAX_VAR)}…` : s);

export interface RunVariables {
  run: string;
  attempt: number;
  todo: Pick<Todo, 'id' | 'task' | 'repo'>;
  worktree: string;
  branch?: string;
  base?: string;
  promptFile: string;
  ecosystem: string;
}

/** The CONCORD_* variables an agent process gets (short values; the prompt is in its file). */
export function runEnvironment(v: RunVariables): Record<string, string> {
  return {
    CONCORD_RUN: v.run,
    CONCORD_ATTEMPT: String(v.attempt),
    CONCORD_TODO: v.todo.id,
    CONCORD_TASK: clip(v.todo.task),
    ...(v.todo.repo ? { CONCORD_REPO: v.todo.repo } : {}),
    CONCORD_WORKTREE: v.worktree,
    ...(v.branch ? { CONCORD_BRANCH: v.branch } : {}),
    ...(v.base ? { CONCORD_BASE: v.base } : {}),
    CONCORD_PROMPT_FILE: v.promptFile,
    CONCORD_ECOSYSTEM: v.ecosystem,
    CONCORD_SURFACE: 'worker',
  };
}
