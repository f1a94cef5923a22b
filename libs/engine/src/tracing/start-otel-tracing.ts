import { Logger } from '@nestjs/common';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { errorMessageOf } from '@forgesyte/errors';
import type { TracingConfig } from '../config/engine-config';
import { OtelTracing } from './otel-tracing';

/** At most one warning about failed exports per this many ms: a collector that is down must not flood the logs. */
const EXPORT_WARNING_INTERVAL_MS = 60_000;

/**
 * OpenTelemetry tracing as `config` says: spans batched and sent over OTLP/HTTP (JSON) in the
 * background, and/or written to stdout. An export that fails (collector down) drops its spans and
 * logs a warning at most once a minute; calls never wait for an export.
 */
export function startOtelTracing(config: TracingConfig, serviceName: string): OtelTracing {
  const processors: SpanProcessor[] = [];
  if (config.otlpUrl !== undefined) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpUrl })));
  if (config.console) processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  warnOnExportFailures(config.otlpUrl === undefined ? undefined : withoutCredentials(config.otlpUrl));
  return OtelTracing.create(serviceName, processors);
}

/** The URL as a log line may show it: no user or password. */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function warnOnExportFailures(url: string | undefined): void {
  const logger = new Logger('Tracing');
  let lastWarningAt = -Infinity;
  setGlobalErrorHandler((error) => {
    const now = Date.now();
    if (now - lastWarningAt < EXPORT_WARNING_INTERVAL_MS) return;
    lastWarningAt = now;
    logger.warn(`could not export spans${url === undefined ? '' : ` to ${url}`}: ${errorMessageOf(error)}; spans are dropped until the collector answers (warned at most once a minute)`);
  });
}
