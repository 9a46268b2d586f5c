import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line.js';

describe('parseCommandLine', () => {
  it('splits words and pipeline stages like a shell would', () => {
    expect(parseCommandLine('pip show oneiric | grep Version')).toEqual({ ok: true, stages: [['pip', 'show', 'oneiric'], ['grep', 'Version']] });
    expect(parseCommandLine(`node -e "console.log('a b')" |grep 'x  y'`)).toEqual({ ok: true, stages: [['node', '-e', "console.log('a b')"], ['grep', 'x  y']] });
    expect(parseCommandLine(`echo "say \\"hi\\"" a\\ b '' "$"`)).toMatchObject({ ok: false });
    expect(parseCommandLine(`echo "say \\"hi\\"" a\\ b ''`)).toEqual({ ok: true, stages: [['echo', 'say "hi"', 'a b', '']] });
    expect(parseCommandLine("grep -E '^Version: [0-9]+$' file")).toEqual({ ok: true, stages: [['grep', '-E', '^Version: [0-9]+$', 'file']] });
  });

  it('refuses what only a shell can do, saying what and why', () => {
    expect(parseCommandLine('make && make test')).toEqual({ ok: false, error: 'a background `&` or `&&` needs a shell; only `|` pipes between stages are supported (wrap it in a script and run that)' });
    expect(parseCommandLine('a || b')).toMatchObject({ ok: false, error: expect.stringContaining('`||` needs a shell') });
    expect(parseCommandLine('cat x > y')).toMatchObject({ ok: false, error: expect.stringContaining('redirection') });
    expect(parseCommandLine('echo $HOME')).toMatchObject({ ok: false, error: expect.stringContaining('`$`') });
    expect(parseCommandLine('ls *.txt')).toMatchObject({ ok: false, error: expect.stringContaining('glob') });
    expect(parseCommandLine('echo "unclosed')).toEqual({ ok: false, error: 'a double quote is not closed' });
    expect(parseCommandLine('a | | b')).toEqual({ ok: false, error: 'a `|` has no command on one side' });
    expect(parseCommandLine('a |')).toEqual({ ok: false, error: 'a `|` has no command on one side' });
    expect(parseCommandLine('   ')).toEqual({ ok: false, error: 'the command is empty' });
  });
});
