// What every command gets: the global options, the workspace they name, and the output.
import type { Command } from 'commander';
import type { Surface } from '../core/events.js';
import { type Environment, readEnvironment } from '../app/environment.js';
import { leftOut, leftOutText } from '../app/left-out.js';
import type { SettingFlags } from '../app/settings.js';
import type { Workspace } from '../app/workspace.js';
import { CLI_HINTS } from './hints.js';
import { Output } from './output.js';

interface GlobalOptions {
  file?: string;
  json?: boolean;
  actor?: string;
  color?: boolean;
}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Which build of Concord runs (bin/concord.cjs says), so the index may keep answers for it. */
  build?: string;
}

/** One per command run: created lazily so `concord help` never touches a file. */
export class CliContext {
  private ws: Workspace | undefined;
  private out: Output | undefined;
  /** The environment variables, read once. */
  readonly env: Environment;
  /** Set by a command that printed its result but must still exit non-zero (lint with errors). */
  exitCode: number | undefined;
  /** Set by commands that report the file's problems themselves (lint, status). */
  problemsReported = false;
  /** Set by a command that delivered hooks itself (serve, mcp): no drain after it. */
  hooksDelivered = false;
  constructor(
    readonly io: CliIo,
    readonly surface: Surface = 'cli',
  ) {
    this.env = readEnvironment(io.env);
  }

  private globals(cmd: Command): GlobalOptions {
    return cmd.optsWithGlobals() as GlobalOptions;
  }

  /** The workspace the global options name, opened on first use (its modules too: help and completion never load them). */
  async workspace(cmd: Command, flags?: SettingFlags): Promise<Workspace> {
    if (!this.ws) {
      const { Workspace } = await import('../app/workspace.js');
      const g = this.globals(cmd);
      const out = this.output(cmd);
      this.ws ??= new Workspace({
        progress: (text) => (text === undefined ? out.progressDone() : out.progress(text)),
        ...(g.file ? { file: g.file } : {}),
        ...(g.actor ? { actor: g.actor } : {}),
        ...(flags ? { flags } : {}),
        cwd: this.io.cwd,
        env: this.io.env,
        ...(this.io.build ? { build: this.io.build } : {}),
        surface: this.surface,
      });
    }
    return this.ws;
  }

  /** The workspace, if a command opened one. */
  get openWorkspace(): Workspace | undefined {
    return this.ws;
  }

  /** The output of the command being run (one per run, so a progress line is cleared by whoever drew it). */
  output(cmd: Command): Output {
    if (!this.out) {
      const g = this.globals(cmd);
      const color = g.color !== false && !this.env.noColor && Boolean(this.io.stdout.isTTY);
      this.out = new Output({ json: Boolean(g.json), color, progress: Boolean(this.io.stderr.isTTY), stdout: this.io.stdout as never, stderr: this.io.stderr as never });
    }
    return this.out;
  }

  /**
   * After a command: if ecosystem.yaml has invalid records, the answer left them out, so say so on stderr
   * (never on stdout, which may carry JSON), and a read exits 1: it could not see all the data. A command
   * that changed something exits as it did (the change happened).
   */
  warnAboutProblems(): void {
    const partial = this.ws && leftOut(this.ws);
    if (!partial) return;
    if (!this.problemsReported) this.io.stderr.write(`warning: ${leftOutText(partial, CLI_HINTS)}\n`);
    if (this.ws!.isOpen && this.ws!.events.madeHere === 0) this.exitCode ??= 1;
  }

  close(): void {
    this.ws?.close();
  }
}
