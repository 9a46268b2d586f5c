// The one redaction of secrets in text Concord shows or writes: pino's log lines (logger.ts) and run logs read
// over every surface (app/runs/log-redact.ts). Two kinds of secret: the values Concord knows (the server's
// token, secrets named in settings, variables whose names say they are secret: app/secrets.ts), and token
// shapes it does not know but recognises (sk-..., ghp_..., Bearer ...).

export const REDACTED = '[redacted]';

/**
 * Token shapes masked wherever they appear. Each is bounded (at most MAX_PATTERN_CHARS), so that a reader of
 * a stream that sees MAX_PATTERN_CHARS past the end of its chunk sees every match that starts in it whole.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  // OpenAI and Anthropic keys (sk-..., sk-proj-..., sk-ant-...).
  /\bsk-[A-Za-z0-9_-]{16,400}/g,
  // GitHub tokens (personal, OAuth, user-to-server, server-to-server, refresh) and fine-grained PATs.
  /\bgh[pousr]_[A-Za-z0-9]{20,255}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,255}/g,
  // GitLab personal/project tokens, Slack tokens, AWS access key ids.
  /\bglpat-[A-Za-z0-9_-]{20,255}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,255}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  // The credential of an Authorization header (the scheme word stays: "Bearer [redacted]"); one with a digit,
  // so that "token refreshed" stays text.
  /(?<=\b(?:Bearer|bearer|Basic|Token|token)\s{1,4})(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,400}/g,
];
export const MAX_PATTERN_CHARS = 420;

/** Known values shorter than this are not masked: too common to be told from ordinary text. */
export const MIN_SECRET_CHARS = 8;

export interface Redactor {
  /** The longest text a match can cover (a stream reader looks this far past its chunk). */
  readonly reach: number;
  /** Where secrets are in `text`: sorted, merged [start, end) ranges. */
  spans(text: string): [number, number][];
  /** `text` with every secret replaced by [redacted]. */
  text(text: string): string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A redactor of `secrets` (known values) and SECRET_PATTERNS. */
export function redactor(secrets: readonly string[]): Redactor {
  const values = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_CHARS))].sort((a, b) => b.length - a.length);
  const res = [...SECRET_PATTERNS, ...(values.length ? [new RegExp(values.map(escapeRe).join('|'), 'g')] : [])];
  const reach = Math.max(MAX_PATTERN_CHARS, ...values.map((v) => v.length));
  const spans = (text: string): [number, number][] => {
    const found: [number, number][] = [];
    for (const re of res) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        found.push([m.index, m.index + m[0].length]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of found) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    return merged;
  };
  return {
    reach,
    spans,
    text(text) {
      const found = spans(text);
      if (!found.length) return text;
      let out = '';
      let at = 0;
      for (const [s, e] of found) {
        out += text.slice(at, s) + REDACTED;
        at = e;
      }
      return out + text.slice(at);
    },
  };
}
