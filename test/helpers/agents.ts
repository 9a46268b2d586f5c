// The fake agent CLIs of test/fixtures/agents: where they are, and a worker environment that finds them.
import path from 'node:path';

export const AGENT_BIN = path.resolve(import.meta.dirname, '../fixtures/agents/bin');

/** A worker's environment with the fake CLIs first on PATH. */
export function agentEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: `${AGENT_BIN}:${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'] ?? '/tmp', ...extra };
}
