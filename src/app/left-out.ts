// An answer that left records out: ecosystem.yaml has invalid records or syntax errors, which no read sees.
// Every surface says so, each its own way (docs/api.md, docs/mcp.md): the CLI on stderr and with exit 1,
// MCP as a warning in the result and `concord/partial` in its _meta, HTTP in the X-Concord-Partial header.
import { hint, op, renderHint, type Hint, type HintStyle } from '../core/hints.js';
import type { LoadedSnapshot } from './workspace-core.js';

export interface LeftOut {
  file: string;
  /** Invalid records and syntax errors of the file as last read. */
  errors: number;
  message: string;
  hint: Hint;
}

/** What the last read of `ws` left out, if anything. */
export function leftOut(ws: { readonly file: string; readonly cache: LoadedSnapshot | undefined }): LeftOut | undefined {
  const errors = ws.cache?.summary.errors ?? 0;
  if (errors === 0) return undefined;
  return { file: ws.file, errors, message: `${ws.file} has ${errors} invalid record(s) or syntax error(s), left out of this answer`, hint: hint`run ${op('lint')} to see where` };
}

/** `<message>; run <lint> to see where`, in a surface's terms. */
export const leftOutText = (l: LeftOut, style: HintStyle, message = l.message) => `${message}; ${renderHint(l.hint, style)}`;
