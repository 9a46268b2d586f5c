// An operation as its HTTP route, for hints (`POST /api/runs/RUN-1/resume`): the route of the manifest with
// its path filled in and the other arguments as a query or a body; a command with no route (it runs a
// process on this machine: src/ops/cli-only.ts) as the shell command it is.
import { CLI_ONLY } from './cli-only.js';
import { OPERATIONS, operation } from './index.js';
import { routeOf } from './operation.js';

/** `GET /api/todos?status=pending`, `POST /api/todos/TODO-1/claim with {"agent":"a"}`, or the shell command `concord worker`. */
export function routeText(id: string, args: Record<string, unknown> = {}): string {
  const command = id.replace(/\./g, ' ');
  if (!OPERATIONS.some((o) => o.id === id) && command in CLI_ONLY) return shellCommand(command);
  const { method, path, params } = routeOf(operation(id));
  const rest = Object.fromEntries(Object.entries(args).filter(([k]) => !params.includes(k)));
  const filled = path.replace(/\{(\w+)\}/g, (whole, p: string) => (args[p] === undefined ? whole : encodeURIComponent(String(args[p]))));
  if (!Object.keys(rest).length) return `${method} ${filled}`;
  if (method === 'GET') return `${method} ${filled}?${new URLSearchParams(Object.entries(rest).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(',') : String(v)])).toString()}`;
  return `${method} ${filled} with ${JSON.stringify(rest)}`;
}

/**
 * A command of CLI_ONLY, which no route or tool does (it starts a process on a machine): the one form in which
 * hints on MCP and HTTP name a command (test/hints-surfaces.test.ts allows no other).
 */
export const shellCommand = (command: string): string => `the shell command \`concord ${command}\``;
