/** elkjs's worker source (elk-worker.min.js) with the layered algorithm only (scripts/elk-layered.mjs). */
export function layeredOnly(source: string): string;
