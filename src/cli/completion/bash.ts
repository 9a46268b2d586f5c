// A bash completion script generated from the command tree (`source <(concord completion bash)`).
import { type CompletionCommand, flatten, offered } from './model.js';

const words = (list: readonly string[]) => list.join(' ').replace(/'/g, '');

export function bashCompletion(root: CompletionCommand, globals: readonly string[]): string {
  const all = flatten(root);
  // Every way to reach a command (aliases too) maps to its canonical key.
  const keyCases = all
    .filter((c) => c.path.length)
    .map((c) => {
      const parent = c.path.slice(0, -1).join(' ');
      return c.names.map((n) => `      '${parent ? parent + ' ' : ''}${n}') key='${c.path.join(' ')}' ;;`).join('\n');
    })
    .join('\n');
  const wordCases = all
    .map((c) => `    '${c.path.join(' ')}') opts='${words([...offered(c).flatMap((s) => s.names), ...c.options.flatMap((o) => o.names), ...(c.path.length ? globals : [])])}' ;;`)
    .join('\n');
  const valueCases: string[] = [];
  for (const c of all) {
    for (const o of c.options) if (o.choices) valueCases.push(`    '${c.path.join(' ')}|${o.names.join(`'|'${c.path.join(' ')}|`)}') COMPREPLY=($(compgen -W '${words(o.choices)}' -- "$cur")); return ;;`);
  }
  const valueOpts = new Set(all.flatMap((c) => c.options.filter((o) => o.takesValue).flatMap((o) => o.names)));
  return `# bash completion for concord; load with: source <(concord completion bash)
_concord() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" key='' w i skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      ${[...valueOpts].join('|') || '--'}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "\${key:+$key }$w" in
${keyCases}
    esac
  done
  case "$key|$prev" in
${valueCases.join('\n')}
  esac
  case "$prev" in
    -f|--file|--input|-o|--output|--scan) COMPREPLY=($(compgen -f -- "$cur")); return ;;
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
