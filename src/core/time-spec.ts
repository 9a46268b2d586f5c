// A point in time as people type it: an ISO date or date-time, or a span back from now (30m, 24h, 7d, 2w).

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The ISO time (seconds, UTC) `text` means at `now`, or undefined when it means nothing. */
export function resolveTimeSpec(text: string, now: number): string | undefined {
  const t = text.trim();
  const span = /^(\d+)\s*(m|h|d|w)$/i.exec(t);
  if (span) return iso(now - Number(span[1]) * UNITS[span[2]!.toLowerCase()]!);
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return iso(Date.parse(`${t}T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) ? t : `${t}Z`;
    return iso(Date.parse(withZone.replace(' ', 'T')));
  }
  return undefined;
}

function iso(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}
