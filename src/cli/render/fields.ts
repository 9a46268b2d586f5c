// Small pieces of human output: key-value blocks, bullet lists, hours, dates, change summaries.
import type { AnyDomainEvent } from '../../core/events.js';
import type { Output, Style } from '../output.js';

export type Pair = [label: string, value: string | number | undefined | null, style?: Style];

/** `  label   value` lines, aligned; empty values are left out. */
export function keyValues(out: Output, pairs: readonly Pair[]): string {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  const width = Math.max(0, ...shown.map(([k]) => k.length));
  return shown.map(([k, v, style]) => `  ${out.paint(k.padEnd(width), 'dim')}  ${out.paint(String(v), style)}`).join('\n');
}

/** A titled list, one entry per line; nothing when the list is empty. */
export function section(out: Output, title: string, lines: readonly string[]): string[] {
  return lines.length ? ['', out.paint(title, 'bold'), ...lines.map((l) => `  ${l}`)] : [];
}

export const hoursText = (h: number | undefined) => (h === undefined ? undefined : `${Math.round(h * 100) / 100}h`);

/** Each line of `text`, indented by two spaces. */
export const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

/** A record's description below its fields; nothing when it has none. */
export const descriptionLines = (text: string | undefined): string[] => (text ? ['', indent(text.trimEnd())] : []);

/** `3 pending, 1 completed`: counts by key, or `empty` when there are none. */
export const countsText = (counts: Record<string, number>, empty = 'none') =>
  Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || empty;

export const listText = (items: readonly string[] | undefined) => (items && items.length ? items.join(', ') : undefined);

/** A date or time as people read it: `2026-01-31` or `2026-01-31 09:30`. */
export function dateText(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  return iso.length > 10 ? iso.slice(0, 16).replace('T', ' ') : iso;
}

function valueText(v: unknown): string {
  if (v === undefined || v === null) return '∅';
  let s: string;
  if (Array.isArray(v)) s = `[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]`;
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  s = s.trimEnd().replace(/\r?\n/g, ' ⏎ ');
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** One line per record a write changed: `TODO-2 status: pending → in_progress`. */
export function changeLines(events: readonly AnyDomainEvent[], main: string): string[] {
  const lines: string[] = [];
  // The record asked about first, then the other ends of its edges.
  const ordered = [...events.filter((e) => e.entity.id === main), ...events.filter((e) => e.entity.id !== main)];
  for (const e of ordered) {
    if (e.type.endsWith(':updated')) {
      const changes = (e.data as { changes: { field: string; from?: unknown; to?: unknown }[] }).changes;
      const prefix = e.entity.id === main ? '' : `${e.entity.kind} ${e.entity.id} `;
      for (const c of changes) lines.push(`${prefix}${c.field}: ${valueText(c.from)} → ${valueText(c.to)}`);
    } else if (e.type === 'todo:note_added') lines.push(`note added`);
    else if (e.type.endsWith(':created') && e.entity.id !== main) lines.push(`${e.entity.kind} ${e.entity.id} created`);
  }
  return lines;
}

/** The table of a page of results, with a count line and how to get the next page. */
export function pageText<T>(out: Output, page: { items: T[]; total: number; offset: number; next_offset?: number }, noun: string, table: (items: T[]) => string, plural = `${noun}s`): string {
  if (page.total === 0) return `No ${plural} match.`;
  if (page.items.length === 0) return `No ${plural} at offset ${page.offset} (there are ${page.total}).`;
  const shown = page.items.length === page.total ? `${page.total} ${page.total === 1 ? noun : plural}` : `${page.offset + 1}-${page.offset + page.items.length} of ${page.total} ${plural}`;
  const more = page.next_offset !== undefined ? ` · next page: --offset ${page.next_offset}` : '';
  return `${table(page.items)}\n${out.paint(shown + more, 'dim')}`;
}

/** The human summary of a write: what changed, or that nothing did. */
export function writeSummary(out: Output, verb: string, id: string, r: { changed: boolean; events: readonly AnyDomainEvent[] }): string {
  if (!r.changed) return `No change: ${id} already had those values.`;
  return [`${verb} ${out.paint(id, 'bold')}`, ...changeLines(r.events, id).map((l) => `  ${l}`)].join('\n');
}
