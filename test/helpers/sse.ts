// A server-sent events client for tests: reads a fetch() stream and parses its events (id, event, data).
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseStream {
  /** The next `n` events, waiting up to `ms` for them (fails with what arrived). */
  take: (n: number, ms?: number) => Promise<SseEvent[]>;
  status: number;
  headers: Headers;
  close: () => void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const queue: SseEvent[] = [];
  let wake: (() => void) | undefined;
  let buffer = '';
  const pump = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(':');
          const v = rest.join(':').replace(/^ /, '');
          if (field === 'id') e.id = v;
          else if (field === 'event') e.event = v;
          else if (field === 'data') data.push(v);
        }
        if (!data.length) continue;
        e.data = data.join('\n');
        queue.push(e);
        wake?.();
      }
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    async take(n, ms = 5000) {
      const deadline = Date.now() + ms;
      while (queue.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} events, got ${queue.length}: ${JSON.stringify(queue)}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return queue.splice(0, n);
    },
    close() {
      abort.abort();
      void pump;
    },
  };
}

/** The events up to and including the first `end` event, each waited for up to `ms`. */
export async function takeUntilEnd(stream: SseStream, ms?: number): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  while (seen.at(-1)?.event !== 'end') seen.push(...(await stream.take(1, ms)));
  return seen;
}
