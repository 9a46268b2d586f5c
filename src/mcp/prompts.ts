// MCP prompts for the agent workflow: start work, report progress, hand over. Each is the steps (the
// tools to call, with their arguments) and the live facts they apply to (the todo, its notes, its last
// checkpoint, or the ready work), so an agent can act on it without first calling three tools.
import { listCheckpoints } from '../app/checkpoints.js';
import { getTodo, ready } from '../app/queries.js';
import type { Workspace } from '../app/workspace.js';
import { cut } from './compact.js';

export interface PromptDef {
  name: string;
  title: string;
  description: string;
  arguments: { name: string; description: string; required?: boolean }[];
  render: (ws: Workspace, args: Record<string, string>) => Promise<string>;
}

const READY_SHOWN = 5;
const NOTES_SHOWN = 3;

/** The todo as an agent needs it at the start or end of a session. */
async function facts(ws: Workspace, id: string): Promise<string> {
  const d = await getTodo(ws, id);
  const t = d.todo;
  const lines = [`${t.id}: ${t.task}`, `repo ${t.repo ?? '(none)'}, status ${t.status}, priority ${t.priority}${t.estimated_hours !== undefined ? `, estimate ${t.estimated_hours}h` : ''}`];
  if (t.description) lines.push(`description: ${cut(t.description, 400)}`);
  if (t.acceptance_criteria.length) lines.push(`acceptance criteria: ${t.acceptance_criteria.join('; ')}`);
  if (d.blockers.length) lines.push(`blocked by (unresolved): ${d.blockers.map((b) => `${b.id}${b.status ? ` (${b.status})` : ''}`).join(', ')}`);
  if (d.claim) lines.push(`claimed by ${d.claim.agent} until ${d.claim.expires_at}`);
  for (const n of t.notes.slice(-NOTES_SHOWN)) lines.push(`note${n.author ? ` by ${n.author}` : ''}${n.at ? ` (${n.at})` : ''}: ${cut(n.text, 300)}`);
  const [last] = (await listCheckpoints(ws, { todo: id, limit: 1 })).checkpoints;
  if (last) lines.push(`last checkpoint: ${last.phase}, ${Math.round(last.progress * 100)}% (${last.created_at})${last.note ? ` — ${cut(last.note, 200)}` : ''}`);
  return lines.join('\n');
}

const call = (tool: string, args: Record<string, unknown>) => `${tool} ${JSON.stringify(args)}`;

export const PROMPTS: readonly PromptDef[] = [
  {
    name: 'start_work',
    title: 'Start work',
    description: 'Pick up a todo (or the best ready one): what it is, what earlier sessions left, and how to claim it.',
    arguments: [
      { name: 'todo', description: 'The todo to start; omit to choose among the ready ones' },
      { name: 'repo', description: 'Only ready work in this repo (name or nickname)' },
    ],
    render: async (ws, { todo, repo }) => {
      const head = todo
        ? `You are starting work on this todo:\n${await facts(ws, todo)}`
        : await (async () => {
            const rows = (await ready(ws, repo ? { repo } : {})).slice(0, READY_SHOWN);
            if (!rows.length) return `Nothing is ready${repo ? ` in ${repo}` : ''}: every open todo is blocked, claimed or done. Look at coord_list_todos with status "blocked", or ask for new work.`;
            return `Ready work${repo ? ` in ${repo}` : ''}, best first:\n${rows.map((r) => `- ${r.todo.id} [${r.todo.priority}] ${r.todo.repo ?? ''}: ${cut(r.todo.task, 100)} (unblocks ${r.unblocks})`).join('\n')}\nChoose one (the first unless you have a reason).`;
          })();
      const id = todo ?? 'TODO-…';
      return `${head}

Steps:
1. ${call('coord_claim_todo', { id, agent: '<your name>' })} — it marks the todo in_progress and yours; keep claim.token (only this answer carries it), others cannot take the todo while the lease (15 minutes) runs.
2. ${call('coord_get_todo', { id })} for its notes and blockers, and ${call('coord_restore_checkpoint', { todo: id })} to continue where the last session stopped (if it saved a checkpoint).
3. While you work: ${call('coord_heartbeat', { id, token: '<token>' })} before the lease ends; the report_progress prompt says what to record.
4. When you stop: the hand_over prompt.`;
    },
  },
  {
    name: 'report_progress',
    title: 'Report progress',
    description: 'Record where work on a claimed todo stands, so that nothing is lost if the session ends: a note, a checkpoint, a heartbeat.',
    arguments: [{ name: 'todo', description: 'The todo you are working on', required: true }],
    render: async (ws, { todo }) => `Record your progress on this todo:\n${await facts(ws, todo!)}

Steps:
1. ${call('coord_add_note', { id: todo, text: '<what you did, what you decided and why, what is next>', claim_token: '<token>' })}
2. ${call('coord_save_checkpoint', { todo, phase: '<planning | implementation | review …>', progress: 0.5, state: { '<what you need to continue>': '…' } })}
3. ${call('coord_heartbeat', { id: todo, token: '<token>' })} to keep the claim.
4. Stuck on something else? ${call('coord_update_todo', { id: todo, add_blocked_by: ['<TODO-… or ISSUE-…>'], claim_token: '<token>', note: '<why>' })}, then hand over.`,
  },
  {
    name: 'hand_over',
    title: 'Hand over',
    description: 'End a session on a todo: leave the context the next session needs, then complete it or give it back.',
    arguments: [{ name: 'todo', description: 'The todo you worked on', required: true }],
    render: async (ws, { todo }) => `Hand over this todo:\n${await facts(ws, todo!)}

Steps:
1. ${call('coord_add_note', { id: todo, text: '<state of the work, open questions, the next step>', claim_token: '<token>' })} — the next session reads it first.
2. ${call('coord_save_checkpoint', { todo, phase: '<phase>', progress: 0.8, state: { '<what the next session needs>': '…' } })}
3. Done: ${call('coord_complete_todo', { id: todo, claim_token: '<token>', actual_hours: 2, note: '<what was delivered>' })}
   Not done: ${call('coord_release_todo', { id: todo, token: '<token>' })}, so another agent can claim it.`,
  },
];
