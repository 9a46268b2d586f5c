// Any program as an executor: the prompt on stdin, plain text out, exit 0 is its "result".
//
// A command has no event stream, so its result is its exit: 0 with the last lines of output as the
// summary, anything else an error. It can still say it needs a person (the CONCORD_NEEDS_INPUT:
// marker), and success is still verified (acceptance commands, a non-empty diff for code work).
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { newFacts, settle } from './stream.js';

export function textParser(): StreamParser {
  const facts = newFacts();
  const lines: string[] = [];
  return {
    facts,
    line(text) {
      if (!text.trim()) return;
      lines.push(text.trimEnd());
      if (lines.length > 20) lines.shift();
    },
    end({ code }) {
      facts.turns = Math.max(facts.turns, 1);
      // Killed by a signal (Concord's limits): a program without events has no result then.
      if (code === null) return settle(facts);
      const tail = lines.slice(-5).join('\n');
      facts.result = { is_error: code !== 0, text: tail };
      if (code !== 0) facts.errors.push(`exited with code ${code}${tail ? `: ${lines.at(-1)}` : ''}`);
      settle(facts);
    },
  };
}

export const command: ExecutorAdapter = {
  name: 'command',
  profile: {
    // Set by concord.yaml (`executors: { mine: { command: ./agent.sh } }`); the built-in has none to run.
    command: '',
    args: [],
    prompt: 'stdin',
    parser: 'text',
    exit_codes: {},
    env: {},
    pass_env: [],
    allowed_tools: [],
    session_from: 'stream',
  },
  parser: textParser,
};
