// Hash routes (#/board?repo=api): the server serves one page, and a link or a reload lands on the same view.
import { useSyncExternalStore } from 'react';

export interface Route {
  view: string;
  arg: string | undefined;
  params: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view = 'inbox', ...rest] = path.split('/').map(decodeURIComponent);
  return { view: view || 'inbox', arg: rest.length ? rest.join('/') : undefined, params: new URLSearchParams(search) };
}

let current = parse(location.hash);
const subscribers = new Set<() => void>();
window.addEventListener('hashchange', () => {
  current = parse(location.hash);
  for (const s of subscribers) s();
});

export function useRoute(): Route {
  return useSyncExternalStore(
    (f) => {
      subscribers.add(f);
      return () => subscribers.delete(f);
    },
    () => current,
  );
}

export function href(view: string, arg?: string, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params ?? {}).filter((e): e is [string, string] => !!e[1])).toString();
  return `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ''}${q ? `?${q}` : ''}`;
}

export function go(view: string, arg?: string, params?: Record<string, string | undefined>): void {
  location.hash = href(view, arg, params);
}

/** Changes one query parameter of the current view (filters), keeping the others. */
export function setParam(name: string, value: string | undefined): void {
  const p = new URLSearchParams(current.params);
  if (value) p.set(name, value);
  else p.delete(name);
  go(current.view, current.arg, Object.fromEntries(p));
}
