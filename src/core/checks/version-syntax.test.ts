import { describe, expect, it } from 'vitest';
import { normalizePythonName, parseRequirement, pinnedVersion } from './requirements.js';
import { cargoToNpmRange, poetryToPep440, schemeForConstraint, stripVersionPrefix } from './version-syntax.js';

describe('version syntax of each ecosystem', () => {
  it('reads Cargo requirements as npm ranges (bare = caret, commas = and)', () => {
    expect(cargoToNpmRange('1.2')).toBe('^1.2');
    expect(cargoToNpmRange('>=1.2, <2')).toBe('>=1.2 <2');
    expect(cargoToNpmRange('=1.4.0')).toBe('1.4.0');
    expect(cargoToNpmRange('~1.2')).toBe('~1.2');
  });

  it("reads Poetry's caret and tilde as PEP 440", () => {
    expect(poetryToPep440('^1.2.3')).toBe('>=1.2.3,<2');
    expect(poetryToPep440('^0.2')).toBe('>=0.2,<0.3');
    expect(poetryToPep440('^0.0.3')).toBe('>=0.0.3,<0.0.4');
    expect(poetryToPep440('~1.2.3')).toBe('>=1.2.3,<1.3');
    expect(poetryToPep440('1.4')).toBe('==1.4');
    expect(poetryToPep440('>=1,<2')).toBe('>=1,<2');
    expect(poetryToPep440('*')).toBe('');
  });

  it('reads PEP 508 requirements and normalizes names', () => {
    expect(parseRequirement('Oneiric[extra] >= 0.2, <1 ; python_version > "3.8"')).toEqual({ name: 'oneiric', specifier: '>=0.2,<1' });
    expect(parseRequirement('my_pkg.core==1.2.3  # pinned')).toEqual({ name: 'my-pkg-core', specifier: '==1.2.3' });
    expect(parseRequirement('pkg @ https://example.com/pkg.whl')).toEqual({ name: 'pkg', specifier: '', url: 'https://example.com/pkg.whl' });
    expect(parseRequirement('-r base.txt')).toBeUndefined();
    expect(parseRequirement('# comment')).toBeUndefined();
    expect(pinnedVersion('==1.2.3')).toBe('1.2.3');
    expect(pinnedVersion('>=1.2')).toBeUndefined();
    expect(normalizePythonName('Foo__Bar.baz')).toBe('foo-bar-baz');
  });

  it('picks PEP 440 for constraints only PEP 440 can mean', () => {
    expect(schemeForConstraint('>=1.2.0')).toBe('semver');
    expect(schemeForConstraint('~=1.2')).toBe('pep440');
    expect(schemeForConstraint('>=1.0,<2')).toBe('pep440');
    expect(schemeForConstraint('>=1.0rc1')).toBe('pep440');
    expect(stripVersionPrefix('v1.2.3')).toBe('1.2.3');
    expect(stripVersionPrefix('release-2.0')).toBe('2.0');
    expect(stripVersionPrefix('vacation')).toBe('vacation');
  });
});
