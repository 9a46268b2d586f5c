// `concord schema`: the JSON Schema of ecosystem.yaml (also published as schema/ecosystem.schema.json).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of ecosystem.yaml, for editors')
    .action(async () => {
      const { ecosystemJsonSchema } = await import('../../core/schema/written.js');
      ctx.io.stdout.write(JSON.stringify(ecosystemJsonSchema(), null, 2) + '\n');
    });
}
