// `concord todo create` (seed: `create-todo`): a new todo; prints it with its new id.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { changeLines } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addTodoFieldOptions, TODO_FIELDS } from './fields.js';

export function todoCreate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('create a todo in one repo (prints it, with its new id)').argument('[task]', 'what to do (or --task)');
    addTodoFieldOptions(cmd, 'create').action(async (task: string | undefined, opts: Record<string, unknown>, c: Command) => {
      const input: Record<string, unknown> = { ...inputFrom(opts, TODO_FIELDS, ctx.io.cwd), ...(task ? { task } : {}) };
      if (!input['task']) c.error('error: a todo needs a task: concord todo create "what to do" --repo <repo>', { exitCode: 2, code: 'concord.missingTask' });
      if (!input['repo']) c.error('error: a todo needs a repo: add --repo <repo>', { exitCode: 2, code: 'concord.missingRepo' });
      const { createTodo } = await import('../../../app/todos.js');
      const out = ctx.output(c);
      const r = await createTodo(await ctx.workspace(c), input);
      out.result(r.todo, (t) => [`Created ${out.paint(t.id, 'bold')}  ${t.task}  (${t.repo})`, ...changeLines(r.events, t.id).map((l) => `  ${l}`)].join('\n'));
    });
    return withExamples(
      cmd,
      'concord todo create "Add the logger import" --repo api --priority high --estimate 3d',
      'concord create-todo --repo web --task "Call the new endpoint" --blocked-by TODO-001 --acceptance "works offline" --json',
      'echo \'{"task":"Write docs","repo":"docs"}\' | concord todo create --input - --json',
    );
  };
}
