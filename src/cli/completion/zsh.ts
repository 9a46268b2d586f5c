// A zsh completion script generated from the command tree (`source <(concord completion zsh)`).
import { type CompletionCommand, flatten, offered } from './model.js';
import { commandKeyLoop, FILE_OPTIONS, optionPattern } from './walk.js';

const q = (s: string) => s.replace(/'/g, "'\\''").replace(/:/g, '\\:').replace(/\[/g, '(').replace(/\]/g, ')');

export function zshCompletion(root: CompletionCommand, globals: readonly string[]): string {
  const all = flatten(root);
  const entryCases = all.map((c) => {
    const subs = offered(c).flatMap((s) => s.names.map((n) => `'${q(n)}:${q(s.description)}'`));
    const opts = [...c.options.flatMap((o) => o.names.map((n) => `'${q(n)}:${q(o.description)}'`)), ...(c.path.length ? globals.map((g) => `'${g}'`) : [])];
    return `    '${c.path.join(' ')}') subs=(${subs.join(' ')}); opts=(${opts.join(' ')}) ;;`;
  });
  const valueCases = all.flatMap((c) => c.options.filter((o) => o.choices).map((o) => `    ${optionPattern(c, o)}) compadd -- ${o.choices!.join(' ')}; return ;;`));
  return `#compdef concord
# zsh completion for concord; load with: source <(concord completion zsh)
_concord() {
  local key='' w i skip=0
  local -a subs opts
${commandKeyLoop(all, 'i = 2; i < CURRENT; i++', '${words[i]}')}
  case "$key|\${words[CURRENT-1]}" in
${valueCases.join('\n')}
  esac
  case "\${words[CURRENT-1]}" in
    ${FILE_OPTIONS}) _files; return ;;
  esac
  case "$key" in
${entryCases.join('\n')}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then _describe 'option' opts; else _describe 'command' subs; fi
}
if [[ "\${funcstack[1]}" == _concord ]]; then _concord "$@"; else compdef _concord concord; fi
`;
}
