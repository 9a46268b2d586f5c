// Values built when first asked for: the zod schemas of records, settings, jobs and activities, which cost
// ~5-25 ms to build at every start and which a read answered from the index never parses (docs/performance.md).

/** A function that builds the value on its first call and returns the same value after. */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** The schema each stand-in of lazySchema builds. */
const realOf = new WeakMap<object, () => object>();

/** Schemas whose insides hold no stand-in (each is looked through once). */
const unwrapped = new WeakSet<object>();

/** The fields of a zod definition that hold schemas (the inner type of an optional, a shape's fields, a union's options...). */
const INNER = ['innerType', 'options', 'in', 'out', 'shape', 'keyType', 'valueType', 'rest', 'catchall', 'left', 'right', 'element', 'items'];

/**
 * Puts the real schemas in place of their stand-ins inside what `schema` was built from: zod keys its JSON Schema
 * conversion by the schema objects themselves (a stand-in would be an unknown key), and parsing then goes
 * straight to the field's schema.
 */
function unwrapInside(schema: object): void {
  if (unwrapped.has(schema)) return;
  unwrapped.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return;
  const visit = (holder: Record<string | number, unknown>, key: string | number): void => {
    const d = Object.getOwnPropertyDescriptor(holder, key);
    // A getter (a field of a recursive schema) stays as it is; an object's shape is one that zod fixes on first read.
    const value: unknown = d && ('value' in d ? d.value : key === 'shape' && holder === def ? holder[key] : undefined);
    if (!value || typeof value !== 'object') return;
    const real = realOf.get(value);
    if (real) holder[key] = real();
    else if ('_zod' in value) unwrapInside(value);
    else if (Array.isArray(value) || key === 'shape') for (const k of Object.keys(value)) visit(value as Record<string, unknown>, k);
  };
  for (const key of INNER) visit(def, key);
}

/**
 * The schema itself, where `schema` may be a stand-in of lazySchema, with no stand-in inside it either (what zod's
 * JSON Schema conversion needs: a schema made at a module's top may hold one).
 */
export function realSchema<T extends object>(schema: T): T {
  const real = (realOf.get(schema)?.() as T | undefined) ?? schema;
  unwrapInside(real);
  return real;
}

/**
 * A zod schema built when first used, standing for it in every other way (its fields and methods, `instanceof`,
 * its description), so a module can export one as it would the schema itself. What is built from it inside
 * another lazySchema is built only when that one is.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let real: T | undefined;
  const proxy: T = new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    defineProperty: (_, key, d) => Reflect.defineProperty(schema(), key, d),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Configurable: the stand-in object itself has none of these properties.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
  function schema(): T {
    if (real === undefined) {
      real = build();
      unwrapInside(real);
    }
    return real;
  }
  realOf.set(proxy, schema);
  return proxy;
}

/** How many times each schema was given to `parseOptions`. */
const parses = new WeakMap<object, number>();
/** The parses of a schema before zod may compile its parser: a write parses a few, a first index thousands. */
const COMPILE_AFTER = 100;
const JITLESS = { jitless: true } as const;

/**
 * The options of a parse of `schema`: zod compiles a parser for an object schema (with `new Function`) on its
 * first parse, which pays over the thousands of records of a first index (~12% faster) but costs a command that
 * parses a few (a write: its input and its records) more than it saves (~2 ms). The first parses skip it.
 */
export function parseOptions(schema: object): { jitless: true } | undefined {
  const n = (parses.get(schema) ?? 0) + 1;
  if (n <= COMPILE_AFTER) parses.set(schema, n);
  return n <= COMPILE_AFTER ? JITLESS : undefined;
}
