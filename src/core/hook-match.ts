// Which hooks an event goes to: its type against the hook's patterns, then the repo and priority filters.
import type { DomainEvent } from './events.js';
import { matchesTypePattern } from './event-match.js';
import type { Hook } from './hook-settings.js';

type Matchable = Pick<DomainEvent, 'subject'> & { type: string; surface: string };

export function hookMatches(hook: Hook, event: Matchable): boolean {
  if (!hook.enabled) return false;
  // Events caused by hooks reach only hooks that ask for them, so two hooks cannot feed each other forever.
  if (event.surface === 'hook' && !hook.on_hook_events) return false;
  if (!matchesTypePattern(hook.events, event.type)) return false;
  const f = hook.filter;
  if (f?.repo && !(event.subject?.repos ?? []).some((r) => f.repo!.includes(r))) return false;
  if (f?.priority && !(event.subject?.priority && (f.priority as string[]).includes(event.subject.priority))) return false;
  return true;
}

export function matchingHooks(hooks: readonly Hook[], event: Matchable): Hook[] {
  return hooks.filter((h) => hookMatches(h, event));
}
