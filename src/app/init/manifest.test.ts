import { describe, expect, it } from 'vitest';
import { remoteUrlFromConfig, tomlName } from './manifest.js';

describe('reading a package name from TOML manifests', () => {
  it('takes name from the first section that has one, ignoring other sections', () => {
    const pyproject = '[tool.black]\nname = "not-this"\n\n[tool.poetry]\nname = "poetry-name"\n\n[project]\nversion = "1"\nname = \'pep621-name\'\n';
    expect(tomlName(pyproject, ['project', 'tool.poetry'])).toBe('pep621-name');
    expect(tomlName('[tool.poetry]\nname = "poetry-name"\n', ['project', 'tool.poetry'])).toBe('poetry-name');
    expect(tomlName('[package]\r\nname = "crate"\r\n', ['package'])).toBe('crate');
    expect(tomlName('[dependencies]\nname = "x"\n', ['package'])).toBeUndefined();
  });
});

describe('reading the remote URL from .git/config', () => {
  it('prefers origin, else the first remote; ignores other sections', () => {
    const config = '[core]\n\turl = nope\n[remote "upstream"]\n\turl = https://example.com/up.git\n[remote "origin"]\n\turl = git@example.com:me/fork.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
    expect(remoteUrlFromConfig(config)).toBe('git@example.com:me/fork.git');
    expect(remoteUrlFromConfig('[remote "upstream"]\n  url = https://example.com/up.git\n[branch "main"]\n  url = x\n')).toBe('https://example.com/up.git');
    expect(remoteUrlFromConfig('[core]\n\tbare = false\n')).toBeUndefined();
  });
});
