// Every command module, in help order, with the top-level commands it adds. A run loads only the modules of the
// command it runs (help, completion and unknown commands load all), so start-up does not pay for the others.
// To add a module: an entry here naming every top-level command (and seed name) it registers; a test checks it.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { RunWords } from './define.js';

export type RegisterCommands = (program: Command, ctx: CliContext) => void;

export interface CommandModule {
  /** Top-level command names the module registers (groups, commands, seed names, aliases). */
  commands: readonly string[];
  load: () => Promise<RegisterCommands>;
  /** It needs every other command registered too (help, completion). */
  needsAll?: boolean;
  /** The verbs it adds to groups another module makes (`todo claim`): a run of another verb of the group does not load it. */
  verbs?: Readonly<Record<string, readonly string[]>>;
}

const mod = (commands: readonly string[], load: () => Promise<RegisterCommands>, more: Pick<CommandModule, 'needsAll' | 'verbs'> = {}): CommandModule => ({ commands, load, ...more });

export const COMMAND_MODULES: readonly CommandModule[] = [
  mod(['todo', 'list-todos', 'show-todo', 'create-todo', 'update-todo', 'complete-todo'], async () => (await import('./todo/index.js')).registerTodo),
  mod(['todo', 'claim-next'], async () => (await import('./todo-claims.js')).registerTodoClaims, { verbs: { todo: ['claim', 'heartbeat', 'release', 'stale'] } }),
  mod(['issue', 'list-issues', 'show-issue', 'create-issue', 'update-issue', 'close-issue'], async () => (await import('./issue/index.js')).registerIssue),
  mod(['plan', 'list-plans', 'show-plan', 'create-plan', 'update-plan'], async () => (await import('./plan/index.js')).registerPlan),
  mod(['milestone'], async () => (await import('./milestone/index.js')).registerMilestone),
  mod(['dep', 'list-deps', 'dep-graph'], async () => (await import('./dep/index.js')).registerDep),
  mod(['repo', 'role', 'blocking', 'blocked-by'], async () => (await import('./repo/index.js')).registerRepo),
  mod(['dep', 'check-deps', 'repo', 'validate-repo'], async () => (await import('./dep-check.js')).registerDepCheck, { verbs: { dep: ['check', 'discover', 'history'], repo: ['validate'] } }),
  mod(['status'], async () => (await import('./status.js')).registerStatus),
  mod(['ready'], async () => (await import('./ready.js')).registerReady),
  mod(['blocked'], async () => (await import('./blocked.js')).registerBlocked),
  mod(['critical-path'], async () => (await import('./critical-path.js')).registerCriticalPath),
  mod(['waves'], async () => (await import('./waves.js')).registerWaves),
  mod(['roadmap'], async () => (await import('./roadmap.js')).registerRoadmap),
  mod(['workload'], async () => (await import('./workload.js')).registerWorkload),
  mod(['init'], async () => (await import('./init.js')).registerInit),
  mod(['lint', 'validate'], async () => (await import('./lint.js')).registerLint),
  mod(['schema'], async () => (await import('./schema.js')).registerSchema),
  mod(['completion'], async () => (await import('./completion.js')).registerCompletion, { needsAll: true }),
  mod(['execute', 'queue', 'sweep', 'sweep-status'], async () => (await import('./execution.js')).registerExecution),
  mod(['run'], async () => (await import('./run.js')).registerRun),
  mod(['worker'], async () => (await import('./worker.js')).registerWorker),
  mod(['mcp', 'serve'], async () => (await import('./mcp.js')).registerMcp),
  mod(['help'], async () => (await import('./help.js')).registerHelp, { needsAll: true }),
  mod(['history'], async () => (await import('./history.js')).registerHistory),
  mod(['search'], async () => (await import('./search.js')).registerSearch),
  mod(['trends'], async () => (await import('./trends.js')).registerTrends),
  mod(['checkpoint'], async () => (await import('./checkpoint.js')).registerCheckpoint),
  mod(['hooks'], async () => (await import('./hooks.js')).registerHooks),
  mod(['job', 'trigger', 'activity'], async () => (await import('./schedule.js')).registerSchedule),
  mod(['import'], async () => (await import('./import.js')).registerImport),
  mod(['export'], async () => (await import('./export.js')).registerExport),
  mod(['workflow'], async () => (await import('./workflow.js')).registerWorkflow),
  mod(['issue'], async () => (await import('./githost.js')).registerGitHost, { verbs: { issue: ['sync'] } }),
];

/** Global options that take a value: the word after them is not the command. */
const VALUE_OPTIONS = new Set(['-f', '--file', '--actor']);

/** The first word of `argv` that is not a global option: the command being run, if any. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** The command a run of `argv` names, and the word after it when that is not an option (a group's verb). */
export function runWords(argv: readonly string[]): RunWords {
  const command = commandWord(argv);
  const next = command === undefined ? undefined : argv[argv.indexOf(command) + 1];
  return { command, ...(next !== undefined && !next.startsWith('-') ? { verb: next } : {}) };
}

/** The modules a run of `argv` needs: those naming its command, or all of them when in doubt. */
export function modulesFor(argv: readonly string[]): readonly CommandModule[] {
  const { command: word, verb } = runWords(argv);
  if (word === undefined && argv.some((a) => a === '-V' || a === '--version')) return [];
  const adds = (m: CommandModule) => verb === undefined || !m.verbs?.[word!] || m.verbs[word!]!.includes(verb);
  const mine = word === undefined ? [] : COMMAND_MODULES.filter((m) => m.commands.includes(word) && adds(m));
  return mine.length === 0 || mine.some((m) => m.needsAll) ? COMMAND_MODULES : mine;
}
