// The catalog of Concord's Prometheus metrics: every metric is declared here, once (see docs/observability.md).
//
// Add a metric: declare it below with a `concord_` name, a unit suffix (`_total`, `_seconds`) and few label
// values (names of jobs, hooks and pools: never ids of todos or runs); call it where the thing happens; add a
// panel to dashboards/grafana.json. Runs (by outcome and pool), queue depth, tokens and cost belong here too.
import { defineCounter, defineGauge, defineHistogram } from './registry.js';

const DURATION_BUCKETS = [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 120, 600];

export const dependencyChecks = defineCounter({
  name: 'concord_dependency_checks_total',
  help: 'Dependency checks by outcome (satisfied, unsatisfied, failed, ...)',
  labelNames: ['outcome'],
});

export const dependencyCheckDuration = defineHistogram({
  name: 'concord_dependency_check_duration_seconds',
  help: 'How long one dependency check took, by outcome',
  labelNames: ['outcome'],
  buckets: DURATION_BUCKETS,
});

export const hookDeliveries = defineCounter({
  name: 'concord_hook_deliveries_total',
  help: 'Hook delivery attempts by hook and state after the attempt (delivered, retrying, dead)',
  labelNames: ['hook', 'state'],
});

export const hookDeliveryDuration = defineHistogram({
  name: 'concord_hook_delivery_duration_seconds',
  help: 'How long one hook delivery attempt took',
  labelNames: ['hook'],
  buckets: DURATION_BUCKETS,
});

export const scheduleFires = defineCounter({
  name: 'concord_schedule_fires_total',
  help: 'Fires of jobs and activities started, by what fired them (schedule, catchup, manual, event, webhook)',
  labelNames: ['kind', 'name', 'trigger'],
});

export const scheduleRuns = defineCounter({
  name: 'concord_schedule_runs_total',
  help: 'Finished runs of jobs and activities by outcome (succeeded, failed, timed_out, cancelled, abandoned)',
  labelNames: ['kind', 'name', 'outcome'],
});

export const scheduleRunDuration = defineHistogram({
  name: 'concord_schedule_run_duration_seconds',
  help: 'How long a run of a job or activity took',
  labelNames: ['kind', 'name'],
  buckets: DURATION_BUCKETS,
});

export const scheduleMissed = defineCounter({
  name: 'concord_schedule_missed_total',
  help: 'Scheduled instants not fired because no server was running then (misfire policy)',
  labelNames: ['kind', 'name'],
});

export const scheduleSkipped = defineCounter({
  name: 'concord_schedule_skipped_total',
  help: 'Fires skipped, by reason (overlap, breaker_open)',
  labelNames: ['kind', 'name', 'reason'],
});

export const breakerOpen = defineGauge({
  name: 'concord_schedule_breaker_open',
  help: '1 while the circuit breaker of a job or activity is open (stopped until a reset), else 0',
  labelNames: ['kind', 'name'],
});

export const httpRequestDuration = defineHistogram({
  name: 'concord_http_request_duration_seconds',
  help: 'HTTP request latency of `concord serve`, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
});

// Runs of the execution layer. Workers are other processes (`concord worker`), so these are read from the
// run queue they share when /metrics is scraped (app/run-metrics.ts), not counted in this process.
export const runs = defineGauge({
  name: 'concord_runs',
  help: 'Runs in the queue by pool and status (queued, running, succeeded, failed, ...): outcomes accumulate',
  labelNames: ['pool', 'status'],
});

export const runQueueDepth = defineGauge({
  name: 'concord_run_queue_depth',
  help: 'Runs waiting for a worker, by pool',
  labelNames: ['pool'],
});

export const runSeconds = defineGauge({
  name: 'concord_run_seconds',
  help: 'Time agents ran in the ended runs, by pool (divide by their number for the mean duration)',
  labelNames: ['pool'],
});

export const runTokens = defineGauge({
  name: 'concord_run_tokens',
  help: 'Tokens the ended runs used, by pool and direction (input, output)',
  labelNames: ['pool', 'direction'],
});

export const runCost = defineGauge({
  name: 'concord_run_cost_usd',
  help: 'Cost of the ended runs in USD (reported by the agent or estimated from tokens), by pool',
  labelNames: ['pool'],
});
