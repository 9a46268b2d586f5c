// `concord lint` (alias `validate`): check ecosystem.yaml; exit 1 when it has errors, for CI.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

export function registerLint(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('lint')
    .alias('validate')
    .description('check ecosystem.yaml: each problem with its line and fix')
    .option('--strict', 'fail on warnings too')
    .option('--plan <plan>', "validate a plan's completion instead: its todos, deliverables in the repos, acceptance commands (exit 1 when incomplete)")
    .action(async (opts: { strict?: boolean; plan?: string }, cmd: Command) => {
      if (opts.plan) {
        const { printPlanValidation } = await import('./plan/validate.js');
        return printPlanValidation(ctx, cmd, opts.plan);
      }
      const [{ lintEcosystem }, { formatDiagnostic }] = await Promise.all([import('../../app/lint.js'), import('../../core/diagnostics.js')]);
      ctx.problemsReported = true;
      const out = ctx.output(cmd);
      const report = await lintEcosystem(await ctx.workspace(cmd));
      out.result(report, (r) => {
        const lines = r.diagnostics.map((d) => out.paint(formatDiagnostic(d), d.severity === 'error' ? 'red' : 'yellow'));
        if (r.mode === 'full') lines.push(out.paint(`note: the file was parsed as a whole (${r.full_reason}); reads and writes of large files are slower this way`, 'dim'));
        lines.push(`${r.errors} error(s), ${r.warnings} warning(s) in ${r.file}`);
        return lines.join('\n');
      });
      if (report.errors > 0 || (opts.strict && report.warnings > 0)) {
        // The report is the output (also with --json); the exit code tells CI it failed.
        out.note(`INVALID_ECOSYSTEM: ${report.file} has ${report.errors} error(s) and ${report.warnings} warning(s)`);
        ctx.exitCode = 1;
      }
    });
  withExamples(cmd, 'concord lint', 'concord lint --strict --json', 'concord validate', 'concord validate --plan PLAN-001');
}
