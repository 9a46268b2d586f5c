// Structured logs (pino): JSON lines to stderr, stdout or a file, with levels and redaction of secrets.
//
// Secrets are removed twice: by key (pino's redact paths: token, secret, authorization, ...) and by value
// (every known secret string and every token shape of redact.ts, wherever it appears in a line: an error
// message that quotes a URL with a token, a command's output), because a path list alone misses the second
// kind. Run logs are masked by the same list (redact.ts), when they are read.
import pino, { type Logger } from 'pino';
import { REDACTED, redactor } from './redact.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Keys redacted wherever they appear at the top level or one level down (pino paths, `*` is one key). */
const SECRET_KEYS = ['token', 'secret', 'password', 'authorization', 'cookie', 'api_key', 'apiKey'];
export const DEFAULT_REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie'];
export { REDACTED } from './redact.js';

export interface LoggerOptions {
  level: LogLevel;
  /** `stderr`, `stdout`, or the path of a file (appended to, created with its folder). */
  destination: string;
  /** Extra pino redact paths (e.g. `data.private_key`). */
  redact?: readonly string[];
  /** Secret values masked wherever they appear in a line (shorter than 8 characters: ignored, too common), besides the token shapes of redact.ts. */
  secrets?: readonly string[];
  /** Fields on every line (e.g. `{ service: 'concord', surface: 'serve' }`). */
  base?: Record<string, unknown>;
  /** Write synchronously (tests and one-shot commands: nothing is lost at exit). Default false for files. */
  sync?: boolean;
}

export function createLogger(o: LoggerOptions): Logger {
  const dest =
    o.destination === 'stdout' ? pino.destination({ fd: 1, sync: true }) : o.destination === 'stderr' ? pino.destination({ fd: 2, sync: true }) : pino.destination({ dest: o.destination, mkdir: true, append: true, sync: o.sync ?? false });
  // A line is JSON: a value is masked as JSON spells it.
  const masks = redactor((o.secrets ?? []).map((s) => JSON.stringify(s).slice(1, -1)));
  return pino(
    {
      level: o.level,
      base: { pid: process.pid, ...o.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...DEFAULT_REDACT_PATHS, ...(o.redact ?? [])], censor: REDACTED },
      hooks: { streamWrite: (line: string) => masks.text(line) },
    },
    dest,
  );
}

/** A logger that writes nothing (tests, and code that was given none). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
