// Claude Code: `claude -p --output-format stream-json --verbose`, the prompt on stdin.
//
// The stream: `system/init` (session_id), `assistant` messages (a turn each, with usage), `user`
// messages carrying tool results, and one final `result` with subtype (success, error_max_turns,
// error_max_budget_usd, error_during_execution), is_error, num_turns, total_cost_usd, usage and
// permission_denials. It exits 0 on API errors and denied tools (claude-code #79500, #76867), so
// the result's fields decide, not the exit code; 143 after SIGTERM.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { arr, jsonStreamParser, newFacts, noteError, num, obj, str } from './stream.js';

function usageTokens(u: Record<string, unknown> | undefined): { input: number; output: number } | undefined {
  if (!u) return undefined;
  const input = (num(u['input_tokens']) ?? 0) + (num(u['cache_creation_input_tokens']) ?? 0) + (num(u['cache_read_input_tokens']) ?? 0);
  return { input, output: num(u['output_tokens']) ?? 0 };
}

export function claudeParser(): StreamParser {
  const facts = newFacts();
  return jsonStreamParser(facts, {
    every: (e) => void (facts.session = str(e['session_id']) ?? facts.session),
    on: {
      assistant: (e) => {
        facts.turns++;
        const t = usageTokens(obj(obj(e['message'])?.['usage']));
        if (t) {
          facts.tokens.input += t.input;
          facts.tokens.output += t.output;
        }
      },
      user: (e) => {
        for (const block of arr(obj(e['message'])?.['content']).map(obj)) {
          if (block?.['type'] === 'tool_result' && block['is_error'] === true) {
            const content = typeof block['content'] === 'string' ? block['content'] : JSON.stringify(block['content']);
            if (/permission|not allowed|requires approval|denied/i.test(content)) facts.denied.push('tool');
          }
        }
      },
      result: (e) => {
        const resultText = str(e['result']);
        const subtype = str(e['subtype']);
        // An error_* subtype (error_during_execution, error_max_turns...) is an error even where is_error says not.
        facts.result = { is_error: e['is_error'] === true || subtype?.startsWith('error') === true, ...(subtype ? { subtype } : {}), ...(resultText !== undefined ? { text: resultText } : {}) };
        facts.turns = num(e['num_turns']) ?? facts.turns;
        facts.cost_usd = num(e['total_cost_usd']) ?? num(e['cost_usd']) ?? facts.cost_usd;
        const t = usageTokens(obj(e['usage']));
        if (t) facts.tokens = t;
        for (const d of arr(e['permission_denials']).map(obj)) facts.denied.push(str(d?.['tool_name']) ?? 'tool');
        if (facts.result.is_error) noteError(facts, resultText ?? facts.result.subtype);
        for (const err of arr(e['errors'])) noteError(facts, str(err));
      },
      error: (e) => noteError(facts, str(obj(e['error'])?.['message']) ?? str(e['message'])),
    },
  });
}

export const claude: ExecutorAdapter = {
  name: 'claude',
  profile: {
    command: 'claude',
    args: ['-p', '--output-format', 'stream-json', '--verbose', ['--max-turns', '{max_turns}'], ['--model', '{model}'], ['--permission-mode', '{permission_mode}'], ['--allowedTools', '{allowed_tools}'], ['--max-budget-usd', '{budget_usd}']],
    resume_args: ['-p', '--output-format', 'stream-json', '--verbose', '--resume', '{session}', ['--max-turns', '{max_turns}'], ['--model', '{model}'], ['--permission-mode', '{permission_mode}'], ['--allowedTools', '{allowed_tools}'], ['--max-budget-usd', '{budget_usd}']],
    prompt: 'stdin',
    parser: 'claude',
    exit_codes: { '143': 'cancelled' },
    env: {},
    pass_env: ['ANTHROPIC_*', 'CLAUDE_*', 'AWS_*', 'GOOGLE_APPLICATION_CREDENTIALS', 'CLOUD_ML_REGION'],
    permission_mode: 'acceptEdits',
    allowed_tools: [],
    // For the live cost cap until the result reports total_cost_usd (list price of Sonnet).
    price: { input_per_mtok: 3, output_per_mtok: 15 },
    session_from: 'stream',
  },
  parser: claudeParser,
};
