// Deadlines: how long a probe may take, whatever it does.

/**
 * Runs `work` with a signal that aborts at `ms`, and resolves by then whatever `work` does: a probe that
 * ignores its signal cannot hold the report back past its deadline.
 */
export function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, onTimeout: () => T, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onOuter: (() => void) | undefined;
  const expired = new Promise<T>((resolve) => {
    const expire = () => {
      controller.abort(new DOMException(`deadline of ${ms} ms reached`, 'TimeoutError'));
      resolve(onTimeout());
    };
    timer = setTimeout(expire, ms);
    onOuter = expire;
    if (outer?.aborted) expire();
    else outer?.addEventListener('abort', expire, { once: true });
  });
  return Promise.race([work(controller.signal), expired]).finally(() => {
    clearTimeout(timer);
    if (onOuter) outer?.removeEventListener('abort', onOuter);
  });
}
