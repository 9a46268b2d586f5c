// A validation command split into a pipeline of argv lists, the way a shell would, without running a shell.
//
// Supported: words, 'single' and "double" quotes, backslash escapes, and `|` between stages (the seed's
// `pip show oneiric | grep Version`). Everything else a shell does (`;`, `&&`, redirections, `$VAR`,
// `*` globs, backticks), when not quoted, is refused with a message, rather than passed on literally and misunderstood.

export type Pipeline = string[][];

export type ParsedCommand = { ok: true; stages: Pipeline } | { ok: false; error: string };

const OPERATORS: Record<string, string> = {
  ';': 'a `;` sequence',
  '&': 'a background `&` or `&&`',
  '>': 'a redirection `>`',
  '<': 'a redirection `<`',
  '`': 'a backtick substitution',
  '(': 'a subshell `(`',
  ')': 'a subshell `)`',
  '*': 'a glob `*`',
};

export function parseCommandLine(text: string): ParsedCommand {
  const stages: Pipeline = [];
  let argv: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (word !== undefined) argv.push(word);
    word = undefined;
  };
  const endStage = (): string | undefined => {
    endWord();
    if (argv.length === 0) return 'a `|` has no command on one side';
    stages.push(argv);
    argv = [];
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word = (word ?? '') + c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word = (word ?? '') + text[++i];
      else if (c === '$' || c === '`') return { ok: false, error: `"${c}" inside double quotes would need a shell; quote it with single quotes` };
      else word = (word ?? '') + c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      if (i + 1 >= text.length) return { ok: false, error: 'the command ends with a lone backslash' };
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '|') {
      if (text[i + 1] === '|') return { ok: false, error: '`||` needs a shell; only `|` pipes between stages are supported' };
      const problem = endStage();
      if (problem) return { ok: false, error: problem };
    } else if (c === '$') {
      return { ok: false, error: '`$` (variables, substitutions) needs a shell; write the value out, or quote it with single quotes' };
    } else if (OPERATORS[c]) {
      return { ok: false, error: `${OPERATORS[c]} needs a shell; only \`|\` pipes between stages are supported (wrap it in a script and run that)` };
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) return { ok: false, error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  const problem = endStage();
  if (problem) return { ok: false, error: stages.length === 0 && argv.length === 0 && text.trim() === '' ? 'the command is empty' : problem };
  return { ok: true, stages };
}
