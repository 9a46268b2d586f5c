// Codex: `codex exec --json -` (the prompt on stdin), resumed with `codex exec resume ID`.
//
// JSONL events (codex-rs/exec/src/exec_events.rs): `thread.started` (thread_id: the session),
// `turn.started`, `turn.completed` (usage), `turn.failed` (error.message), `item.completed` (the
// agent's messages as items of type agent_message), `error`. There is no result event: a completed
// turn with no failure after it is the result. Tokens only, no cost; none at all after a budget stop
// (openai/codex#37676). Non-zero exit after an `error` event.
import type { ExecutorAdapter, StreamParser } from './profile.js';
import { jsonStreamParser, newFacts, noteError, num, obj, str } from './stream.js';

export function codexParser(): StreamParser {
  const facts = newFacts();
  let lastMessage: string | undefined;
  let completed = false;
  let failed: string | undefined;
  return jsonStreamParser(facts, {
    on: {
      'thread.started': (e) => void (facts.session = str(e['thread_id']) ?? facts.session),
      'turn.started': () => void facts.turns++,
      'turn.completed': (e) => {
        const u = obj(e['usage']);
        facts.tokens.input += (num(u?.['input_tokens']) ?? 0) + (num(u?.['cached_input_tokens']) ?? 0);
        facts.tokens.output += num(u?.['output_tokens']) ?? 0;
        completed = true;
        failed = undefined;
      },
      'turn.failed': (e) => {
        failed = str(obj(e['error'])?.['message']) ?? 'turn failed';
        noteError(facts, failed);
      },
      error: (e) => noteError(facts, str(e['message']) ?? str(obj(e['error'])?.['message'])),
      'item.completed': (e) => {
        const item = obj(e['item']);
        if (item?.['type'] === 'agent_message') lastMessage = str(item['text']) ?? lastMessage;
        if (item?.['type'] === 'error') noteError(facts, str(item['message']));
        // A command the sandbox or the approval policy refused.
        if (item?.['type'] === 'command_execution' && item['status'] === 'declined') facts.denied.push(str(item['command']) ?? 'command');
      },
    },
    end: () => {
      if (failed) facts.result = { is_error: true, text: failed };
      else if (completed) facts.result = { is_error: false, ...(lastMessage !== undefined ? { text: lastMessage } : {}) };
    },
  });
}

export const codex: ExecutorAdapter = {
  name: 'codex',
  profile: {
    command: 'codex',
    args: ['exec', '--json', '--sandbox', 'workspace-write', ['--model', '{model}'], '-'],
    resume_args: ['exec', 'resume', '{session}', '--json', ['--model', '{model}'], '-'],
    prompt: 'stdin',
    parser: 'codex',
    exit_codes: {},
    env: {},
    pass_env: ['OPENAI_*', 'CODEX_*'],
    allowed_tools: [],
    // Reports tokens only: a list price estimates the cost (labelled estimated); override under executors:.
    price: { input_per_mtok: 1.25, output_per_mtok: 10 },
    session_from: 'stream',
  },
  parser: codexParser,
};
