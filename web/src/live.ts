// Live data: one EventSource on /api/events for the whole page (the browser resumes it with Last-Event-ID),
// and useLive, which loads a view's data and loads it again shortly after an event that concerns it.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { HistoryEvent } from './api';
import { EVENT_TYPES } from './event-types';

type Listener = (e: HistoryEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let connected = false;
const connectionListeners = new Set<() => void>();

function setConnected(value: boolean) {
  if (connected === value) return;
  connected = value;
  for (const l of connectionListeners) l();
}

function open() {
  if (source) return;
  source = new EventSource('api/events');
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  // Every event type arrives under its own name; one handler per message is enough to route them all.
  const forward = (m: MessageEvent<string>) => {
    let e: HistoryEvent;
    try {
      e = JSON.parse(m.data) as HistoryEvent;
    } catch {
      return;
    }
    for (const l of [...listeners]) l(e);
  };
  source.onmessage = forward;
  const add = source.addEventListener.bind(source) as (t: string, f: (m: MessageEvent<string>) => void) => void;
  for (const t of EVENT_TYPES) add(t, forward);
}

export function onEvent(l: Listener): () => void {
  open();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useConnected(): boolean {
  return useSyncExternalStore(
    (f) => {
      open();
      connectionListeners.add(f);
      return () => connectionListeners.delete(f);
    },
    () => connected,
  );
}

export interface Live<T> {
  data: T | undefined;
  error: Error | undefined;
  reload: () => void;
}

/**
 * Loads `load()` now and again after events (coalesced: at most one load in flight, one more queued).
 * `concerns` picks the events that matter; every event by default.
 */
export function useLive<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], concerns?: (e: HistoryEvent) => boolean): Live<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const concernsRef = useRef(concerns);
  concernsRef.current = concerns;
  const state = useRef({ running: false, again: false, timer: 0 as ReturnType<typeof setTimeout> | 0, ctrl: new AbortController() });

  const run = useCallback(() => {
    const s = state.current;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    const ctrl = s.ctrl;
    loadRef
      .current(ctrl.signal)
      .then(
        (d) => {
          if (ctrl.signal.aborted) return;
          setData(d);
          setError(undefined);
        },
        (e: Error) => !ctrl.signal.aborted && setError(e),
      )
      .finally(() => {
        s.running = false;
        if (s.again && !ctrl.signal.aborted) {
          s.again = false;
          run();
        }
      });
  }, []);

  useEffect(() => {
    const s = state.current;
    s.ctrl = new AbortController();
    s.running = false;
    s.again = false;
    run();
    const off = onEvent((e) => {
      if (concernsRef.current && !concernsRef.current(e)) return;
      if (s.timer) return;
      s.timer = setTimeout(() => {
        s.timer = 0;
        run();
      }, 150);
    });
    return () => {
      off();
      s.ctrl.abort();
      if (s.timer) clearTimeout(s.timer);
      s.timer = 0;
    };
  }, deps);

  return { data, error, reload: run };
}
