// The secret values this workspace knows of: what logs (pino) and run logs mask wherever it appears, with the
// token shapes of obs/redact.ts. One list for every place that shows text Concord did not write itself.
import { redactor, type Redactor } from '../obs/redact.js';
import type { Workspace } from './workspace.js';

/** Variables whose names say they hold a secret (GITHUB_TOKEN, ANTHROPIC_API_KEY, WEBHOOK_SECRET, DB_PASSWORD). */
export const SECRET_NAME = /(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIALS?)$/i;

/** Keys of settings that name the variable holding a secret (hooks' and webhooks' secret_env, githosts' token_env, workflows' auth env). */
const NAMES_A_VARIABLE = new Set(['secret_env', 'token_env']);
/** Keys of settings that hold a secret themselves. */
const HOLDS_A_SECRET = new Set(['secret', 'token']);

function walk(value: unknown, visit: (key: string, v: unknown, parent: string | undefined) => void, parent?: string): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    visit(k, v, parent);
    walk(v, visit, k);
  }
}

/** Every secret value the settings and the environment know of. */
export function knownSecrets(ws: Workspace): string[] {
  const vars = ws.env.vars;
  const out: string[] = [];
  walk(ws.settings, (key, v, parent) => {
    if (typeof v !== 'string' || v === '') return;
    if (HOLDS_A_SECRET.has(key)) out.push(v);
    else if (NAMES_A_VARIABLE.has(key) || (key === 'env' && parent !== undefined)) {
      const value = vars[v];
      if (value) out.push(value);
    }
  });
  out.push(...Object.values(ws.settings.observability.tracing.headers), ...envSecrets(vars));
  return out.filter((s) => s !== '');
}

/** The values of variables whose names say they are secret. */
export function envSecrets(vars: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(vars).flatMap(([name, value]) => (value && SECRET_NAME.test(name) ? [value] : []));
}

/** The redactor of this workspace's secrets. */
export function workspaceRedactor(ws: Workspace): Redactor {
  return redactor(knownSecrets(ws));
}

/** The redactor of this workspace's secrets in bytes read as latin1 text (run logs, read by byte offset). */
export function byteRedactor(ws: Workspace): Redactor {
  return redactor(knownSecrets(ws).map((s) => Buffer.from(s, 'utf8').toString('latin1')));
}
