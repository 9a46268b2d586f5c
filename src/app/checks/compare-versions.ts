// Version constraints evaluated by the libraries each ecosystem trusts: semver (npm, Cargo), PEP 440 (Python).
import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { VersionScheme } from '../../core/checks/result.js';
import { cargoToNpmRange, stripVersionPrefix } from '../../core/checks/version-syntax.js';

/** `unreadable` says which side could not be read: the constraint (the record is wrong) or the version. */
export type Satisfaction = { ok: true; satisfies: boolean } | { ok: false; unreadable: 'constraint' | 'version'; error: string };

const SCHEME_NAME: Record<VersionScheme, string> = { semver: 'semver (npm) range', cargo: 'Cargo version requirement', pep440: 'PEP 440 specifier' };

function npmRange(scheme: VersionScheme, range: string): string | null {
  return semver.validRange(scheme === 'cargo' ? cargoToNpmRange(range) : range);
}

/** A version as semver reads it; `2.1` (a VERSION file, a Cargo shorthand) as 2.1.0. */
function semverOf(version: string): string | null {
  return semver.valid(version) ?? semver.valid(semver.coerce(version, { includePrerelease: true }));
}

/** Whether `version` satisfies `constraint` under `scheme`; an error when either cannot be read. */
export function satisfiesConstraint(scheme: VersionScheme, version: string, constraint: string): Satisfaction {
  if (scheme === 'pep440') {
    if (!pep440.validRange(constraint)) return { ok: false, unreadable: 'constraint', error: `"${constraint}" is not a valid ${SCHEME_NAME.pep440}` };
    if (!pep440.valid(version)) return { ok: false, unreadable: 'version', error: `"${version}" is not a PEP 440 version` };
    return { ok: true, satisfies: pep440.satisfies(version, constraint) };
  }
  const range = npmRange(scheme, constraint);
  if (range === null) return { ok: false, unreadable: 'constraint', error: `"${constraint}" is not a valid ${SCHEME_NAME[scheme]}` };
  const v = semverOf(version);
  if (v === null) return { ok: false, unreadable: 'version', error: `"${version}" is not a semantic version` };
  return { ok: true, satisfies: semver.satisfies(v, range) };
}

/**
 * Whether some version satisfies both ranges; undefined when either cannot be read. semver answers
 * exactly; for PEP 440, which has no such operation, the versions either range names (and their
 * neighbours) are tried, which finds every overlap of the ranges people write.
 */
export function rangesIntersect(scheme: VersionScheme, a: string, b: string): boolean | undefined {
  if (scheme !== 'pep440') {
    const ra = npmRange(scheme, a);
    const rb = npmRange(scheme, b);
    if (ra === null || rb === null) return undefined;
    return semver.intersects(ra, rb);
  }
  if (!pep440.validRange(a) || !pep440.validRange(b)) return undefined;
  const named = [...`${a},${b}`.matchAll(/(\d+(?:\.\d+)*)/g)].map((m) => m[1]!);
  const candidates = new Set<string>();
  for (const v of named) {
    const parts = v.split('.').map(Number);
    candidates.add(v);
    candidates.add(`${v}.1`);
    candidates.add(`${v}.post1`);
    for (let i = 0; i < parts.length; i++) candidates.add(parts.slice(0, i + 1).map((n, j) => (j === i ? n + 1 : n)).join('.'));
  }
  candidates.add('0');
  for (const c of candidates) if (pep440.valid(c) && pep440.satisfies(c, a) && pep440.satisfies(c, b)) return true;
  return false;
}

/** Newest first: versions that either scheme reads (git tags), ignoring the rest. */
export function newestVersion(versions: readonly string[]): { version: string; raw: string } | undefined {
  const sem = versions.flatMap((raw) => {
    const v = semver.valid(stripVersionPrefix(raw));
    return v ? [{ version: v, raw }] : [];
  });
  if (sem.length) return sem.sort((x, y) => semver.rcompare(x.version, y.version))[0];
  const py = versions.flatMap((raw) => {
    const v = pep440.valid(stripVersionPrefix(raw));
    return v ? [{ version: v, raw }] : [];
  });
  return py.sort((x, y) => pep440.rcompare(x.version, y.version))[0];
}
