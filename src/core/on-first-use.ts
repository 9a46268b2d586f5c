// Values built when first asked for: the zod schemas of concord.yaml's settings, jobs and activities, which
// cost ~25 ms to build at every start and which a read with no concord.yaml never parses (docs/performance.md).

/** A function that builds the value on its first call and returns the same value after. */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
