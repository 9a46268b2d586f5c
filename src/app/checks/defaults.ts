// Defaults of a dependency-check run, in a module of their own so that surfaces can show them in help
// without loading the checks.

/** How many dependencies are checked at once. */
export const DEFAULT_CHECK_CONCURRENCY = 64;
/** The deadline of each probe, unless the dependency sets validation.timeout_ms. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
