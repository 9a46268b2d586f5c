// The `concord` command tree. Each command group registers itself from its own file or folder.
import { Command, CommanderError } from 'commander';
import { BugError, ConcordError } from '../core/errors.js';
import { buildFor, lacksItsCommand } from './commands/define.js';
import { COMMAND_MODULES, modulesFor, runWords } from './commands/index.js';
import { CliContext, type CliIo } from './context.js';
import { CLI_HINTS } from './hints.js';
import { finalizeTree } from './tree.js';
import { VERSION } from '../core/version.js';

/** Exit codes: 0 success, 1 a domain error, 2 a usage error, 3 a bug, 75 try again later (a full queue; sysexits' EX_TEMPFAIL). */
const EXIT = { ok: 0, domain: 1, usage: 2, bug: 3, tempfail: 75 } as const;

/**
 * The command tree for a run of `argv`: only the command modules it needs are loaded (all for help), and of a
 * noun group only the verb it runs is made. When that verb is not there (a typo, a verb of a module not loaded),
 * the whole tree, so that commander's error and suggestions are those of every command.
 */
async function buildProgram(ctx: CliContext, argv: readonly string[] = [], whole = false): Promise<Command> {
  const program = new Command('concord')
    .description('Coordinate work across many repositories: issues, plans, todos and inter-repo dependencies.')
    .version(VERSION, '-V, --version')
    .option('-f, --file <path>', 'ecosystem.yaml to use (default: $CONCORD_ECOSYSTEM, else the nearest one above the current folder)')
    .option('--json', 'print machine-readable JSON on stdout (and nothing else)')
    .option('--actor <name>', 'who is making changes (default: $CONCORD_ACTOR, else the git user)')
    .option('--no-color', 'never use colour')
    .option('--debug', 'print stack traces for errors')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .exitOverride();
  const modules = whole ? COMMAND_MODULES : modulesFor(argv);
  if (!whole && modules !== COMMAND_MODULES) buildFor(program, runWords(argv));
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program, ctx);
  finalizeTree(program);
  return whole || !lacksItsCommand(program) ? program : buildProgram(ctx, argv, true);
}

/** Runs the CLI and returns the exit code (the caller exits: main.ts is the only process.exit). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  const words = argv.length === 0 ? ['help'] : argv;
  const debug = argv.includes('--debug') || ctx.env.debug;
  const json = argv.includes('--json');
  if (json && words.some((a) => a === '-V' || a === '--version') && modulesFor(words).length === 0) {
    io.stdout.write(JSON.stringify({ version: VERSION }) + '\n');
    return EXIT.ok;
  }
  try {
    // `concord` alone is a request for the overview: help on stdout, success.
    const program = await buildProgram(ctx, words);
    await program.parseAsync(words as string[], { from: 'user' });
    // Hook delivery (and its modules) only after a command that recorded events.
    const ws = ctx.openWorkspace;
    if (ws?.isOpen && ws.events.appendedHere > 0) await (await import('./hook-delivery.js')).deliverHooksAfterWrite(ctx);
    ctx.warnAboutProblems();
    return ctx.exitCode ?? EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      // Commander has already printed the message and the usage on stderr; --json also gets it on stdout.
      const message = e.code === 'commander.help' ? 'a subcommand is needed (see the list above)' : e.message.replace(/^error: /, '');
      if (json) io.stdout.write(JSON.stringify({ error: { code: 'USAGE', message } }, null, 2) + '\n');
      return EXIT.usage;
    }
    if (e instanceof ConcordError) {
      const error = e.report(CLI_HINTS);
      if (json) io.stdout.write(JSON.stringify({ error }, null, 2) + '\n');
      io.stderr.write(`${e.code}: ${e.message}\n`);
      if (error.hint) io.stderr.write(`  hint: ${error.hint}\n`);
      if (debug && e.stack) io.stderr.write(e.stack + '\n');
      // An id or repo may be "unknown" only because its record is invalid: say that the file has problems.
      ctx.warnAboutProblems();
      return e.code === 'QUEUE_FULL' ? EXIT.tempfail : EXIT.domain;
    }
    const err = e as Error;
    if (json) io.stdout.write(JSON.stringify({ error: { code: 'INTERNAL', message: err.message } }, null, 2) + '\n');
    io.stderr.write(`INTERNAL: ${err.message}\n  this is a bug in Concord; please report it with the output of --debug\n`);
    if (debug || e instanceof BugError) io.stderr.write((err.stack ?? '') + '\n');
    return EXIT.bug;
  } finally {
    ctx.close();
  }
}
