// The dashboard listens to every event type the server emits (SSE hands a named event only to its listeners).
import { expect, it } from 'vitest';
import { EVENT_TYPES as SERVER_TYPES } from '../../src/core/event-samples.js';
import { EVENT_TYPES as DASHBOARD_TYPES } from '../../web/src/event-types.js';

it('web/src/event-types.ts lists exactly the event types of EVENT_SAMPLES', () => {
  expect([...DASHBOARD_TYPES].sort()).toEqual([...SERVER_TYPES].sort());
});
