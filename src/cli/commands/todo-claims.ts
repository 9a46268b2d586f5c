// `concord todo claim|heartbeat|release|stale` and `concord claim-next`: the claim verbs agents use over MCP,
// on the command line.
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { todoColumns } from '../render/todo.js';
import { commandGroup } from './group.js';
import { withExamples } from './define.js';

const claims = () => import('../../app/claims.js');

export function registerTodoClaims(program: Command, ctx: CliContext): void {
  const todo = commandGroup(program, 'todo');
  const claim = todo
    .command('claim <id>')
    .description('take a todo (pending and unblocked, or stale): in_progress with you as assignee, under a lease; prints your secret token')
    .option('--agent <name>', 'who holds the claim (default: the actor)')
    .option('--lease <seconds>', 'lease length (default 900)', count)
    .action(async (id: string, opts: { agent?: string; lease?: number }, cmd: Command) => {
      const { claimTodo } = await claims();
      const ws = await ctx.workspace(cmd);
      const r = await claimTodo(ws, { id, ...(opts.agent ? { agent: opts.agent } : {}), ...(opts.lease ? { lease_seconds: opts.lease } : {}) });
      ctx.output(cmd).result(r, ({ claim: c }) => `${c.todo} claimed by ${c.agent} until ${c.expires_at} (fence ${c.fence})\ntoken ${c.token}\n(keep it: pass --claim-token ${c.token} to update, note or complete it; --token to heartbeat or release)`);
    });
  withExamples(claim, 'concord todo claim TODO-001 --agent claude --lease 1800', 'CONCORD_SESSION=build-42 concord todo claim TODO-001 --json');
  const next = program
    .command('claim-next')
    .description('claim the best ready todo for a repo, role or plan in one call: in_progress with you as assignee, under a lease; prints your secret token')
    .option('--repo <repo>', 'only todos of this repo')
    .option('--role <role>', "only todos of this role's repos")
    .option('--plan <plan>', 'only todos of this plan')
    .option('--agent <name>', 'who holds the claim (default: the actor)')
    .option('--lease <seconds>', 'lease length (default 900)', count)
    .action(async (opts: { repo?: string; role?: string; plan?: string; agent?: string; lease?: number }, cmd: Command) => {
      const { claimNext } = await import('../../app/runs/claim-next.js');
      const ws = await ctx.workspace(cmd);
      const r = await claimNext(ws, { ...(opts.repo ? { repo: opts.repo } : {}), ...(opts.role ? { role: opts.role } : {}), ...(opts.plan ? { plan: opts.plan } : {}), ...(opts.agent ? { agent: opts.agent } : {}), ...(opts.lease ? { lease_seconds: opts.lease } : {}) });
      ctx.output(cmd).result(r, ({ claim: c, todo: t, ready }) =>
        c && t
          ? `${c.todo} claimed by ${c.agent} until ${c.expires_at} (fence ${c.fence}): ${t.task}\ntoken ${c.token}\n(keep it: pass --claim-token ${c.token} to update, note or complete it; --token to heartbeat or release)`
          : ready
            ? `nothing claimed: ${ready} ready todo${ready === 1 ? ' was' : 's were'} taken by others or held by queued runs`
            : 'nothing claimed: no todo is ready',
      );
    });
  withExamples(next, 'concord claim-next --repo api', 'concord claim-next --role backend --agent codex --json');
  todo
    .command('heartbeat <id>')
    .description('renew a claim before its lease ends')
    .requiredOption('--token <token>', 'the claim token')
    .option('--lease <seconds>', 'new lease length (default 900)', count)
    .action(async (id: string, opts: { token: string; lease?: number }, cmd: Command) => {
      const { heartbeat } = await claims();
      const r = await heartbeat(await ctx.workspace(cmd), { id, token: opts.token, ...(opts.lease ? { lease_seconds: opts.lease } : {}) });
      ctx.output(cmd).result(r, ({ claim: c }) => `${c.todo} held by ${c.agent} until ${c.expires_at}`);
    });
  todo
    .command('release <id>')
    .description('give a claimed todo back without completing it (pending again)')
    .requiredOption('--token <token>', 'the claim token')
    .action(async (id: string, opts: { token: string }, cmd: Command) => {
      const { releaseTodo } = await claims();
      const r = await releaseTodo(await ctx.workspace(cmd), { id, token: opts.token });
      ctx.output(cmd).result({ released: r.released, id, status: r.todo.status }, () => `${id} released (${r.todo.status})`);
    });
  const stale = todo
    .command('stale')
    .description('stale work: todos in progress with no live claim (abandoned, or set by hand), anyone may claim them')
    .action(async (_opts: unknown, cmd: Command) => {
      const { staleTodos } = await import('../../app/leases.js');
      const out = ctx.output(cmd);
      const rows = await staleTodos(await ctx.workspace(cmd));
      out.result(rows, (list) =>
        list.length === 0
          ? 'No stale work: every todo in progress has a live claim.'
          : out.table(list, [
              ...todoColumns().map((c) => ({ ...c, get: (r: (typeof list)[number]) => c.get(r.todo), style: c.style ? (r: (typeof list)[number]) => c.style!(r.todo) : undefined })),
              { header: 'LEASE', get: (r) => (r.lease ? `${r.lease.agent}, ended ${r.lease.expires_at}` : 'none') },
            ]),
      );
    });
  withExamples(stale, 'concord todo stale', 'concord todo stale --json');
}
