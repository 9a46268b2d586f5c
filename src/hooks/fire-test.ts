// `concord hooks test EVENT`: send a sample event straight to the hooks subscribed to its type.
import { requireHook } from '../app/hooks-admin.js';
import { parseInput } from '../app/input.js';
import type { Workspace } from '../app/workspace.js';
import { ConcordError, suggest } from '../core/errors.js';
import { checkTypePattern, matchesTypePattern } from '../core/event-match.js';
import { EVENT_TYPES, isEventType, sampleEvent } from '../core/event-samples.js';
import { FireTestInputSchema, type FireTestSchema } from '../core/hook-schemas.js';
import type { z } from 'zod';
import { deliverToHook } from './deliver.js';

/**
 * Filters (repo, priority) are not applied: the point is to see the hook work. Nothing goes through the
 * outbox or the history; each hook gets one attempt and its outcome is returned.
 */
export async function fireTestEvent(ws: Workspace, input: unknown): Promise<z.infer<typeof FireTestSchema>> {
  const q = parseInput(FireTestInputSchema, input, 'test event');
  if (!isEventType(q.event)) {
    const guess = suggest(q.event, EVENT_TYPES);
    const known = checkTypePattern(q.event.split(':')[0] + ':*') === undefined ? checkTypePattern(q.event) : undefined;
    throw new ConcordError('INVALID_INPUT', `"${q.event}" is not an event type`, {
      hint: guess ? `did you mean ${guess}?` : (known?.replace(/^.*?; /, '') ?? `event types are ${EVENT_TYPES.join(', ')}`),
    });
  }
  const hooks = q.hook ? [requireHook(ws, q.hook)] : ws.settings.hooks.filter((h) => h.enabled && matchesTypePattern(h.events, q.event));
  if (!hooks.length) {
    throw new ConcordError('HOOK_NOT_FOUND', `no enabled hook subscribes to ${q.event}`, { hint: 'add one under hooks: in concord.yaml, or name one with --hook' });
  }
  const event = { id: 0, ...sampleEvent(q.event, { at: ws.now(), actor: ws.actor() }) };
  const outcomes = await Promise.all(hooks.map((h) => deliverToHook(ws, h, event, { id: 0, hook: h.name, attempt: 1 })));
  return { event, outcomes: outcomes.map(({ aborted: _, ...o }) => o) };
}
