// Input and output of the trends use-case (CLI `concord trends`, MCP `coord_get_trends`).
import { z } from 'zod';

export const TrendsInputSchema = z.object({
  weeks: z.number().int().min(1).max(104).default(12).describe('How many weeks of throughput and burndown to show'),
  sample_weeks: z.number().int().min(1).max(52).default(8).describe('Recent full weeks whose throughput drives forecasts'),
  plan: z.string().min(1).optional().describe('Only this plan (and its milestones); default: every open plan'),
  repo: z.string().min(1).optional().describe('Only todos of this repo'),
});
export type TrendsInput = z.input<typeof TrendsInputSchema>;

const DurationStatsSchema = z.object({
  count: z.number().int(),
  median_days: z.number().nullable(),
  p85_days: z.number().nullable(),
  mean_days: z.number().nullable(),
});

export const WeekCountSchema = z.object({
  week: z.string().describe('ISO week, e.g. 2026-W47'),
  start: z.string().describe('Its Monday (UTC)'),
  created: z.number().int(),
  completed: z.number().int(),
});

export const BurndownPointSchema = z.object({
  week: z.string(),
  /** The end of the week, or now for the running week. */
  at: z.string(),
  scope: z.number().int().describe('Todos that existed and were not cancelled'),
  remaining: z.number().int(),
  remaining_hours: z.number(),
});

export const ForecastSchema = z.object({
  remaining: z.number().int(),
  throughput_per_week: z.number().describe('Mean completions per week over the sample'),
  sample_weeks: z.number().int(),
  /** Median simulated completion date; null when there is no recent throughput to forecast from. */
  likely: z.string().nullable(),
  /** 80% of simulated futures finish in this range. */
  range: z.object({ from: z.string(), to: z.string() }).nullable(),
  confidence: z.number(),
  due: z.string().nullable(),
  /** Share of simulated futures that finish by the due date. */
  chance_by_due: z.number().nullable(),
  note: z.string().optional(),
});

export const ScopeTrendSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  remaining: z.number().int(),
  remaining_hours: z.number(),
  burndown: z.array(BurndownPointSchema),
  forecast: ForecastSchema,
});

export const PlanTrendSchema = ScopeTrendSchema.extend({ milestones: z.array(ScopeTrendSchema) });

export const TrendsSchema = z.object({
  as_of: z.string(),
  weeks: z.array(WeekCountSchema),
  throughput_per_week: z.number().describe('Mean completions per week over the sample weeks'),
  cycle_time: DurationStatsSchema.describe('First start to completion, for todos completed in the window'),
  lead_time: DurationStatsSchema.describe('Creation to completion, for todos completed in the window'),
  plans: z.array(PlanTrendSchema),
  estimated: z.number().int().describe('Completions dated by the record`s `updated` because they predate the history'),
});
export type Trends = z.infer<typeof TrendsSchema>;
export type ScopeTrend = z.infer<typeof ScopeTrendSchema>;
export type Forecast = z.infer<typeof ForecastSchema>;
export type BurndownPoint = z.infer<typeof BurndownPointSchema>;
