import { describe, expect, it } from 'vitest';
import { resolveExecutor } from './index.js';
import { buildArgv } from './profile.js';

describe('buildArgv', () => {
  it('fills placeholders word by word and leaves out groups without a value', () => {
    expect(buildArgv(['-p', ['--max-turns', '{max_turns}'], ['--model', '{model}'], '--x={run}'], { max_turns: '5', run: 'RUN-1' })).toEqual(['-p', '--max-turns', '5', '--x=RUN-1']);
  });
  it('never splits a value into words', () => {
    expect(buildArgv(['{model}'], { model: 'a b; rm -rf /' })).toEqual(['a b; rm -rf /']);
  });
});

describe('resolveExecutor', () => {
  it('merges concord.yaml over the built-in', () => {
    const p = resolveExecutor('claude', { claude: { model: 'opus', pass_env: ['MY_*'] } });
    expect(p).toMatchObject({ name: 'claude', command: 'claude', model: 'opus', parser: 'claude' });
    expect(p.pass_env).toEqual(expect.arrayContaining(['ANTHROPIC_*', 'MY_*']));
  });
  it('a new name extends `command` and needs a program', () => {
    expect(resolveExecutor('mine', { mine: { command: './agent.sh' } })).toMatchObject({ command: './agent.sh', parser: 'text', prompt: 'stdin' });
    expect(() => resolveExecutor('mine', { mine: {} })).toThrow(expect.objectContaining({ code: 'INVALID_SETTINGS', message: expect.stringContaining('executors.mine.command') }));
  });
  it('names what is wrong and the fix', () => {
    expect(() => resolveExecutor('claud', {})).toThrow(expect.objectContaining({ code: 'EXECUTOR_NOT_FOUND', hint: 'did you mean "claude"?' }));
    expect(() => resolveExecutor('x', { x: { command: 'x', parser: 'nope' } })).toThrow(expect.objectContaining({ message: expect.stringContaining('executors.x.parser: unknown parser "nope"') }));
    expect(() => resolveExecutor('x', { x: { command: 'x', args: ['{prompt}'] } })).toThrow(expect.objectContaining({ message: expect.stringContaining('{prompt} is only allowed with prompt: arg') }));
    expect(() => resolveExecutor('x', { x: { command: 'x', args: ['{secret}'] } })).toThrow(expect.objectContaining({ message: expect.stringContaining('unknown placeholder {secret}') }));
  });
});
