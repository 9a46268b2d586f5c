// Gemini CLI: `gemini --output-format stream-json`, the prompt on stdin (non-TTY stdin is headless).
//
// stream-json (docs/cli/headless.md): `init` (session_id), `message` (role, content, delta), `tool_use`,
// `tool_result` (status, error), `error`, and a final `result` (status success|error, stats with
// tokens). Exit codes (packages/core/src/utils/errors.ts): 41 auth, 42 input, 44 sandbox, 52 config,
// 53 turn limit, 54 tool, 130 cancelled. Auth errors emit no result event (gemini-cli#20183).
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { jsonStreamParser, newFacts, noteError, num, obj, str } from './stream.js';

export function geminiParser(): StreamParser {
  const facts = newFacts();
  let text = '';
  let lastRole: string | undefined;
  return jsonStreamParser(facts, {
    on: {
      init: (e) => void (facts.session = str(e['session_id']) ?? facts.session),
      message: (e) => {
        const role = str(e['role']);
        if (role === 'assistant') {
          if (lastRole !== 'assistant') {
            facts.turns++;
            text = '';
          }
          text += str(e['content']) ?? '';
        }
        lastRole = role;
      },
      tool_use: () => void (lastRole = 'tool'),
      tool_result: (e) => {
        lastRole = 'tool';
        const err = str(obj(e['error'])?.['message']);
        if (e['status'] === 'error' && err && /permission|denied|not allowed|approval/i.test(err)) facts.denied.push(str(e['tool_id']) ?? 'tool');
      },
      error: (e) => noteError(facts, str(e['message']) ?? str(obj(e['error'])?.['message'])),
      result: (e) => {
        const stats = obj(e['stats']);
        facts.tokens = { input: num(stats?.['input_tokens']) ?? facts.tokens.input, output: num(stats?.['output_tokens']) ?? facts.tokens.output };
        const error = str(obj(e['error'])?.['message']);
        facts.result = { is_error: e['status'] !== 'success', ...(str(e['status']) ? { subtype: str(e['status'])! } : {}), text: error ?? text };
        if (error) noteError(facts, error);
      },
    },
  });
}

export const gemini: ExecutorAdapter = {
  name: 'gemini',
  profile: {
    command: 'gemini',
    args: ['--output-format', 'stream-json', '--approval-mode', 'yolo', ['--model', '{model}']],
    resume_args: ['--output-format', 'stream-json', '--approval-mode', 'yolo', '--resume', '{session}', ['--model', '{model}']],
    prompt: 'stdin',
    parser: 'gemini',
    exit_codes: { '41': 'infra_error', '42': 'failed', '44': 'infra_error', '52': 'infra_error', '53': 'limit_turns', '54': 'failed', '130': 'cancelled' },
    env: {},
    pass_env: ['GEMINI_*', 'GOOGLE_*'],
    allowed_tools: [],
    // Reports tokens only: a list price estimates the cost (labelled estimated); override under executors:.
    price: { input_per_mtok: 1.25, output_per_mtok: 10 },
    session_from: 'stream',
  },
  parser: geminiParser,
};
