// What the bash and zsh scripts share: the shell loop that walks the words typed so far to the command they
// name (its `key`), and the case patterns that key options by command.
import { type CompletionCommand, type CompletionOption } from './model.js';

/** Options whose value is a path: both shells complete file names after them. */
export const FILE_OPTIONS = '-f|--file|--input|-o|--output|--scan';

/** `'todo list|--status'|'todo list|-s'`: the case pattern of "the word before is this option of this command". */
export function optionPattern(c: CompletionCommand, o: CompletionOption): string {
  const key = c.path.join(' ');
  return o.names.map((n) => `'${key}|${n}'`).join('|');
}

/**
 * The loop over the words before the cursor (`range` of the shell's `for ((...))`, `word` the i-th word): it
 * skips options and their values and sets `key` to the path of the command reached, aliases included.
 */
export function commandKeyLoop(all: readonly CompletionCommand[], range: string, word: string): string {
  const keyCases = all
    .filter((c) => c.path.length)
    .map((c) => {
      const parent = c.path.slice(0, -1).join(' ');
      return c.names.map((n) => `      '${parent ? parent + ' ' : ''}${n}') key='${c.path.join(' ')}' ;;`).join('\n');
    })
    .join('\n');
  const valueOpts = new Set(all.flatMap((c) => c.options.filter((o) => o.takesValue).flatMap((o) => o.names)));
  return `  for ((${range})); do
    w="${word}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      ${[...valueOpts].join('|') || '--'}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "\${key:+$key }$w" in
${keyCases}
    esac
  done`;
}
