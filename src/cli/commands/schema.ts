// `concord schema`: the JSON Schema of ecosystem.yaml (also published as schema/ecosystem.schema.json).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of ecosystem.yaml (or of concord.yaml with --settings, of workflow files with --workflow), for editors')
    .option('--settings', 'the schema of concord.yaml instead')
    .option('--workflow', 'the schema of workflow files (workflows/*.yaml) instead')
    .action(async (opts: { settings?: boolean; workflow?: boolean }) => {
      const schema = opts.workflow ? (await import('../../workflows/schema.js')).workflowJsonSchema() : opts.settings ? (await import('../../app/settings.js')).settingsJsonSchema() : (await import('../../core/schema/written.js')).ecosystemJsonSchema();
      ctx.io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
    });
}
