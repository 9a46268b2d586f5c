// Parsers for option values: lists, enums (with legacy spellings and a nearest-match hint), hours, numbers, JSON.
import { InvalidArgumentError, Option } from 'commander';
import { resolveEnumAlias, VALUE_ALIASES, type ValueAliasTable } from '../core/enums.js';
import { suggest } from '../core/errors.js';
import { parseHours } from '../core/hours.js';

/** `a,b` and repeated flags both add to the list: `--repo api,web --repo lib`. */
export function list(value: string, previous: string[] | undefined): string[] {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  return [...(previous ?? []), ...parts];
}

/** A repeatable option whose values may contain commas (acceptance criteria, deliverables). */
export function repeat(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function checkEnum(value: string, allowed: readonly string[], aliases?: ValueAliasTable): string {
  const canonical = aliases ? String(resolveEnumAlias(aliases, value)) : value.trim();
  if (allowed.includes(canonical)) return canonical;
  // A typo of a legacy spelling (`fixd`) is answered with the canonical value it stands for.
  const spellings = aliases ? [...allowed, ...Object.keys(VALUE_ALIASES[aliases])] : allowed;
  const near = suggest(value, spellings);
  const guess = near !== undefined && aliases ? String(resolveEnumAlias(aliases, near)) : near;
  throw new InvalidArgumentError(`${guess ? `Did you mean "${guess}"? ` : ''}Allowed: ${allowed.join(', ')}.`);
}

/** An option taking one value of `allowed` (legacy spellings such as P1 or done are accepted). */
export function enumOption(flags: string, description: string, allowed: readonly string[], aliases?: ValueAliasTable): Option {
  const o = new Option(flags, description).argParser((v: string) => checkEnum(v, allowed, aliases));
  o.argChoices = [...allowed];
  return o;
}

/** An option taking one or more values of `allowed`, comma-separated or repeated. */
export function enumListOption(flags: string, description: string, allowed: readonly string[], aliases?: ValueAliasTable): Option {
  const o = new Option(flags, description).argParser((v: string, prev: string[] | undefined) => [
    ...(prev ?? []),
    ...list(v, undefined).map((x) => checkEnum(x, allowed, aliases)),
  ]);
  o.argChoices = [...allowed];
  return o;
}

/** `4`, `4.5`, `3d`, `2h`, `90m`, `1w` -> hours. */
export function hours(value: string): number {
  const h = parseHours(value);
  if (h === undefined) throw new InvalidArgumentError('use hours (4, 2.5) or a duration (90m, 3d, 1w).');
  return h;
}

export function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('use a whole number (0 or more).');
  return n;
}

export function statusCode(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 599) throw new InvalidArgumentError('use an HTTP status code (100-599).');
  return n;
}

/** A JSON object, for metadata. */
export function jsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new InvalidArgumentError(`not valid JSON (${(e as Error).message}).`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError('use a JSON object, e.g. \'{"team":"core"}\'.');
  return parsed as Record<string, unknown>;
}
