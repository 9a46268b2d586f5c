// `concord todo claim|heartbeat|release`: the claim verbs agents use over MCP, on the command line.
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { commandGroup } from './group.js';

const claims = () => import('../../app/claims.js');

export function registerTodoClaims(program: Command, ctx: CliContext): void {
  const todo = commandGroup(program, 'todo');
  todo
    .command('claim <id>')
    .description('take a todo for an agent: a lease with a fencing token (renew it with heartbeat)')
    .option('--agent <name>', 'who holds the claim (default: the actor)')
    .option('--lease <seconds>', 'lease length (default 900)', count)
    .action(async (id: string, opts: { agent?: string; lease?: number }, cmd: Command) => {
      const { claimTodo } = await claims();
      const ws = await ctx.workspace(cmd);
      const r = await claimTodo(ws, { id, agent: opts.agent ?? ws.actor(), ...(opts.lease ? { lease_seconds: opts.lease } : {}) });
      ctx.output(cmd).result(r, ({ claim }) => `${claim.todo} claimed by ${claim.agent} until ${claim.expires_at}\ntoken ${claim.token} (pass --claim-token ${claim.token} when you update or complete it)`);
    });
  todo
    .command('heartbeat <id>')
    .description('renew a claim before its lease ends')
    .requiredOption('--token <n>', 'the claim token', count)
    .option('--lease <seconds>', 'new lease length (default 900)', count)
    .action(async (id: string, opts: { token: number; lease?: number }, cmd: Command) => {
      const { heartbeat } = await claims();
      const r = await heartbeat(await ctx.workspace(cmd), { id, token: opts.token, ...(opts.lease ? { lease_seconds: opts.lease } : {}) });
      ctx.output(cmd).result(r, ({ claim }) => `${claim.todo} held by ${claim.agent} until ${claim.expires_at}`);
    });
  todo
    .command('release <id>')
    .description('give a claimed todo back without completing it')
    .requiredOption('--token <n>', 'the claim token', count)
    .action(async (id: string, opts: { token: number }, cmd: Command) => {
      const { releaseTodo } = await claims();
      const r = await releaseTodo(await ctx.workspace(cmd), { id, token: opts.token });
      ctx.output(cmd).result(r, ({ released }) => (released ? `${id} released` : `${id} was not claimed`));
    });
}
