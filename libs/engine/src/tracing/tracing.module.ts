import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { NO_TRACING, Tracing } from '@forgesyte/runtime';
import type { TracingConfig } from '../config/engine-config';
import type { EngineRole } from '../lib-options';
import type * as StartOtelTracing from './start-otel-tracing';

type StartOtelTracingModule = typeof StartOtelTracing;

/** The process's tracing, and how to flush it at shutdown. */
interface ProcessTracing {
  readonly tracing: Tracing;
  shutdown(): Promise<void>;
}

const PROCESS_TRACING = Symbol('forgesyte.process-tracing');

/** How long shutdown waits for the last spans to be sent: a collector that is down must not hold the process. */
const SHUTDOWN_FLUSH_MS = 3_000;

/**
 * The process's tracing: OpenTelemetry when `config` turns it on, loaded only then (required lazily:
 * with tracing off no OpenTelemetry SDK module is even loaded), else {@link NO_TRACING}.
 */
function startTracing(config: TracingConfig | undefined, role: EngineRole): ProcessTracing {
  if (config === undefined) return { tracing: NO_TRACING, shutdown: () => Promise.resolve() };
  // A plain require, at boot and only here: the OpenTelemetry SDK loads only when tracing is on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startOtelTracing } = require('./start-otel-tracing') as StartOtelTracingModule;
  const tracing = startOtelTracing(config, config.serviceName ?? `forgesyte-${role}`);
  return { tracing, shutdown: () => tracing.shutdown() };
}

/**
 * Sends the spans still buffered once the application has stopped (after jobs drained and the server
 * closed), waiting at most {@link SHUTDOWN_FLUSH_MS}.
 */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(PROCESS_TRACING) private readonly process: ProcessTracing) {}

  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref()));
    await Promise.race([this.process.shutdown().catch(() => undefined), givenUp]);
    clearTimeout(timer);
  }
}

/**
 * Provides {@link Tracing} to the runtime and execution libs and to the app (the HTTP request spans).
 * Build it once per application with {@link TracingModule.forRoot} and import that same object
 * wherever it is needed, so that every lib shares one tracer provider.
 */
@Module({})
export class TracingModule {
  static forRoot(config: TracingConfig | undefined, role: EngineRole): DynamicModule {
    return {
      module: TracingModule,
      providers: [
        { provide: PROCESS_TRACING, useFactory: () => startTracing(config, role) },
        { provide: Tracing, useFactory: (process: ProcessTracing) => process.tracing, inject: [PROCESS_TRACING] },
        TracingShutdown,
      ],
      exports: [Tracing],
    };
  }
}
