/** elkjs's worker source (elk-worker.min.js) with what the dashboard's layouts use only (scripts/elk-layered.mjs). */
export function layeredOnly(source: string): string;
/** What the worker cannot make, by the option that would select it. */
export const CUT: Record<string, string[]>;
/** The classes of CUT, fully named (org.eclipse.elk.alg.layered....). */
export const CUT_CLASSES: string[];
