import { describe, expect, it } from 'vitest';
import { type AttemptFacts, classifyAttempt, emptyFacts, estimateCost } from './outcome.js';

const facts = (over: Partial<AttemptFacts> & { result?: NonNullable<AttemptFacts['stream']['result']> }): AttemptFacts => {
  const { result, ...rest } = over;
  return { stream: { ...emptyFacts(), turns: 2, ...(result ? { result } : {}) }, exit_code: 0, code_work: true, diffstat: { files: 1, insertions: 3, deletions: 0 }, ...rest };
};

describe('classifyAttempt: success is verified, never read from exit 0', () => {
  it.each([
    ['claude-code #79500: an API error, exit 0', facts({ result: { is_error: true, subtype: 'success', text: 'API Error: 529 overloaded' }, diffstat: { files: 0, insertions: 0, deletions: 0 } }), 'infra_error'],
    ['claude-code #85040: an empty result, exit 0', facts({ result: { is_error: false, text: '' }, diffstat: { files: 0, insertions: 0, deletions: 0 } }), 'no_op'],
    ['claude-code #76867: a denied tool, exit 0', facts({ stream: { ...emptyFacts(), denied: ['Bash'], result: { is_error: false, text: 'I could not run it' } }, diffstat: { files: 0, insertions: 0, deletions: 0 } }), 'failed'],
    ['aider #5552: a fatal API error, exit 0', facts({ result: { is_error: true, text: 'litellm.InternalServerError: Overloaded' } }), 'infra_error'],
    ['no result event at all, exit 0', facts({}), 'failed'],
    ['a clean result but an empty diff for code work', facts({ result: { is_error: false, text: 'done' }, diffstat: { files: 0, insertions: 0, deletions: 0 } }), 'no_op'],
    ['a clean result and a diff', facts({ result: { is_error: false, text: 'done' } }), 'succeeded'],
    ['a clean result, no diff, not code work', facts({ result: { is_error: false, text: 'answered' }, code_work: false, diffstat: { files: 0, insertions: 0, deletions: 0 } }), 'succeeded'],
    ['a clean result and failing acceptance', facts({ result: { is_error: false, text: 'done' }, acceptance_failures: ['`npm test` exited with code 1'] }), 'failed'],
    ['a clean result, then a failing exit code', facts({ result: { is_error: false, text: 'done' }, exit_code: 1 }), 'failed'],
    ['killed after its result (it hung there)', facts({ result: { is_error: false, text: 'done' }, stopped: 'after_result', exit_code: null, signal: 'SIGTERM' }), 'succeeded'],
    ['claude error_max_turns', facts({ result: { is_error: true, subtype: 'error_max_turns' }, exit_code: 1 }), 'limit_turns'],
    ['gemini exit 53 without a result', facts({ mapped: 'limit_turns', exit_code: 53 }), 'limit_turns'],
    ['the marker asks a question', facts({ stream: { ...emptyFacts(), needs_input: 'which database?', result: { is_error: false, text: 'x' } } }), 'needs_input'],
    ['silent past the idle limit', facts({ stopped: 'idle', exit_code: null }), 'stalled'],
    ['cancelled beats everything', facts({ stopped: 'cancelled', result: { is_error: false, text: 'done' } }), 'cancelled'],
    ['could not start', facts({ spawn_error: 'claude: not found on PATH', exit_code: null }), 'infra_error'],
  ] as const)('%s -> %s', (_, f, expected) => {
    expect(classifyAttempt(f).status).toBe(expected);
  });

  it('estimates cost from tokens at a list price', () => {
    expect(estimateCost({ input: 1_000_000, output: 100_000 }, { input_per_mtok: 3, output_per_mtok: 15 })).toBe(4.5);
  });
});
