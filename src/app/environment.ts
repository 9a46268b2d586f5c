// The only place that reads environment variables: everything else gets them from here.

export interface Environment {
  /** CONCORD_ECOSYSTEM: path of ecosystem.yaml. */
  ecosystem?: string;
  /** CONCORD_ACTOR: who is making changes. */
  actor?: string;
  /** CONCORD_STATE_DIR: where state.db lives (default: .concord beside ecosystem.yaml). */
  stateDir?: string;
  /** CONCORD_SESSION: the session a CLI run's claims belong to (default: a new one per run). */
  session?: string;
  /** XDG_CACHE_HOME: where a read-only checkout's state goes (default ~/.cache). */
  cacheHome?: string;
  /** CONCORD_LOCK_TIMEOUT_MS */
  lockTimeoutMs?: number;
  /** CONCORD_INDEX_WAIT_MS */
  indexWaitMs?: number;
  /** CONCORD_DEBUG: print stack traces. */
  debug: boolean;
  /** NO_COLOR (https://no-color.org) or CONCORD_NO_COLOR. */
  noColor: boolean;
  /** CONCORD_SURFACE: set by Concord for the commands hooks run, so their changes are recorded as made by a hook. */
  surface?: string;
  /** Any other CONCORD_* setting, for the settings resolver. */
  settings: Record<string, string>;
  /** Every variable, for child processes (shell hooks) and secrets named in settings (secret_env). */
  vars: Readonly<Record<string, string | undefined>>;
}

export function readEnvironment(env: Record<string, string | undefined> | undefined = process.env): Environment {
  const num = (v: string | undefined) => (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const settings: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('CONCORD_') && v !== undefined) settings[k] = v;
  const out: Environment = {
    debug: Boolean(env['CONCORD_DEBUG'] && env['CONCORD_DEBUG'] !== '0'),
    noColor: env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '' ? true : Boolean(env['CONCORD_NO_COLOR']),
    settings,
    vars: { ...env },
  };
  if (env['CONCORD_ECOSYSTEM']) out.ecosystem = env['CONCORD_ECOSYSTEM'];
  if (env['CONCORD_ACTOR']) out.actor = env['CONCORD_ACTOR'];
  if (env['CONCORD_STATE_DIR']) out.stateDir = env['CONCORD_STATE_DIR'];
  if (env['CONCORD_SURFACE']) out.surface = env['CONCORD_SURFACE'];
  if (env['CONCORD_SESSION']) out.session = env['CONCORD_SESSION'];
  if (env['XDG_CACHE_HOME']) out.cacheHome = env['XDG_CACHE_HOME'];
  const lock = num(env['CONCORD_LOCK_TIMEOUT_MS']);
  if (lock !== undefined) out.lockTimeoutMs = lock;
  const wait = num(env['CONCORD_INDEX_WAIT_MS']);
  if (wait !== undefined && wait >= 0) out.indexWaitMs = Math.min(wait, 50_000);
  return out;
}
