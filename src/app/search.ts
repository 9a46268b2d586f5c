// The search use-case: ranked full-text search over issues, plans, milestones, todos, notes and events.
import { buildMatchExpression, type MatchMode } from '../core/search-query.js';
import { SearchInputSchema, type SearchResults } from '../core/search-schemas.js';
import { ConcordError } from '../core/errors.js';
import type { SearchHit } from '../state/search-store.js';
import { parseInput } from './input.js';
import { resolveRepo } from './queries.js';
import { ensureSearchInStep } from './search-sync.js';
import { subgraph } from './subgraph.js';
import type { Workspace } from './workspace.js';

// Control characters cannot occur in indexed text, so they mark matches safely until they become `**`.
const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * Every word must match (stemmed); when nothing matches them all, results that match any of them are
 * returned instead, and `match` says so.
 */
export async function search(ws: Workspace, input: unknown): Promise<SearchResults> {
  const q = parseInput(SearchInputSchema, input, 'search');
  if (!buildMatchExpression(q.query, 'all')) {
    throw new ConcordError('INVALID_INPUT', `the query ${JSON.stringify(q.query)} holds no word to search for`, { hint: 'search for words or numbers, e.g. "flaky login"' });
  }
  const loaded = await ensureSearchInStep(ws);
  const repo = q.repo ? resolveRepo(subgraph(ws, loaded, []), q.repo).name : undefined;
  const run = (mode: MatchMode) =>
    ws.search.search({ match: buildMatchExpression(q.query, mode)!, ...(q.kind ? { kinds: q.kind } : {}), ...(repo ? { repo } : {}), limit: q.limit, open: OPEN, close: CLOSE });
  let match: MatchMode = 'all';
  let found = run('all');
  if (found.total === 0 && /\s/.test(q.query.trim())) {
    match = 'any';
    found = run('any');
  }
  return { query: q.query, match, total: found.total, results: found.hits.map(toResult) };
}

function toResult(h: SearchHit): SearchResults['results'][number] {
  const snippet = h.snippet.replace(/\s+/g, ' ').trim().replaceAll(OPEN, '**').replaceAll(CLOSE, '**');
  return { kind: h.kind, id: h.id, title: h.label, snippet, repos: h.repos, at: h.at, ref: h.ref, score: Math.round(-h.rank * 1000) / 1000 };
}
