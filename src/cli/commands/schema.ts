// `concord schema`: the JSON Schema of ecosystem.yaml (also published as schema/ecosystem.schema.json).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of ecosystem.yaml (or of concord.yaml with --settings), for editors')
    .option('--settings', 'the schema of concord.yaml instead')
    .action(async (opts: { settings?: boolean }) => {
      const schema = opts.settings ? (await import('../../app/settings.js')).settingsJsonSchema() : (await import('../../core/schema/written.js')).ecosystemJsonSchema();
      ctx.io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
    });
}
