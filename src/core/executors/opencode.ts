// opencode: `opencode run --format json`, the prompt on stdin, resumed with `--session ID`.
//
// JSON events (packages/opencode/src/cli/cmd/run.ts): `step_start` (a turn; sessionID), `text`,
// `tool_use` (part.state.status, error), `step_finish` (part.cost, part.tokens, part.reason) and
// `error`. No result event: the last step finishing with reason `stop` is the result. Permission
// requests are refused unless `--auto`, so a refused permission is a denied tool. Exit 1 on session.error.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { jsonLine, newFacts, noteError, num, obj, settle, str } from './stream.js';

export function opencodeParser(): StreamParser {
  const facts = newFacts();
  let text = '';
  let stopped = false;
  let failed: string | undefined;
  return {
    facts,
    line(line) {
      const e = jsonLine(line);
      if (!e) return;
      facts.session = str(e['sessionID']) ?? facts.session;
      const part = obj(e['part']);
      switch (e['type']) {
        case 'step_start':
          facts.turns++;
          text = '';
          break;
        case 'text':
          text += str(part?.['text']) ?? '';
          break;
        case 'tool_use': {
          const state = obj(part?.['state']);
          const err = str(state?.['error']);
          if (state?.['status'] === 'error' && err && /permission|denied|rejected/i.test(err)) facts.denied.push(str(part?.['tool']) ?? 'tool');
          break;
        }
        case 'step_finish': {
          const tokens = obj(part?.['tokens']);
          facts.tokens.input += num(tokens?.['input']) ?? 0;
          facts.tokens.output += num(tokens?.['output']) ?? 0;
          const cost = num(part?.['cost']);
          if (cost !== undefined) facts.cost_usd = (facts.cost_usd ?? 0) + cost;
          stopped = str(part?.['reason']) === 'stop';
          break;
        }
        case 'error': {
          const err = obj(e['error']);
          failed = str(obj(err?.['data'])?.['message']) ?? str(err?.['message']) ?? str(err?.['name']) ?? 'error';
          noteError(facts, failed);
          break;
        }
      }
    },
    end() {
      if (failed) facts.result = { is_error: true, text: failed };
      else if (stopped) facts.result = { is_error: false, text };
      settle(facts);
    },
  };
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
