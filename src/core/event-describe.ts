// One line saying what an event changed, for the history view and the search index.
import type { FieldChange } from './events.js';

const MAX = 160;

function show(v: unknown): string {
  if (v === undefined || v === null) return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 59) + '…' : s;
}

const clip = (s: string) => (s.length > MAX ? s.slice(0, MAX - 1) + '…' : s);

export function describeEvent(event: { type: string; data: unknown; actor?: string }): string {
  const verb = event.type.split(':')[1] ?? event.type;
  const d = (event.data ?? {}) as Record<string, unknown>;
  switch (verb) {
    case 'created':
      return 'created';
    case 'deleted':
      return 'deleted';
    case 'updated':
      return clip(((d['changes'] as FieldChange[] | undefined) ?? []).map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('; '));
    case 'status_changed':
      return `status ${String(d['from'] ?? '?')} → ${String(d['to'] ?? '?')}`;
    case 'note_added': {
      const note = (d['note'] ?? {}) as { text?: string; author?: string };
      return clip(`note${note.author ? ` by ${note.author}` : ''}: ${note.text ?? ''}`);
    }
    case 'checkpointed':
      return `checkpoint ${String(d['checkpoint'])}: phase ${String(d['phase'])}, ${Math.round(Number(d['progress']) * 100)}%`;
    case 'claimed':
      return `claimed by ${String(d['agent'])} until ${String(d['expires_at'])}`;
    case 'released':
      return `released by ${String(d['agent'])} (${String(d['reason'])})`;
    case 'checked':
      return clip(`checked: ${String(d['outcome'])}${d['details'] ? ` (${String(d['details'])})` : ''}`);
    default:
      return clip(JSON.stringify(d));
  }
}
