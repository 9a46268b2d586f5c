// Turning on logs, metrics and traces for a long-running process (`concord serve`, `concord mcp`), from the settings.
import { VERSION } from '../core/version.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { enableMetrics } from '../obs/registry.js';
import { startTracing, type Tracing } from '../obs/tracing.js';
import { knownSecrets } from './secrets.js';
import type { Workspace } from './workspace.js';

export interface Observability {
  logger: Logger;
  /** True when /metrics is served (observability.metrics.enabled, in a process that serves HTTP). */
  metrics: boolean;
  tracing: Tracing | undefined;
  /** Flushes the spans and the log file. */
  shutdown(): Promise<void>;
}

export interface ObservabilityOptions {
  /** Names the process in every line (`serve`, `mcp`). */
  surface: string;
  /** stdout carries a protocol (`concord mcp`) or a result (`concord worker`): logs meant for stdout go to stderr instead. */
  protectStdout?: boolean;
  /** The process serves /metrics (`concord serve`): only then are metrics kept (prom-client costs ~0.1-0.3 s to start). */
  servesMetrics?: boolean;
}

export async function startObservability(ws: Workspace, options: ObservabilityOptions): Promise<Observability> {
  const o = ws.settings.observability;
  const destination = options.protectStdout && o.log.destination === 'stdout' ? 'stderr' : o.log.destination;
  const logger = createLogger({ level: o.log.level, destination, redact: o.log.redact, secrets: knownSecrets(ws), base: { service: o.tracing.service_name, surface: options.surface } });
  if (destination !== o.log.destination) logger.warn(`observability.log.destination is stdout, which carries ${options.surface === 'mcp' ? 'the MCP protocol' : 'the result'} here: logging to stderr instead`);
  const metrics = options.servesMetrics === true && o.metrics.enabled;
  if (metrics) enableMetrics();
  let tracing: Tracing | undefined;
  if (o.tracing.otlp_endpoint) {
    tracing = await startTracing({ endpoint: o.tracing.otlp_endpoint, serviceName: o.tracing.service_name, serviceVersion: VERSION, headers: o.tracing.headers });
    logger.info({ endpoint: o.tracing.otlp_endpoint }, 'exporting traces over OTLP');
  }
  return {
    logger,
    metrics,
    tracing,
    async shutdown() {
      await tracing?.shutdown().catch((e: Error) => logger.warn({ err: e }, 'traces were not all exported'));
      logger.flush();
    },
  };
}
