/** The API's configuration, validated at boot from the environment. */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  /** The admin API key; generated at boot when no key is configured. */
  readonly adminKey: string | undefined;
  /** True when {@link adminKey} was generated at boot and must be printed once. */
  readonly adminKeyGenerated: boolean;
  readonly userKey: string | undefined;
  /** Extra plugin module specifiers (`FORGESYTE_PLUGINS`). */
  readonly plugins: readonly string[];
  /** Where jobs live: `sqlite` (default, a file in {@link dataDir}), `memory`, or `redis` (at {@link redisUrl}). */
  readonly jobStore: 'sqlite' | 'memory' | 'redis';
  /** How long finished jobs are kept in a durable store (`FORGESYTE_JOB_RETENTION`). */
  readonly jobRetention: { readonly maxAgeMs?: number; readonly maxJobs?: number };
  /** How long running jobs may finish after SIGTERM before they are interrupted, in ms. */
  readonly shutdownGraceMs: number;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  /** Worker tier: grace period after an abort before a thread is terminated, and a thread's default heap limit. */
  readonly workerGraceMs: number;
  readonly workerHeapMb: number;
  /** Circuit breaker of worker crashes: crashes in a row within a window, and the cool-down. */
  readonly breakerCrashes: number;
  readonly breakerWindowMs: number;
  readonly breakerCooldownMs: number;
  /** Body limit as configured (e.g. `16mb`), and in bytes. */
  readonly bodyLimit: string;
  readonly bodyLimitBytes: number;
}

/** Injection token of the {@link ApiConfig}. */
export const API_CONFIG = Symbol('API_CONFIG');
