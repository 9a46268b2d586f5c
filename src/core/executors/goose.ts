// Goose: `goose run --name RUN --output-format stream-json -i -`, the prompt on stdin.
//
// stream-json (aaif-goose/goose PRs #5525, #6228): `message` events (an assistant message is a turn;
// text in message.content), `notification`, `error`, and a final `complete` with total_tokens. Goose
// names sessions: Concord names it after the run, and resumes with `-r --name`. `--max-turns` caps
// turns (default 1000). Tokens only. Exit codes are not documented: the stream decides.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { arr, jsonStreamParser, newFacts, noteError, num, obj, str } from './stream.js';

export function gooseParser(): StreamParser {
  const facts = newFacts();
  let text = '';
  let failed: string | undefined;
  return jsonStreamParser(facts, {
    on: {
      message: (e) => {
        const m = obj(e['message']);
        for (const c of arr(m?.['content']).map(obj)) {
          const r = obj(c?.['toolResult']);
          if (c?.['type'] === 'toolResponse' && r?.['status'] === 'error' && /denied|permission|not allowed/i.test(str(r['error']) ?? '')) facts.denied.push('tool');
        }
        if (m?.['role'] !== 'assistant') return;
        facts.turns++;
        const said = arr(m['content']).map(obj).filter((c) => c?.['type'] === 'text').map((c) => str(c?.['text']) ?? '').join('');
        if (said) text = said;
      },
      error: (e) => {
        failed = str(e['error']) ?? str(e['message']) ?? 'error';
        noteError(facts, failed);
        // After `complete`: the run did not end well after all.
        if (facts.result) facts.result = { is_error: true, text: failed };
      },
      complete: (e) => {
        const total = num(e['total_tokens']);
        if (total !== undefined) facts.tokens = { input: num(e['input_tokens']) ?? total - (num(e['output_tokens']) ?? 0), output: num(e['output_tokens']) ?? 0 };
        facts.result = failed ? { is_error: true, text: failed } : { is_error: false, text };
      },
    },
  });
}

export const goose: ExecutorAdapter = {
  name: 'goose',
  profile: {
    command: 'goose',
    args: ['run', '--name', '{run}', '--output-format', 'stream-json', ['--max-turns', '{max_turns}'], '-i', '-'],
    resume_args: ['run', '-r', '--name', '{session}', '--output-format', 'stream-json', ['--max-turns', '{max_turns}'], '-i', '-'],
    prompt: 'stdin',
    parser: 'goose',
    exit_codes: {},
    env: {},
    pass_env: ['GOOSE_*', 'ANTHROPIC_*', 'OPENAI_*', 'GOOGLE_*', 'DATABRICKS_*', 'OPENROUTER_*'],
    allowed_tools: [],
    // Reports tokens only: a list price estimates the cost (labelled estimated); override under executors:.
    price: { input_per_mtok: 3, output_per_mtok: 15 },
    session_from: 'run',
  },
  parser: gooseParser,
};
