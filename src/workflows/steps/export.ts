// Step type `export`: a repo's branch to GitHub or GitLab as one pull/merge request (src/githost/export.ts:
// the remote created or reused, the branch pushed, an open request reused rather than duplicated), linked to
// a todo when one is named (its `links`).
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import type { Link } from '../../core/schema/common.js';
import { exportBranch } from '../../githost/export.js';
import { gitHostClient } from '../../githost/index.js';
import { defineStep, dyn, repoDir } from '../step.js';
import { hint, op } from '../../core/hints.js';

export const exportStep = defineStep({
  type: 'export',
  summary: 'push a repo\'s branch to GitHub or GitLab and open one pull/merge request (never a duplicate); outputs url, number, created',
  input: z.strictObject({
    repo: z.string().min(1).describe('The repo of the catalog to export'),
    host: z.string().min(1).default('github').describe('github, gitlab, or a host under githosts: in concord.yaml'),
    project: z.string().min(1).max(300).describe('owner/name on the host (created if it does not exist)'),
    branch: z.string().min(1).optional().describe('Default: the branch checked out'),
    base: z.string().min(1).default('main'),
    title: z.string().min(1).max(500),
    body: z.string().max(60_000).default(''),
    private: dyn(z.boolean()).default(true),
    draft: dyn(z.boolean()).default(false),
    commit: z.string().min(1).max(2_000).optional().describe('Commit what is not committed yet, with this message'),
    todo: z.string().min(1).optional().describe('Link the request to this todo (its links field)'),
  }),
  async run(ctx, w) {
    const dir = await repoDir(ctx.ws, w.repo);
    const client = gitHostClient(ctx.ws, w.host, { env: ctx.env, secret: ctx.secret, onRetry: (r) => ctx.log(`${w.host}: ${r.reason}, try ${r.attempt + 1} in ${r.waitMs} ms`) });
    if (w.todo) {
      const { getTodo } = await import('../../app/queries.js');
      await getTodo(ctx.ws, w.todo); // a todo that does not exist fails the step before anything is pushed
    }
    const r = await exportBranch(client, { dir, project: w.project, ...(w.branch ? { branch: w.branch } : {}), base: w.base, title: w.title, body: w.body, private: w.private, draft: w.draft, ...(w.commit ? { commit: w.commit } : {}) }, { env: ctx.env, log: ctx.log });
    if (w.todo) await linkTodo(ctx.ws, w.todo, { kind: r.request.kind, url: r.request.url, host: w.host, number: r.request.number, state: r.request.state, branch: r.branch, title: r.request.title });
    return { url: r.request.url, number: r.request.number, created: r.created, kind: r.request.kind, branch: r.branch, base: w.base, remote: r.repo.webUrl, repo_created: r.repo.created, pushed: r.pushed };
  },
});

/** Adds the link to the todo's links (once: the same URL is updated in place). */
export async function linkTodo(ws: Parameters<typeof repoDir>[0], id: string, link: Link): Promise<void> {
  const { updateTodo } = await import('../../app/todos.js');
  const current = ws.index.record('todos', id)?.record['links'];
  const links = (Array.isArray(current) ? (current as Link[]) : []).filter((l) => l.url !== link.url);
  if (links.length >= 50) throw new ConcordError('INVALID_INPUT', `todo ${id} has 50 links already`, { hint: hint`remove some with ${op('todo.update')}` });
  await updateTodo(ws, id, { links: [...links, link] });
}
