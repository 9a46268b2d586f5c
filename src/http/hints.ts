// Hints for HTTP callers: operations as their routes (from the manifest), arguments as input fields.
import type { HintStyle } from '../core/hints.js';
import { CLI_ONLY } from '../ops/cli-only.js';
import { OPERATIONS, operation } from '../ops/index.js';
import { routeOf } from '../ops/operation.js';

/** `GET /api/todos?status=pending`, `POST /api/todos/TODO-1/claim with {"agent":"a"}`: the route, its path filled in. */
function routeText(id: string, args: Record<string, unknown> = {}): string {
  // A command with no route (`concord worker` runs a process) is named as the shell command it is.
  const command = id.replace(/\./g, ' ');
  if (!OPERATIONS.some((o) => o.id === id) && command in CLI_ONLY) return `the shell command \`concord ${command}\``;
  const { method, path, params } = routeOf(operation(id));
  const rest = Object.fromEntries(Object.entries(args).filter(([k]) => !params.includes(k)));
  const filled = path.replace(/\{(\w+)\}/g, (whole, p: string) => (args[p] === undefined ? whole : encodeURIComponent(String(args[p]))));
  if (!Object.keys(rest).length) return `${method} ${filled}`;
  if (method === 'GET') return `${method} ${filled}?${new URLSearchParams(Object.entries(rest).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(',') : String(v)])).toString()}`;
  return `${method} ${filled} with ${JSON.stringify(rest)}`;
}

export const HTTP_HINTS: HintStyle = {
  op: ({ op, args }) => routeText(op, args),
  arg: ({ arg, value }) => (value === undefined ? arg : `${arg}: ${JSON.stringify(value)}`),
};
