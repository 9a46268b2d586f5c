import { describe, expect, it } from 'vitest';
import { newestVersion, rangesIntersect, satisfiesConstraint } from './compare-versions.js';

describe('version constraints through semver and PEP 440', () => {
  it('evaluates npm ranges with semver, Cargo requirements the Cargo way, and Python specifiers with PEP 440', () => {
    expect(satisfiesConstraint('semver', '2.3.0', '>=2.1.0 <3')).toEqual({ ok: true, satisfies: true });
    expect(satisfiesConstraint('semver', '2.3.0-beta.1', '>=2.1.0')).toEqual({ ok: true, satisfies: false });
    expect(satisfiesConstraint('semver', '2.1', '^2.1.0')).toEqual({ ok: true, satisfies: true });
    expect(satisfiesConstraint('cargo', '1.4.0', '1.2')).toEqual({ ok: true, satisfies: true });
    expect(satisfiesConstraint('cargo', '2.0.0', '1.2')).toEqual({ ok: true, satisfies: false });
    expect(satisfiesConstraint('cargo', '1.4.0', '>=1.2, <1.4')).toEqual({ ok: true, satisfies: false });
    expect(satisfiesConstraint('pep440', '0.2.1', '~=0.2')).toEqual({ ok: true, satisfies: true });
    expect(satisfiesConstraint('pep440', '1.0.0rc1', '>=1.0')).toEqual({ ok: true, satisfies: false });
    expect(satisfiesConstraint('pep440', '1.0.post1', '==1.0.*')).toEqual({ ok: true, satisfies: true });
  });

  it('says which side it cannot read', () => {
    expect(satisfiesConstraint('semver', '1.0.0', 'newest please')).toEqual({ ok: false, unreadable: 'constraint', error: '"newest please" is not a valid semver (npm) range' });
    expect(satisfiesConstraint('pep440', 'banana', '>=1')).toEqual({ ok: false, unreadable: 'version', error: '"banana" is not a PEP 440 version' });
    expect(satisfiesConstraint('cargo', 'nightly', '1')).toEqual({ ok: false, unreadable: 'version', error: '"nightly" is not a semantic version' });
  });

  it('tells whether two ranges overlap', () => {
    expect(rangesIntersect('semver', '^1.4.0', '>=2.1.0')).toBe(false);
    expect(rangesIntersect('semver', '^2.0.0', '>=2.1.0')).toBe(true);
    expect(rangesIntersect('cargo', '1.2', '1.3')).toBe(true);
    expect(rangesIntersect('pep440', '>=0.2,<0.3', '>=0.3.0')).toBe(false);
    expect(rangesIntersect('pep440', '>=0.2,<0.3', '>=0.2.5')).toBe(true);
    expect(rangesIntersect('pep440', '~=1.4', '>=1.4.5,<1.5')).toBe(true);
    expect(rangesIntersect('pep440', '==1.2.3', '!=1.2.3')).toBe(false);
    expect(rangesIntersect('semver', 'file:../x', '>=1')).toBeUndefined();
  });

  it('finds the newest version among git tags, in version order', () => {
    expect(newestVersion(['v0.9.0', 'v1.10.0', 'v1.2.0', 'nightly'])).toEqual({ version: '1.10.0', raw: 'v1.10.0' });
    expect(newestVersion(['1.0rc1', '1.0', 'latest'])).toEqual({ version: '1.0', raw: '1.0' });
    expect(newestVersion(['nightly'])).toBeUndefined();
  });
});
