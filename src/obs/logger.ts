// Structured logs (pino): JSON lines to stderr, stdout or a file, with levels and redaction of secrets.
//
// Secrets are removed twice: by key (pino's redact paths: token, secret, authorization, ...) and by value
// (every known secret string, wherever it appears in a line: an error message that quotes a URL with a
// token, a command's output), because a path list alone misses the second kind.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Keys redacted wherever they appear at the top level or one level down (pino paths, `*` is one key). */
const SECRET_KEYS = ['token', 'secret', 'password', 'authorization', 'cookie', 'api_key', 'apiKey'];
export const DEFAULT_REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie'];
export const REDACTED = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** `stderr`, `stdout`, or the path of a file (appended to, created with its folder). */
  destination: string;
  /** Extra pino redact paths (e.g. `data.private_key`). */
  redact?: readonly string[];
  /** Secret values masked wherever they appear in a line (shorter than 8 characters: ignored, too common). */
  secrets?: readonly string[];
  /** Fields on every line (e.g. `{ service: 'concord', surface: 'serve' }`). */
  base?: Record<string, unknown>;
  /** Write synchronously (tests and one-shot commands: nothing is lost at exit). Default false for files. */
  sync?: boolean;
}

export function createLogger(o: LoggerOptions): Logger {
  const dest =
    o.destination === 'stdout' ? pino.destination({ fd: 1, sync: true }) : o.destination === 'stderr' ? pino.destination({ fd: 2, sync: true }) : pino.destination({ dest: o.destination, mkdir: true, append: true, sync: o.sync ?? false });
  const masks = [...new Set((o.secrets ?? []).filter((s) => s.length >= 8))].map((s) => JSON.stringify(s).slice(1, -1));
  return pino(
    {
      level: o.level,
      base: { pid: process.pid, ...o.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...DEFAULT_REDACT_PATHS, ...(o.redact ?? [])], censor: REDACTED },
      ...(masks.length ? { hooks: { streamWrite: (line: string) => masks.reduce((s, m) => s.split(m).join(REDACTED), line) } } : {}),
    },
    dest,
  );
}

/** A logger that writes nothing (tests, and code that was given none). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
