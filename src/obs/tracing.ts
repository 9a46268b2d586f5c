// Traces through @opentelemetry/api, exported over OTLP/HTTP only when an endpoint is configured.
//
// Without an endpoint nothing is loaded and `withSpan` only calls its function: the API and the SDK cost
// ~100 ms to load, which a one-shot command must not pay. With one, `startTracing` registers a Node tracer
// provider (async-hooks context, so spans nest across awaits) with a batching OTLP exporter.
import { createRequire } from 'node:module';
import type { Attributes, Span } from '@opentelemetry/api';

type Api = typeof import('@opentelemetry/api');

/** What code inside a span may do with it. */
export interface SpanHandle {
  setAttributes(attributes: Attributes): void;
}

export interface TracingOptions {
  /** OTLP/HTTP traces URL; a bare origin gets `/v1/traces`. */
  endpoint: string;
  serviceName: string;
  serviceVersion: string;
  headers?: Record<string, string>;
}

export interface Tracing {
  /** Sends the spans still buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let api: Api | undefined;
let active: Tracing | undefined;

export function tracesUrl(endpoint: string): string {
  const u = new URL(endpoint);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1/traces';
  return u.toString();
}

/** Starts exporting spans (once per process; a second call returns the first). */
export async function startTracing(o: TracingOptions): Promise<Tracing> {
  if (active) return active;
  const load = createRequire(import.meta.url);
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const exporter = new OTLPTraceExporter({ url: tracesUrl(o.endpoint), headers: { ...o.headers } });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': o.serviceName, 'service.version': o.serviceVersion }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
  });
  provider.register();
  api = load('@opentelemetry/api') as Api;
  active = {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      api?.trace.disable();
      api = undefined;
      active = undefined;
    },
  };
  return active;
}

export function tracingActive(): boolean {
  return api !== undefined;
}

/**
 * Runs `fn` in a span named `name` (a child of the current one), ending it with an error status when `fn`
 * throws. Without tracing it is a plain call.
 */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: SpanHandle) => Promise<T>): Promise<T> {
  const otel = api;
  if (!otel) return fn({ setAttributes: () => undefined });
  return otel.trace.getTracer('concord').startActiveSpan(name, { attributes }, async (span: Span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: otel.SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Marks the current span as failed without throwing (a run that ended in failure is not an exception). */
export function failSpan(span: SpanHandle, message: string): void {
  const s = span as Partial<Span>;
  if (api && s.setStatus) s.setStatus({ code: api.SpanStatusCode.ERROR, message });
}
