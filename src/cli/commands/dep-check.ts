// `concord dep check` (seed: `check-deps`), `repo validate` (seed: `validate-repo`), `dep discover`, `dep history`.
import { Command } from 'commander';
import type { CheckReport } from '../../app/checks/index.js';
import { count, list } from '../args.js';
import type { CliContext } from '../context.js';
import { nounVerb, withExamples } from './define.js';
import { commandGroup } from './group.js';
import { DEFAULT_CHECK_CONCURRENCY, DEFAULT_CHECK_TIMEOUT_MS } from '../../app/checks/defaults.js';

interface CheckOptions {
  consumer?: string;
  provider?: string;
  id?: string[];
  strict?: boolean;
  record?: boolean;
  timeout?: number;
  concurrency?: number;
}

const checks = () => import('../../app/checks/index.js');

function runOptions(cmd: Command): Command {
  return cmd
    .option('--strict', 'also fail when a dependency could not be checked (unknown)')
    .option('--no-record', 'only report: keep no history and leave status in ecosystem.yaml as it is')
    .option('--timeout <ms>', `deadline of each probe unless the dependency sets validation.timeout_ms (default ${DEFAULT_CHECK_TIMEOUT_MS})`, count)
    .option('--concurrency <n>', `dependencies checked at once (default ${DEFAULT_CHECK_CONCURRENCY})`, count);
}

const runInput = (o: CheckOptions) => ({
  record: o.record !== false,
  ...(o.timeout !== undefined ? { timeout_ms: o.timeout } : {}),
  ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
});

/** On a terminal, a status line counting the checks done (cleared before the report). */
function showProgress(ctx: CliContext, cmd: Command): { onProgress: (done: number, total: number) => void } {
  const out = ctx.output(cmd);
  return { onProgress: (done, total) => (done < total ? out.progress(`checking dependencies: ${done}/${total} done`) : out.progressDone()) };
}

/** Prints the report; a report with something unsatisfied or failed (or unknown, with --strict) exits 1. */
async function finish(ctx: CliContext, cmd: Command, report: CheckReport, strict: boolean | undefined): Promise<void> {
  const { renderCheckReport } = await import('../render/dependency-check.js');
  const out = ctx.output(cmd);
  out.result(report, (r) => renderCheckReport(out, r));
  if (report.ok && !(strict && report.counts.unknown > 0)) return;
  const c = report.counts;
  const parts = [`${c.unsatisfied} unsatisfied`, `${c.failed} failed`, ...(report.invalid.length ? [`${report.invalid.length} invalid record(s)`] : []), ...(strict ? [`${c.unknown} unknown`] : [])];
  out.note(`dependency check failed: ${parts.join(', ')}`);
  ctx.exitCode = 1;
}

function depCheck(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = runOptions(
      new Command(name)
        .description('check dependencies for real (commands, health checks, MCP handshakes, versions); exit 1 when one is unsatisfied, for CI')
        .option('-c, --consumer <repo>', 'only the dependencies of this consumer repo')
        .option('--provider <repo>', 'only the dependencies on this provider repo')
        .option('--id <ids>', 'only these dependencies (comma-separated or repeated)', list),
    ).action(async (o: CheckOptions, c: Command) => {
      const { checkDependencies } = await checks();
      const filter = { ...(o.consumer ? { consumer: o.consumer } : {}), ...(o.provider ? { provider: o.provider } : {}), ...(o.id ? { ids: o.id } : {}) };
      await finish(ctx, c, await checkDependencies(await ctx.workspace(c), { ...runInput(o), ...filter }, showProgress(ctx, c)), o.strict);
    });
    return withExamples(cmd, 'concord dep check', 'concord check-deps --consumer web --json', 'concord dep check --no-record --strict   # in CI: gate without writing');
  };
}

function repoValidate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = runOptions(new Command(name).description('check everything one repo needs (the dependencies it consumes); exit 1 when one is unsatisfied').argument('<repo>', 'repo name or nickname')).action(
      async (repo: string, o: CheckOptions, c: Command) => {
        const { validateRepo } = await checks();
        await finish(ctx, c, await validateRepo(await ctx.workspace(c), { repo, ...runInput(o) }, showProgress(ctx, c)), o.strict);
      },
    );
    return withExamples(cmd, 'concord repo validate web', 'concord validate-repo web --json');
  };
}

function depDiscover(ctx: CliContext): Command {
  const cmd = new Command('discover')
    .description('find package edges between repos in their manifests and lockfiles; report undeclared ones and drifted constraints')
    .option('--apply', 'declare the undeclared edges and set drifted constraints to what the manifests say')
    .option('--check', 'exit 1 when something is undeclared or drifted (for CI)')
    .action(async (o: { apply?: boolean; check?: boolean }, c: Command) => {
      const [{ discoverDependencies }, { renderDiscovery }] = await Promise.all([checks(), import('../render/dependency-check.js')]);
      const out = ctx.output(c);
      const report = await discoverDependencies(await ctx.workspace(c), { apply: Boolean(o.apply) });
      out.result(report, (r) => renderDiscovery(out, r));
      if (o.check && report.open > 0) {
        out.note(`dependency discovery: ${report.undeclared.length} undeclared edge(s), ${report.drift.length} drifted constraint(s)`);
        ctx.exitCode = 1;
      }
    });
  return withExamples(cmd, 'concord dep discover', 'concord dep discover --apply', 'concord dep discover --check   # in CI');
}

function depHistory(ctx: CliContext): Command {
  const cmd = new Command('history')
    .description('the recorded checks of one dependency, newest first')
    .argument('<id>', 'the dependency (DEP-...)')
    .option('-n, --limit <n>', 'at most this many (default 20)', count)
    .action(async (id: string, o: { limit?: number }, c: Command) => {
      const [{ dependencyCheckHistory }, { renderCheckHistory }] = await Promise.all([checks(), import('../render/dependency-check.js')]);
      const out = ctx.output(c);
      const rows = dependencyCheckHistory(await ctx.workspace(c), { id, ...(o.limit ? { limit: o.limit } : {}) });
      out.result(rows, (r) => renderCheckHistory(out, id, r));
    });
  return withExamples(cmd, 'concord dep history DEP-001', 'concord dep history DEP-001 --limit 5 --json');
}

export function registerDepCheck(program: Command, ctx: CliContext): void {
  const dep = commandGroup(program, 'dep');
  nounVerb(program, dep, 'check', 'check-deps', depCheck(ctx));
  dep.addCommand(depDiscover(ctx));
  dep.addCommand(depHistory(ctx));
  const repo = commandGroup(program, 'repo');
  nounVerb(program, repo, 'validate', 'validate-repo', repoValidate(ctx));
}
