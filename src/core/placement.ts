// Where the sections of ecosystem.yaml must be: a section written in the wrong place, or a key one typo away
// from a section name, would otherwise be ignored in silence and its records left out of every answer.
// These are file-level diagnostics (no `section`): they count in the file's summary, so every answer warns.
import type { Diagnostic, Position } from './diagnostics.js';
import { editDistance } from './errors.js';
import { SECTIONS, SECTION_NAMES } from './sections.js';

/** A mapping key of the document's first two levels: at the top, or a child of `coordination:`. */
export interface WrittenKey {
  key: string;
  parent: 'top' | 'coordination';
  /** Where the key is (computed only for a key with a problem: finding a line in a large file costs). */
  position: () => Position;
  /** The value is a sequence (it holds records). */
  list: boolean;
}

const TOP = SECTION_NAMES.filter((s) => SECTIONS[s].path.length === 1);
const NESTED = SECTION_NAMES.filter((s) => SECTIONS[s].path.length === 2);

/**
 * Errors for sections Concord would not read: `todos:` at the top level, `repos:` under `coordination:`,
 * and lists under keys a typo away from a section name (`todo:`, `reposs:`, `dependancies:`). Other keys
 * are the author's own.
 */
export function placementProblems(keys: readonly WrittenKey[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const k of keys) {
    const here = k.parent === 'top' ? TOP : NESTED;
    const there = k.parent === 'top' ? NESTED : TOP;
    if ((here as readonly string[]).includes(k.key) || (k.parent === 'top' && k.key === 'coordination')) continue;
    if ((there as readonly string[]).includes(k.key)) {
      out.push({
        severity: 'error',
        code: 'MISPLACED_SECTION',
        message: `"${k.key}" is ${k.parent === 'top' ? 'at the top level' : 'under coordination:'}, where Concord does not read it: its records are left out`,
        fix: k.parent === 'top' ? `indent the "${k.key}:" block under "coordination:" (add "coordination:" above it if the file has none)` : `move the "${k.key}:" block to the top level, without indentation`,
        ...k.position(),
      });
      continue;
    }
    const candidates: readonly string[] = k.parent === 'top' ? [...here, 'coordination'] : here;
    const near = k.list ? candidates.find((c) => isTypoOf(k.key.toLowerCase(), c)) : undefined;
    if (near) {
      out.push({
        severity: 'error',
        code: 'UNKNOWN_SECTION',
        message: `"${k.key}" is not a section Concord reads: its content is ignored`,
        fix: `did you mean "${near}"? rename the key`,
        ...k.position(),
      });
    }
  }
  return out;
}

/**
 * A short name is mistyped as its singular or with a letter too many (`todo`, `reposs`), not as another
 * word (`rules` is not `roles`); a long one within two edits (`dependancies`, `cordination`).
 */
function isTypoOf(key: string, section: string): boolean {
  if (section.length > 5) return editDistance(key, section) <= 2;
  return editDistance(key, section) <= 1 && (key.startsWith(section) || section.startsWith(key));
}
