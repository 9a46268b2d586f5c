// `concord schema`: the JSON Schemas of ecosystem.yaml, concord.yaml and activity files (published in schema/).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of ecosystem.yaml (of concord.yaml with --settings, of an activity file\'s front matter with --activity), for editors')
    .option('--settings', 'the schema of concord.yaml instead')
    .option('--activity', 'the schema of the front matter of activities/*.md instead')
    .action(async (opts: { settings?: boolean; activity?: boolean }) => {
      if (opts.settings && opts.activity) program.error('give --settings or --activity, not both', { exitCode: 2 });
      const schema = opts.settings
        ? (await import('../../app/settings.js')).settingsJsonSchema()
        : opts.activity
          ? (await import('../../core/scheduling/schemas.js')).activityJsonSchema()
          : (await import('../../core/schema/written.js')).ecosystemJsonSchema();
      ctx.io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
    });
}
