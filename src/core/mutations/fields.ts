// Turning an update input into the fields that really change.
import { sameValue } from '../diff.js';

/**
 * Fields of `input` whose value differs from `before`; `null` means "clear" and becomes undefined.
 * Keys in `ignore` (flags such as `force`) are not fields.
 */
export function changedFields(
  before: Record<string, unknown>,
  input: Record<string, unknown>,
  ignore: readonly string[] = [],
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw === undefined || ignore.includes(key)) continue;
    const value = raw === null ? undefined : raw;
    const old = before[key];
    const bothEmpty = (value === undefined || (Array.isArray(value) && value.length === 0)) && (old === undefined || (Array.isArray(old) && old.length === 0));
    if (bothEmpty || sameValue(old, value)) continue;
    set[key] = value;
  }
  return set;
}
