// A fish completion script generated from the command tree (`concord completion fish | source`).
import { type CompletionCommand, flatten, offered } from './model.js';

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishCompletion(root: CompletionCommand): string {
  const lines = ['# fish completion for concord; load with: concord completion fish | source', 'complete -c concord -f'];
  const condition = (c: CompletionCommand) => {
    if (c.path.length === 0) return '__fish_use_subcommand';
    // Inside `c`: every word of its path was typed, and none of its subcommands yet.
    const seen = c.path.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and ');
    const subs = offered(c).flatMap((s) => s.names);
    return subs.length ? `${seen}; and not __fish_seen_subcommand_from ${subs.join(' ')}` : seen;
  };
  for (const c of flatten(root).filter((x) => !x.hidden)) {
    const cond = condition(c);
    for (const s of offered(c)) for (const n of s.names) lines.push(`complete -c concord -n ${q(cond)} -a ${q(n)} -d ${q(s.description)}`);
    for (const o of c.options) {
      const long = o.names.find((n) => n.startsWith('--'))?.slice(2);
      const short = o.names.find((n) => /^-[^-]$/.test(n))?.slice(1);
      const parts = ['complete -c concord'];
      if (c.path.length) parts.push(`-n ${q(c.path.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and '))}`);
      if (long) parts.push(`-l ${long}`);
      if (short) parts.push(`-s ${short}`);
      if (o.takesValue) parts.push('-r');
      if (o.choices) parts.push(`-a ${q(o.choices.join(' '))}`);
      parts.push(`-d ${q(o.description)}`);
      lines.push(parts.join(' '));
    }
  }
  return lines.join('\n') + '\n';
}
