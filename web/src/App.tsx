// The dashboard's frame: the sidebar, the view of the current route, keyboard shortcuts, the theme switch.
import { useEffect, useState } from 'react';
import { onUnauthorized, savedToken, saveToken } from './api';
import { useConnected } from './live';
import { go, href, useRoute } from './router';
import { TodoDrawer, Toasts } from './ui';
import { Board } from './views/Board';
import { Graph } from './views/Graph';
import { Inbox } from './views/Inbox';
import { RepoPage } from './views/Repo';
import { Roadmap } from './views/Roadmap';
import { Runs } from './views/Runs';
import { Schedules } from './views/Schedules';
import { Search } from './views/Search';

/** The views in the sidebar, with the key that opens each after `g` (g b: board). */
const NAV = [
  { view: 'inbox', title: 'Inbox', key: 'i' },
  { view: 'board', title: 'Board', key: 'b' },
  { view: 'graph', title: 'Graph', key: 'g' },
  { view: 'roadmap', title: 'Roadmap', key: 'm' },
  { view: 'repo', title: 'Repos', key: 'r' },
  { view: 'runs', title: 'Runs', key: 'u' },
  { view: 'schedules', title: 'Schedules', key: 's' },
  { view: 'search', title: 'History', key: 'h' },
] as const;

function Help({ onClose }: { onClose: () => void }) {
  return (
    <aside className="drawer" aria-label="keyboard shortcuts">
      <div className="row"><h2 className="grow">Keyboard</h2><button onClick={onClose}>✕</button></div>
      <div className="kbd-help">
        {NAV.map((n) => <div key={n.view}><kbd>g</kbd> <kbd>{n.key}</kbd> {n.title}</div>)}
        <div><kbd>/</kbd> search</div>
        <div><kbd>t</kbd> switch theme</div>
        <div><kbd>←↑↓→</kbd> or <kbd>hjkl</kbd> move on the board</div>
        <div><kbd>Shift</kbd>+<kbd>←/→</kbd> move a card to the next status</div>
        <div><kbd>Enter</kbd> open the selected card</div>
        <div><kbd>Esc</kbd> close a panel</div>
        <div><kbd>?</kbd> this help</div>
      </div>
    </aside>
  );
}

/** Asks for the server's token (CONCORD_SERVER_TOKEN) when the API refuses the page without it. */
function TokenPrompt() {
  const [value, setValue] = useState('');
  const refused = savedToken() !== undefined;
  return (
    <div className="modal-back">
      <form
        className="modal"
        aria-label="server token"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          saveToken(value.trim());
          location.reload();
        }}
      >
        <h2>This server wants its token</h2>
        <p className="muted small">
          {refused ? 'The token you gave was refused: check it and try again.' : 'It was started with CONCORD_SERVER_TOKEN.'} The token is kept in this tab only (sessionStorage) and sent with every request.
        </p>
        <input type="password" name="token" aria-label="token" autoComplete="current-password" autoFocus value={value} onChange={(e) => setValue(e.target.value)} placeholder="token" />
        <div className="row" style={{ marginTop: 10 }}>
          <button type="submit" className="primary">Use this token</button>
          {refused && <button type="button" onClick={() => (saveToken(undefined), location.reload())}>Forget the saved one</button>}
        </div>
      </form>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const connected = useConnected();
  const [theme, setTheme] = useState(document.documentElement.dataset.theme ?? 'dark');
  const [help, setHelp] = useState(false);
  const [needToken, setNeedToken] = useState(false);
  useEffect(() => onUnauthorized(() => setNeedToken(true)), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('concord-theme', theme);
  }, [theme]);
  useEffect(() => {
    let prefix = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).closest('input,select,textarea')) return;
      if (prefix) {
        prefix = false;
        const n = NAV.find((x) => x.key === e.key);
        if (n) go(n.view);
        return;
      }
      if (e.key === 'g') prefix = true;
      else if (e.key === '/') {
        e.preventDefault();
        go('search');
      } else if (e.key === 't') setTheme((t) => (t === 'dark' ? 'light' : 'dark'));
      else if (e.key === '?') setHelp((h) => !h);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const title = route.view === 'repo' && route.arg ? `Repo ${route.arg}` : route.view === 'todo' ? `Todo ${route.arg}` : NAV.find((n) => n.view === route.view)?.title ?? 'Inbox';
  useEffect(() => void (document.title = `${title} · Concord`), [title]);
  return (
    <div className="app">
      <nav className="side" aria-label="views">
        <div className="brand"><span className={`dot ${connected ? 'on' : ''}`} title={connected ? 'live: following /api/events' : 'reconnecting…'} />Concord</div>
        {NAV.map((n) => (
          <a key={n.view} className={`nav ${route.view === n.view ? 'active' : ''}`} href={href(n.view)}>
            {n.title} <kbd>g {n.key}</kbd>
          </a>
        ))}
        <div className="spacer" />
        <div className="foot">
          <button onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label="switch theme">{theme === 'dark' ? '☀ light theme' : '☾ dark theme'}</button>
          <button onClick={() => setHelp(true)}>? keyboard</button>
          <span>{connected ? 'live' : 'connecting…'}</span>
        </div>
      </nav>
      <main className="main">
        <header className="head"><h1>{title}</h1></header>
        <div className="content">
          {route.view === 'board' ? <Board route={route} />
            : route.view === 'graph' ? <Graph route={route} />
            : route.view === 'roadmap' ? <Roadmap />
            : route.view === 'repo' ? <RepoPage name={route.arg} />
            : route.view === 'runs' ? <Runs route={route} />
            : route.view === 'schedules' ? <Schedules />
            : route.view === 'search' ? <Search route={route} />
            : route.view === 'todo' && route.arg ? <Board route={route} />
            : <Inbox />}
        </div>
      </main>
      {route.view === 'todo' && route.arg && <TodoDrawer id={route.arg} onClose={() => history.back()} />}
      {help && <Help onClose={() => setHelp(false)} />}
      {needToken && <TokenPrompt />}
      <Toasts />
    </div>
  );
}
