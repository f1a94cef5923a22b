/** Limits of the `worker` tier: one pool of threads per plugin. */
export interface WorkerTierOptions {
  /** Threads of one plugin's pool at most. Default 4 (`FORGESYTE_MAX_CONCURRENCY`). */
  readonly threads?: number;
  /** Heap limit of a thread in MB when its tools declare no `maxHeapMb`. Default 512. */
  readonly maxHeapMb?: number;
  /** After a deadline or cancel, how long a worker tool may take to obey its signal before its thread is terminated, in ms. Default 100. */
  readonly graceMs?: number;
  /** An idle thread exits after this many ms. Default 30000. */
  readonly idleTimeoutMs?: number;
}

/** The circuit breaker of worker crashes. */
export interface CrashBreakerOptions {
  /** Crashes in a row (with no other outcome between) that trip the breaker. Default 5. */
  readonly crashes?: number;
  /** The crashes must all fall within this window, in ms. Default 60000. */
  readonly windowMs?: number;
  /** How long a tripped plugin stays UNAVAILABLE before it is retried, in ms. Default 30000. */
  readonly cooldownMs?: number;
}

/** Limits the runner applies when a tool declares none. */
export interface RuntimeModuleOptions {
  /** Deadline of a call whose tool has no `timeoutMs`, in ms. Default 30000. */
  readonly defaultTimeoutMs?: number;
  /**
   * Inline calls of one plugin abandoned at their deadline or cancel (their tool ignored its signal)
   * whose code is still running; at this many the plugin is UNAVAILABLE until some settle. Default 16.
   */
  readonly maxAbandoned?: number;
  readonly worker?: WorkerTierOptions;
  readonly breaker?: CrashBreakerOptions;
}

/** Defaults of {@link RuntimeModuleOptions}. */
export const RUNTIME_DEFAULTS = Object.freeze({
  defaultTimeoutMs: 30_000,
  maxAbandoned: 16,
  worker: Object.freeze({ threads: 4, maxHeapMb: 512, graceMs: 100, idleTimeoutMs: 30_000 }),
  breaker: Object.freeze({ crashes: 5, windowMs: 60_000, cooldownMs: 30_000 }),
});
