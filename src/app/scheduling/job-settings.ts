// The `jobs:` and `scheduler:` settings of concord.yaml; each job is checked on its own (cron by croner).
import { z } from 'zod';
import { JobSchema, validTimeZone } from '../../core/scheduling/schemas.js';
import { durationSchema } from '../../core/scheduling/duration.js';
import { checkCron } from './cron.js';
import { onFirstUse } from '../../core/on-first-use.js';
import { namedList } from '../../core/schema/common.js';

/** The jobs list: every entry checked, names compared across all, so one run reports every problem. */
export const JobsSchema = onFirstUse(() =>
  namedList(JobSchema(), 'jobs', (entry, i, ctx) => {
    // The cron expression is checked even when another field is wrong, so one run reports both.
    const { cron, timezone } = (entry ?? {}) as { cron?: unknown; timezone?: unknown };
    if (typeof cron === 'string' && (timezone === undefined || (typeof timezone === 'string' && validTimeZone(timezone)))) {
      const problem = checkCron(cron, timezone);
      if (problem) ctx.addIssue({ code: 'custom', path: [i, 'cron'], message: problem });
    }
  }),
);

export const SchedulerSettingsSchema = onFirstUse(() =>
  z.strictObject({
    enabled: z.boolean().default(true).describe('`concord serve` runs jobs and activities'),
    poll: durationSchema(100, 600_000).default(5_000).describe('How often a server looks for work other processes queued'),
    lease: durationSchema(5_000, 3_600_000).default(60_000).describe('A run is renewed every third of this; a run not renewed for this long was abandoned'),
    grace: durationSchema(1_000, 86_400_000).default(60_000).describe('A fire found later than this after its instant was missed (misfire policy)'),
    activities_dir: z.string().min(1).default('activities').describe('Folder of activity definitions, relative to the ecosystem'),
  }),
);
export type SchedulerSettings = z.infer<ReturnType<typeof SchedulerSettingsSchema>>;
