// Aider: `aider --message-file FILE --yes-always`, no JSON output; the text stream is parsed.
//
// Aider prints "Tokens: 2.3k sent, 150 received. Cost: $0.01 message, $0.05 session." after each
// exchange (base_coder.py) and exits 0 even on fatal API errors (Aider-AI/aider#5552), so an error
// line (litellm, APIError, AuthenticationError) makes the result an error whatever the exit code.
// No sessions: a resume runs again in the same worktree.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { newFacts, noteError, settle } from './stream.js';

const TOKENS = /Tokens:\s*([\d.]+)(k?)\s*sent,\s*([\d.]+)(k?)\s*received/i;
const COST = /Cost:\s*\$([\d.]+)\s*message,\s*\$([\d.]+)\s*session/i;
const ERROR = /(litellm\.\w+Error|APIError|AuthenticationError|RateLimitError|APIConnectionError|ServiceUnavailableError|InternalServerError)\b.*$/i;

const count = (n: string, k: string) => Math.round(Number(n) * (k ? 1000 : 1));
const summaryOf = (lines: readonly string[]) => lines.filter((l) => !TOKENS.test(l)).slice(-5).join('\n');

export function aiderParser(): StreamParser {
  const facts = newFacts();
  const lines: string[] = [];
  let failed: string | undefined;
  return {
    facts,
    line(text) {
      const t = TOKENS.exec(text);
      // Output after an exchange ended means another exchange: the provisional result no longer holds.
      if (!t && text.trim() && facts.result) delete facts.result;
      if (t) {
        facts.turns++;
        facts.tokens.input += count(t[1]!, t[2]!);
        facts.tokens.output += count(t[3]!, t[4]!);
      }
      const c = COST.exec(text);
      if (c) facts.cost_usd = Number(c[2]);
      const err = ERROR.exec(text);
      if (err) {
        failed = err[0].trim();
        noteError(facts, failed);
      }
      if (text.trim()) lines.push(text.trimEnd());
      if (lines.length > 20) lines.shift();
      // Each exchange ends with its tokens line: that is the result, unless more output follows.
      if (t) facts.result = failed ? { is_error: true, text: failed } : { is_error: false, text: summaryOf(lines) };
    },
    end({ code }) {
      // Killed by a signal (Concord's limits): only an exchange that finished counts as a result.
      if (code !== null) facts.result = failed ? { is_error: true, text: failed } : { is_error: code !== 0, text: summaryOf(lines) };
      else if (failed) facts.result = { is_error: true, text: failed };
      settle(facts);
    },
  };
}

export const aider: ExecutorAdapter = {
  name: 'aider',
  profile: {
    command: 'aider',
    args: ['--message-file', '{prompt_file}', '--yes-always', '--no-pretty', '--no-stream', '--no-check-update', ['--model', '{model}']],
    prompt: 'file',
    parser: 'aider',
    exit_codes: {},
    env: {},
    pass_env: ['AIDER_*', 'ANTHROPIC_*', 'OPENAI_*', 'GEMINI_*', 'OPENROUTER_*', 'DEEPSEEK_*'],
    allowed_tools: [],
    session_from: 'stream',
  },
  parser: aiderParser,
};
