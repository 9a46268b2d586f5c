import { describe, expect, it } from 'vitest';
import { computeBackoffSeconds, HookDeliverySchema, HooksSchema } from './hook-settings.js';

const problems = (hooks: unknown) => {
  const r = HooksSchema().safeParse(hooks);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('hook settings', () => {
  it('accepts a shell hook and a signed webhook, with defaults', () => {
    const parsed = HooksSchema().parse([
      { name: 'log', events: 'todo:*', command: 'cat >> events.log' },
      { name: 'ci', events: ['*:status_changed'], url: 'https://ci.example.com/concord', secret_env: 'CI_HOOK_SECRET', filter: { repo: 'api', priority: ['high'] } },
    ]);
    expect(parsed[0]).toMatchObject({ events: ['todo:*'], timeout_ms: 5000, enabled: true, on_hook_events: false });
    expect(parsed[1]!.filter).toEqual({ repo: ['api'], priority: ['high'] });
  });

  it('collects every problem with its path', () => {
    expect(
      problems([
        { name: 'both', events: ['todo:*'], command: 'x', url: 'https://e.com' , secret: 'a-long-enough-secret' },
        { name: 'unsigned', events: ['todo:*'], url: 'https://e.com' },
        { name: 'typo', events: ['todo:complete'], command: 'x' },
        { name: 'typo', events: ['*'], command: 'x', filter: { priority: 'urgent!' } },
        { name: 'ftp', events: ['*'], url: 'ftp://e.com', secret: 'a-long-enough-secret' },
      ]),
    ).toEqual([
      '0: give exactly one of command (shell) or url (webhook)',
      '1.secret_env: a webhook is signed: give secret_env (or secret)',
      expect.stringMatching(/^2\.events\.0: "todo:complete" matches no event type/),
      '3.filter.priority: priority is critical, high, medium or low, or a list of them',
      '3.name: two hooks are named "typo"',
      '4.url: a webhook url starts with http:// or https://',
    ]);
  });

  it('backs off exponentially up to the cap', () => {
    const policy = HookDeliverySchema().parse({ backoff_seconds: 10, max_backoff_seconds: 60 });
    expect([1, 2, 3, 4, 5].map((a) => computeBackoffSeconds(a, policy))).toEqual([10, 20, 40, 60, 60]);
  });
});
