// Helpers every command file uses: examples in help, and the seed's flat names (`list-todos`) beside `todo list`.
import { Command } from 'commander';

const EXAMPLES = new WeakMap<Command, string[]>();

/** Adds examples shown by `concord help <command>` (and listed by `concord help --json`). */
export function withExamples(cmd: Command, ...lines: string[]): Command {
  EXAMPLES.set(cmd, [...(EXAMPLES.get(cmd) ?? []), ...lines]);
  return cmd;
}

export function examplesOf(cmd: Command): readonly string[] {
  return EXAMPLES.get(cmd) ?? [];
}

const SEED_NAMES = new WeakMap<Command, string>();

/** The command a run of the program names (`todo`, `show`), when it was built for one run: see `buildFor`. */
export interface RunWords {
  command?: string;
  verb?: string;
}
const BUILT_FOR = new WeakMap<Command, RunWords & { skipped?: Set<Command> }>();

/**
 * Builds only the verb `words` names of a noun group (and the seed name it names), not its siblings: a run of
 * `concord todo show` makes one command with its options instead of fourteen. A program built so answers that
 * run only; help and errors build the whole tree (cli/program.ts).
 */
export function buildFor(program: Command, words: RunWords): void {
  BUILT_FOR.set(program, { ...words });
}

/** Whether a program built for one run lacks its command: a verb not made (a typo), which the whole tree must answer. */
export function lacksItsCommand(program: Command): boolean {
  const run = BUILT_FOR.get(program);
  const group = run && [...(run.skipped ?? [])].find((g) => g.name() === run.command);
  return Boolean(group && !group.commands.some((c) => c.name() === run.verb || c.aliases().includes(run.verb!)));
}

/**
 * Registers `make(verb)` under its noun group, and `make(flat)` at the top level as the name seed 004 uses
 * (`concord list-todos`): the same options and behaviour, hidden from the main help to keep it short. `alias`:
 * another name of the verb (`todo ls`).
 */
export function nounVerb(program: Command, group: Command, verb: string, flat: string | undefined, make: (name: string) => Command, alias?: string): Command {
  const run = BUILT_FOR.get(program);
  const wanted = !run || (run.command === group.name() && (run.verb === verb || run.verb === alias));
  // Not this run's command: a stand-in, in no tree.
  const primary = wanted ? make(verb) : new Command(verb);
  if (!wanted) (run.skipped ??= new Set()).add(group);
  if (alias) primary.alias(alias);
  if (wanted) group.addCommand(primary);
  if (flat && (!run || run.command === flat)) {
    const seed = make(flat);
    SEED_NAMES.set(primary, flat);
    program.addCommand(seed, { hidden: true });
  }
  return primary;
}

/** The seed-004 name of a noun-verb command (`list-todos` for `todo list`), if it has one. */
export function seedNameOf(cmd: Command): string | undefined {
  return SEED_NAMES.get(cmd);
}

/** Hidden from the help (the seed's flat names); commander keeps this flag private. */
export const isHidden = (cmd: Command): boolean => (cmd as unknown as { _hidden: boolean })._hidden;

/** `concord todo list`: the words that run `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
