// Input and output of the search use-case (CLI `concord search`, MCP `coord_search`).
import { z } from 'zod';
import { oneOrMany } from './schema/common.js';
import { SEARCH_KINDS } from './search-documents.js';
import { lazySchema } from './on-first-use.js';

export const SearchInputSchema = lazySchema(() => z.object({
  query: z.string().trim().min(1, 'give some words to search for').max(1_000).describe('Words (stemmed: "blocking" finds "blocked"), "quoted phrases", prefix*'),
  kind: oneOrMany(z.enum(SEARCH_KINDS)).optional().describe('Only these kinds of result'),
  repo: z.string().trim().min(1).optional().describe('Only results about this repo'),
  limit: z.number().int().min(1).max(200).default(20),
}));
export type SearchInput = z.input<typeof SearchInputSchema>;

export const SearchResultSchema = lazySchema(() => z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string().describe('The item (a note`s todo, an event`s entity)'),
  title: z.string(),
  snippet: z.string().describe('The best matching passage, matched words in **bold**'),
  repos: z.array(z.string()),
  at: z.string().nullable(),
  ref: z.string().nullable().describe('A note`s position in its todo, an event`s sequence number'),
  score: z.number().describe('Relevance (bm25); higher is better'),
}));

export const SearchSchema = lazySchema(() => z.object({
  query: z.string(),
  /** `all` when every word matched somewhere; `any` when no result had them all and any word counts. */
  match: z.enum(['all', 'any']),
  total: z.number().int(),
  results: z.array(SearchResultSchema),
}));
export type SearchResults = z.infer<typeof SearchSchema>;
