// An MCP stdio client transport whose server runs in its own process group, so closing it ends the whole
// tree (the SDK's StdioClientTransport signals only the direct child, leaving e.g. the node under `npx`).
import type { ChildProcess } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { killGroup, spawnGroup } from '../process.js';

const STDERR_KEPT = 4000;

export class ProcessGroupTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  /** The end of what the server wrote to stderr, for messages when it fails. */
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();

  constructor(
    private readonly argv: readonly string[],
    private readonly cwd: string,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawnGroup(this.argv, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      this.child = child;
      child.once('spawn', () => resolve());
      child.once('error', (e) => {
        reject(e);
        this.onerror?.(e);
      });
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        this.onclose?.();
      });
      child.stdin?.on('error', (e) => this.onerror?.(e));
      child.stderr?.on('data', (d: Buffer) => {
        this.stderr = (this.stderr + d.toString('utf8')).slice(-STDERR_KEPT);
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        this.buffer.append(chunk);
        for (;;) {
          try {
            const message = this.buffer.readMessage();
            if (message === null) break;
            this.onmessage?.(message);
          } catch (e) {
            this.onerror?.(e as Error);
          }
        }
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      const stdin = this.child?.stdin;
      if (!stdin || stdin.destroyed) return resolve();
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /** Ends the server's process group at once: a check has no state in it to save. */
  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.buffer.clear();
    if (!child) return;
    child.stdin?.end();
    killGroup(child);
  }
}
