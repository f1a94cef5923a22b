/**
 * What every ForgeSyte process (the API and `apps/worker`) reads from the environment: plugins, job
 * store and queue, limits, isolation. Validated at boot by {@link loadEngineConfig}.
 */
export interface EngineConfig {
  /** Extra plugin module specifiers (`FORGESYTE_PLUGINS`). */
  readonly plugins: readonly string[];
  /** Names of the shipped plugins to load (`FORGESYTE_SHIPPED_PLUGINS`); undefined: all of them. */
  readonly shippedPlugins: readonly string[] | undefined;
  /** Where jobs live: `sqlite` (default, a file in {@link dataDir}), `memory`, or `redis` (at {@link redisUrl}). */
  readonly jobStore: 'sqlite' | 'memory' | 'redis';
  /** How long finished jobs are kept in a durable store (`FORGESYTE_JOB_RETENTION`). */
  readonly jobRetention: { readonly maxAgeMs?: number; readonly maxJobs?: number };
  /** How long running jobs may finish after SIGTERM before they are interrupted, in ms. */
  readonly shutdownGraceMs: number;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  /** Redis: how long a worker's hold on a running job lasts unrenewed; a dead worker's jobs are failed within about twice this. */
  readonly jobLockMs: number;
  /** Redis: how long a job-store command may go unanswered before it fails as `STORE_UNAVAILABLE` (`FORGESYTE_REDIS_TIMEOUT_MS`). */
  readonly redisTimeoutMs: number;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  /** Async jobs of one key waiting (`FORGESYTE_KEY_MAX_QUEUE`); undefined: the execution lib's default, half of {@link maxQueue}. */
  readonly keyMaxQueue: number | undefined;
  /** Async jobs of one key running at once in one process (`FORGESYTE_KEY_MAX_CONCURRENCY`); undefined: no cap. */
  readonly keyMaxConcurrency: number | undefined;
  /** Sync calls running at once (`FORGESYTE_MAX_SYNC`), how many may wait for a slot, and for how long, in ms. */
  readonly maxSync: number;
  readonly maxSyncQueue: number;
  readonly syncWaitMs: number;
  /** Abandoned inline calls of one plugin still running at which it turns UNAVAILABLE until some settle. */
  readonly maxAbandoned: number;
  /** Worker tier: grace period after an abort before a thread is terminated, and a thread's default heap limit. */
  readonly workerGraceMs: number;
  readonly workerHeapMb: number;
  /** Circuit breaker of worker crashes: crashes in a row within a window, and the cool-down. */
  readonly breakerCrashes: number;
  readonly breakerWindowMs: number;
  readonly breakerCooldownMs: number;
  /** The least severe log lines written (`FORGESYTE_LOG_LEVEL`); `silent` writes none. */
  readonly logLevel: LogLevelName;
  /**
   * `apps/worker` only: the port of its Prometheus metrics endpoint (`FORGESYTE_METRICS_PORT`; unset: none),
   * bound to {@link metricsHost} (`FORGESYTE_METRICS_HOST`, default 127.0.0.1). The API serves `/metrics` on its own port.
   */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** How long a rotated API key's old secret keeps working, in seconds (`FORGESYTE_KEY_ROTATION_GRACE_SECONDS`, 0: not at all). */
  readonly keyRotationGraceSeconds: number;
  /** OpenTelemetry traces, from the standard `OTEL_*` variables; undefined (the default): off, and no OpenTelemetry code is loaded. */
  readonly tracing: TracingConfig | undefined;
}

/** Where spans go when tracing is on (see `loadTracingConfig`). */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL spans are sent to (JSON bodies), or undefined when `otlp` is not an exporter. */
  readonly otlpUrl: string | undefined;
  /** Whether spans are also written to stdout (`OTEL_TRACES_EXPORTER=console`, for debugging). */
  readonly console: boolean;
  /** `OTEL_SERVICE_NAME`; undefined: `forgesyte-api` or `forgesyte-worker`. */
  readonly serviceName: string | undefined;
}

/** The levels `FORGESYTE_LOG_LEVEL` accepts, most verbose first: pino's, and `silent`. */
export const LOG_LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One of {@link LOG_LEVEL_NAMES}. */
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];
