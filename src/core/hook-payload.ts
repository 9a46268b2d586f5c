// What a hook receives: the event as a JSON body (stdin or POST) and as CONCORD_* environment variables.
import type { EntityKind, EventSubject } from './events.js';

/** An event as stored in the history (`id` is its sequence number). */
export interface HookEvent {
  id: number;
  type: string;
  entity: { kind: EntityKind | string; id: string };
  at: string;
  actor: string;
  surface: string;
  subject?: EventSubject | undefined;
  data: unknown;
}

export interface DeliveryInfo {
  /** The outbox row (0 for `hooks test`). */
  id: number;
  hook: string;
  attempt: number;
}

export interface HookBody extends HookEvent {
  delivery: DeliveryInfo;
}

export function hookBody(event: HookEvent, delivery: DeliveryInfo): HookBody {
  return { ...event, delivery };
}

/**
 * The variables a shell hook gets besides the JSON on stdin. CONCORD_SURFACE=hook and CONCORD_ECOSYSTEM
 * make a `concord` run inside the hook write to the same ecosystem and be recorded as made by a hook.
 */
export function hookEnvironment(event: HookEvent, delivery: DeliveryInfo, ecosystemFile: string): Record<string, string> {
  const s = event.subject ?? {};
  const data = (event.data ?? {}) as Record<string, unknown>;
  const vars: Record<string, string | undefined> = {
    CONCORD_EVENT_ID: String(event.id),
    CONCORD_EVENT_TYPE: event.type,
    CONCORD_EVENT_AT: event.at,
    CONCORD_EVENT_ACTOR: event.actor,
    CONCORD_EVENT_SURFACE: event.surface,
    CONCORD_ENTITY_KIND: event.entity.kind,
    CONCORD_ENTITY_ID: event.entity.id,
    CONCORD_TITLE: s.title,
    CONCORD_REPO: s.repos?.[0],
    CONCORD_REPOS: s.repos?.join(','),
    CONCORD_PRIORITY: s.priority,
    CONCORD_PLAN: s.plan,
    CONCORD_MILESTONE: s.milestone,
    CONCORD_FROM: event.type.endsWith(':status_changed') ? String(data['from'] ?? '') : undefined,
    CONCORD_TO: event.type.endsWith(':status_changed') ? String(data['to'] ?? '') : undefined,
    CONCORD_HOOK: delivery.hook,
    CONCORD_DELIVERY_ID: String(delivery.id),
    CONCORD_ATTEMPT: String(delivery.attempt),
    CONCORD_ECOSYSTEM: ecosystemFile,
    CONCORD_SURFACE: 'hook',
  };
  return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined));
}

/** A stored event (with its sequence number) as hooks see it. */
export function toHookEvent(e: Omit<HookEvent, 'id'> & { seq: number }): HookEvent {
  return { id: e.seq, type: e.type, entity: e.entity, at: e.at, actor: e.actor, surface: e.surface, ...(e.subject ? { subject: e.subject } : {}), data: e.data };
}
