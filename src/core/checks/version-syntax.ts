// Version and range spellings of each ecosystem, rewritten into the dialect the comparing library reads.
// Pure string work; the comparisons themselves (semver, PEP 440) happen in the app layer.
import type { VersionScheme } from './result.js';

/**
 * A Cargo requirement (`1.2`, `>=1.2, <2`, `=1.4.0`, `~1.2`) as an npm range. Cargo reads a bare version
 * as a caret requirement and separates comparators with commas; npm reads a bare version as exact.
 */
export function cargoToNpmRange(req: string): string {
  return req
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d/.test(part) ? `^${part}` : part.replace(/^=\s*/, '')))
    .join(' ');
}

/**
 * A Poetry constraint (`^1.2`, `~1.2.3`, `1.2.*`, `>=1,<2`, `*`) as a PEP 440 specifier. Poetry's caret
 * and tilde are not PEP 440; a bare version means exactly that version.
 */
export function poetryToPep440(req: string): string {
  const parts = req.split(',').map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '*') continue;
    const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
    if (caret) {
      const nums = caret[1]!.split('.').map(Number);
      const first = nums.findIndex((n) => n !== 0);
      const at = first === -1 ? nums.length - 1 : first;
      out.push(`>=${caret[1]}`, `<${bump(nums, at)}`);
    } else if (tilde) {
      const nums = tilde[1]!.split('.').map(Number);
      out.push(`>=${tilde[1]}`, `<${bump(nums, nums.length === 1 ? 0 : 1)}`);
    } else if (/^\d/.test(part)) {
      out.push(`==${part}`);
    } else {
      out.push(part);
    }
  }
  return out.join(',');
}

function bump(nums: readonly number[], at: number): string {
  return nums
    .slice(0, at + 1)
    .map((n, i) => (i === at ? n + 1 : n))
    .join('.');
}

/** `v1.2.3` (a git tag) -> `1.2.3`; other text as it is. */
export function stripVersionPrefix(tag: string): string {
  return tag.replace(/^(?:v|version[-_]?|release[-_]?)(?=\d)/i, '');
}

/** Operators only PEP 440 has: a constraint using one is compared with PEP 440 whatever its source. */
export function looksLikePep440(constraint: string): boolean {
  return /~=|===|==\s*\d[^,]*\.\*|(^|,)\s*[<>=!~]=?\s*\d[^,]*,/.test(constraint) || /(?:a|b|rc|\.post|\.dev)\d*\b/.test(constraint);
}

/** The scheme a version from `source` is compared with, when the source says nothing (VERSION, a git tag). */
export function schemeForConstraint(constraint: string): VersionScheme {
  return looksLikePep440(constraint) ? 'pep440' : 'semver';
}
