// Metric handles that cost nothing until a long-running process turns metrics on (prom-client is loaded then).
//
// prom-client takes ~90 ms to load: a one-shot CLI command must not pay for it, yet the app layer records
// dependency-check outcomes whoever calls it. So a metric is declared once (metrics.ts) as a handle; its
// calls are no-ops until `enableMetrics()` builds the registry, which `concord serve` does at start.
import { createRequire } from 'node:module';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

type PromClient = typeof import('prom-client');

interface Definition<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
}
interface HistogramDefinition<L extends string> extends Definition<L> {
  /** Bucket bounds in the unit of the metric (seconds for durations). */
  buckets: readonly number[];
}

type Labels<L extends string> = Record<L, string>;
type Built = Counter<string> | Gauge<string> | Histogram<string>;
type Builder = (client: PromClient, registry: Registry) => Built;

const builders = new Map<string, Builder>();
let live: { registry: Registry; metrics: Map<string, Built> } | undefined;

function declare(name: string, build: Builder): () => Built | undefined {
  if (builders.has(name)) throw new Error(`metric ${name} is declared twice`);
  builders.set(name, build);
  if (live) live.metrics.set(name, build(load(), live.registry));
  return () => live?.metrics.get(name);
}

function load(): PromClient {
  return createRequire(import.meta.url)('prom-client') as PromClient;
}

/** Builds the registry with every declared metric and Node's process metrics; later calls return it. */
export function enableMetrics(): Registry {
  if (live) return live.registry;
  const client = load();
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'concord_process_' });
  live = { registry, metrics: new Map() };
  for (const [name, build] of builders) live.metrics.set(name, build(client, registry));
  return registry;
}

/** The registry, or undefined while metrics are off (a one-shot command). */
export function metricsRegistry(): Registry | undefined {
  return live?.registry;
}

export function defineCounter<L extends string>(d: Definition<L>): { inc(labels: Labels<L>, by?: number): void } {
  const get = declare(d.name, (c, registry) => new c.Counter({ name: d.name, help: d.help, labelNames: [...d.labelNames], registers: [registry] }));
  return { inc: (labels, by = 1) => (get() as Counter<string> | undefined)?.inc(labels, by) };
}

export function defineGauge<L extends string>(d: Definition<L>): { set(labels: Labels<L>, value: number): void; reset(): void } {
  const get = declare(d.name, (c, registry) => new c.Gauge({ name: d.name, help: d.help, labelNames: [...d.labelNames], registers: [registry] }));
  return { set: (labels, value) => (get() as Gauge<string> | undefined)?.set(labels, value), reset: () => (get() as Gauge<string> | undefined)?.reset() };
}

/** Whether metrics are on in this process (a gauge read from a store is not worth computing otherwise). */
export const metricsEnabled = () => live !== undefined;

export function defineHistogram<L extends string>(d: HistogramDefinition<L>): { observe(labels: Labels<L>, value: number): void } {
  const get = declare(d.name, (c, registry) => new c.Histogram({ name: d.name, help: d.help, labelNames: [...d.labelNames], buckets: [...d.buckets], registers: [registry] }));
  return { observe: (labels, value) => (get() as Histogram<string> | undefined)?.observe(labels, value) };
}

/** Every declared metric name (the Grafana dashboard test checks its queries against these). */
export function declaredMetricNames(): string[] {
  return [...builders.keys()];
}
