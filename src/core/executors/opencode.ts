// opencode: `opencode run --format json`, the prompt on stdin, resumed with `--session ID`.
//
// JSON events (packages/opencode/src/cli/cmd/run.ts): `step_start` (a turn; sessionID), `text`,
// `tool_use` (part.state.status, error), `step_finish` (part.cost, part.tokens, part.reason) and
// `error`. No result event: the last step finishing with reason `stop` is the result. Permission
// requests are refused unless `--auto`, so a refused permission is a denied tool. Exit 1 on session.error.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { jsonStreamParser, newFacts, noteError, num, obj, str } from './stream.js';

export function opencodeParser(): StreamParser {
  const facts = newFacts();
  let text = '';
  let stopped = false;
  let failed: string | undefined;
  return jsonStreamParser(facts, {
    every: (e) => void (facts.session = str(e['sessionID']) ?? facts.session),
    on: {
      step_start: () => {
        facts.turns++;
        text = '';
      },
      text: (e) => void (text += str(obj(e['part'])?.['text']) ?? ''),
      tool_use: (e) => {
        const part = obj(e['part']);
        const state = obj(part?.['state']);
        const err = str(state?.['error']);
        if (state?.['status'] === 'error' && err && /permission|denied|rejected/i.test(err)) facts.denied.push(str(part?.['tool']) ?? 'tool');
      },
      step_finish: (e) => {
        const part = obj(e['part']);
        const tokens = obj(part?.['tokens']);
        facts.tokens.input += num(tokens?.['input']) ?? 0;
        facts.tokens.output += num(tokens?.['output']) ?? 0;
        const cost = num(part?.['cost']);
        if (cost !== undefined) facts.cost_usd = (facts.cost_usd ?? 0) + cost;
        stopped = str(part?.['reason']) === 'stop';
      },
      error: (e) => {
        const err = obj(e['error']);
        failed = str(obj(err?.['data'])?.['message']) ?? str(err?.['message']) ?? str(err?.['name']) ?? 'error';
        noteError(facts, failed);
      },
    },
    end: () => {
      if (failed) facts.result = { is_error: true, text: failed };
      else if (stopped) facts.result = { is_error: false, text };
    },
  });
}

export const opencode: ExecutorAdapter = {
  name: 'opencode',
  profile: {
    command: 'opencode',
    args: ['run', '--format', 'json', ['--model', '{model}']],
    resume_args: ['run', '--format', 'json', '--session', '{session}', ['--model', '{model}']],
    prompt: 'stdin',
    parser: 'opencode',
    exit_codes: {},
    env: {},
    pass_env: ['OPENCODE_*', 'ANTHROPIC_*', 'OPENAI_*', 'GEMINI_*', 'OPENROUTER_*'],
    allowed_tools: [],
    session_from: 'stream',
  },
  parser: opencodeParser,
};
