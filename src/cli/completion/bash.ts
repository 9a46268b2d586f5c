// A bash completion script generated from the command tree (`source <(concord completion bash)`).
import { type CompletionCommand, flatten, offered } from './model.js';
import { commandKeyLoop, FILE_OPTIONS, optionPattern } from './walk.js';

const words = (list: readonly string[]) => list.join(' ').replace(/'/g, '');

export function bashCompletion(root: CompletionCommand, globals: readonly string[]): string {
  const all = flatten(root);
  const wordCases = all
    .map((c) => `    '${c.path.join(' ')}') opts='${words([...offered(c).flatMap((s) => s.names), ...c.options.flatMap((o) => o.names), ...(c.path.length ? globals : [])])}' ;;`)
    .join('\n');
  const valueCases = all.flatMap((c) => c.options.filter((o) => o.choices).map((o) => `    ${optionPattern(c, o)}) COMPREPLY=($(compgen -W '${words(o.choices!)}' -- "$cur")); return ;;`));
  return `# bash completion for concord; load with: source <(concord completion bash)
_concord() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" key='' w i skip=0
${commandKeyLoop(all, 'i = 1; i < COMP_CWORD; i++', '${COMP_WORDS[i]}')}
  case "$key|$prev" in
${valueCases.join('\n')}
  esac
  case "$prev" in
    ${FILE_OPTIONS}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  local opts=''
  case "$key" in
${wordCases}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _concord concord
`;
}
