// `concord repo add|update|remove` and `concord role add|update|remove`: the catalog without editing YAML by hand.
import { Command } from 'commander';
import { list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { fieldsFrom } from '../../input.js';
import { writeSummary } from '../../render/fields.js';
import { addClearOptions } from '../field-options.js';
import { withExamples } from '../define.js';

const REPO_FIELDS = { path: 'path', url: 'url', package: 'package', role: 'role', tag: 'tags', nickname: 'nickname', description: 'description', status: 'status' };
const ROLE_FIELDS = { description: 'description', capability: 'capabilities', duty: 'duties', tag: 'tags' };

function repoOptions(cmd: Command, mode: 'add' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('--path <dir>', 'local checkout, relative to ecosystem.yaml or absolute')
    .option('--url <url>', 'remote URL')
    .option('--package <name>', 'the package the repo publishes')
    .option('--role <role>', 'a role from roles: (`concord role add` makes one)')
    .option('--tag <tags>', `tags, comma-separated or repeated${lists}`, list)
    .option('--nickname <name>', 'a short name writes may use instead')
    .option('-d, --description <text>', 'what the repo is')
    .option('--status <status>', 'active, archived, deprecated, ...');
  if (mode === 'update') addClearOptions(cmd, ['path', 'url', 'package', 'role', 'nickname', 'description', 'status']);
  return cmd;
}

function roleOptions(cmd: Command, mode: 'add' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('-d, --description <text>', 'what repos of this role do')
    .option('--capability <names>', `capabilities, comma-separated or repeated${lists}`, list)
    .option('--duty <names>', `duties, comma-separated or repeated${lists}`, list)
    .option('--tag <tags>', `tags, comma-separated or repeated${lists}`, list);
  if (mode === 'update') addClearOptions(cmd, ['description']);
  return cmd;
}

const nothing = (c: Command, input: Record<string, unknown>) => {
  if (Object.keys(input).length === 0) c.error('error: nothing to change: give at least one field, e.g. --role service', { exitCode: 2, code: 'concord.nothingToChange' });
};

export function repoAdd(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = repoOptions(new Command(name).description('add a repo to the catalog').argument('<name>', 'its name, used everywhere else'), 'add').action(async (repo: string, opts: Record<string, unknown>, c: Command) => {
      const { addRepo } = await import('../../../app/catalog.js');
      const out = ctx.output(c);
      const r = await addRepo(await ctx.workspace(c), { name: repo, ...fieldsFrom(opts, REPO_FIELDS) });
      out.result(r.repo, () => `Added repo ${repo}${r.repo.role ? ` (${r.repo.role})` : ''}${r.repo.path ? `  ${r.repo.path}` : ''}`);
    });
    return withExamples(cmd, 'concord repo add billing --path ./billing --role service --url https://git.example.com/acme/billing.git');
  };
}

export function repoUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = repoOptions(new Command(name).description('change fields of a repo').argument('<repo>', 'repo name or nickname'), 'update').action(async (repo: string, opts: Record<string, unknown>, c: Command) => {
      const input = fieldsFrom(opts, REPO_FIELDS);
      nothing(c, input);
      const { updateRepo } = await import('../../../app/catalog.js');
      const out = ctx.output(c);
      const r = await updateRepo(await ctx.workspace(c), repo, input);
      out.result(r.repo, () => writeSummary(out, 'Updated', r.repo.name, r));
    });
    return withExamples(cmd, 'concord repo update api --role service', 'concord repo update web --no-package --json');
  };
}

export function repoRemove(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('remove a repo from the catalog (refused while todos or dependencies name it)')
      .argument('<repo>', 'repo name or nickname')
      .option('--force', 'also drop it from the repos lists of issues and plans')
      .action(async (repo: string, opts: { force?: boolean }, c: Command) => {
        const { removeRepo } = await import('../../../app/catalog.js');
        const out = ctx.output(c);
        const r = await removeRepo(await ctx.workspace(c), repo, opts.force ? { force: true } : {});
        out.result({ removed: r.target.id, changed: r.changed }, () => writeSummary(out, 'Removed', r.target.id, r));
      });
    return withExamples(cmd, 'concord repo remove old-web', 'concord repo remove old-web --force   # also from issue/plan repo lists');
  };
}

export function roleAdd(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = roleOptions(new Command(name).description('add a role (a kind of repo with capabilities)').argument('<name>', 'the role'), 'add').action(async (role: string, opts: Record<string, unknown>, c: Command) => {
      const { addRole } = await import('../../../app/catalog.js');
      const out = ctx.output(c);
      const r = await addRole(await ctx.workspace(c), { name: role, ...fieldsFrom(opts, ROLE_FIELDS) });
      out.result(r.role, () => `Added role ${role}${r.role.capabilities.length ? ` (${r.role.capabilities.join(', ')})` : ''}`);
    });
    return withExamples(cmd, 'concord role add service --description "Runs in production" --capability serve,migrate');
  };
}

export function roleUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = roleOptions(new Command(name).description('change fields of a role').argument('<role>', 'the role'), 'update').action(async (role: string, opts: Record<string, unknown>, c: Command) => {
      const input = fieldsFrom(opts, ROLE_FIELDS);
      nothing(c, input);
      const { updateRole } = await import('../../../app/catalog.js');
      const out = ctx.output(c);
      const r = await updateRole(await ctx.workspace(c), role, input);
      out.result(r.role, () => writeSummary(out, 'Updated', role, r));
    });
    return withExamples(cmd, 'concord role update service --capability serve,migrate,page');
  };
}

export function roleRemove(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('remove a role (refused while repos play it)')
      .argument('<role>', 'the role')
      .option('--force', 'also clear the role of the repos that play it')
      .action(async (role: string, opts: { force?: boolean }, c: Command) => {
        const { removeRole } = await import('../../../app/catalog.js');
        const out = ctx.output(c);
        const r = await removeRole(await ctx.workspace(c), role, opts.force ? { force: true } : {});
        out.result({ removed: role, changed: r.changed }, () => writeSummary(out, 'Removed', role, r));
      });
    return withExamples(cmd, 'concord role remove legacy', 'concord role remove legacy --force');
  };
}
