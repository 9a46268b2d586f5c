// A zsh completion script generated from the command tree (`source <(concord completion zsh)`).
import { type CompletionCommand, flatten, offered } from './model.js';

const q = (s: string) => s.replace(/'/g, "'\\''").replace(/:/g, '\\:').replace(/\[/g, '(').replace(/\]/g, ')');

export function zshCompletion(root: CompletionCommand, globals: readonly string[]): string {
  const all = flatten(root);
  const keyCases = all
    .filter((c) => c.path.length)
    .map((c) => {
      const parent = c.path.slice(0, -1).join(' ');
      return c.names.map((n) => `      '${parent ? parent + ' ' : ''}${n}') key='${c.path.join(' ')}' ;;`).join('\n');
    })
    .join('\n');
  const entryCases = all.map((c) => {
    const subs = offered(c).flatMap((s) => s.names.map((n) => `'${q(n)}:${q(s.description)}'`));
    const opts = [...c.options.flatMap((o) => o.names.map((n) => `'${q(n)}:${q(o.description)}'`)), ...(c.path.length ? globals.map((g) => `'${g}'`) : [])];
    return `    '${c.path.join(' ')}') subs=(${subs.join(' ')}); opts=(${opts.join(' ')}) ;;`;
  });
  const valueCases: string[] = [];
  for (const c of all) for (const o of c.options) if (o.choices) valueCases.push(`    '${c.path.join(' ')}|${o.names.join(`'|'${c.path.join(' ')}|`)}') compadd -- ${o.choices.join(' ')}; return ;;`);
  const valueOpts = new Set(all.flatMap((c) => c.options.filter((o) => o.takesValue).flatMap((o) => o.names)));
  return `#compdef concord
# zsh completion for concord; load with: source <(concord completion zsh)
_concord() {
  local key='' w i skip=0
  local -a subs opts
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      ${[...valueOpts].join('|') || '--'}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "\${key:+$key }$w" in
${keyCases}
    esac
  done
  case "$key|\${words[CURRENT-1]}" in
${valueCases.join('\n')}
  esac
  case "\${words[CURRENT-1]}" in
    -f|--file|--input|-o|--output|--scan) _files; return ;;
  esac
  case "$key" in
${entryCases.join('\n')}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then _describe 'option' opts; else _describe 'command' subs; fi
}
if [[ "\${funcstack[1]}" == _concord ]]; then _concord "$@"; else compdef _concord concord; fi
`;
}
