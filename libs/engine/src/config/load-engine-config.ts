import { BULLMQ_JOB_QUEUE_DEFAULTS, EXECUTION_DEFAULTS, REDIS_JOB_STORE_DEFAULTS } from '@forgesyte/execution';
import { KEYS_DEFAULTS } from '@forgesyte/keys';
import { RUNTIME_DEFAULTS } from '@forgesyte/runtime';
import { ConfigError } from './config.error';
import { type EngineConfig, LOG_LEVEL_NAMES } from './engine-config';
import { type Env, integer, list, nonEmpty } from './env-readers';
import { loadTracingConfig } from './load-tracing-config';

/**
 * The defaults no lib owns: where files go, which store, how long finished jobs are kept. Every other
 * default is the lib's own (`RUNTIME_DEFAULTS`, `EXECUTION_DEFAULTS`, the store and queue defaults).
 */
const CONFIG_DEFAULTS = Object.freeze({ dataDir: './data', jobStore: 'sqlite', jobRetention: '7d', logLevel: 'info', metricsHost: '127.0.0.1' });

/**
 * Reads and validates the engine's configuration from `env` (see {@link EngineConfig}); an unset
 * variable takes the default of the option it sets, from that lib's options file. Throws a
 * {@link ConfigError} naming the first bad variable.
 */
export function loadEngineConfig(env: Env): EngineConfig {
  const shipped = env.FORGESYTE_SHIPPED_PLUGINS?.trim();
  return {
    plugins: list(env.FORGESYTE_PLUGINS),
    shippedPlugins: shipped === undefined || shipped === '' ? undefined : shipped === 'none' ? [] : list(shipped),
    jobStore: jobStore(env),
    jobRetention: jobRetention(env),
    shutdownGraceMs: integer(env, 'FORGESYTE_SHUTDOWN_GRACE_MS', EXECUTION_DEFAULTS.shutdownGraceMs, 0, 3_600_000),
    dataDir: nonEmpty(env, 'FORGESYTE_DATA_DIR', CONFIG_DEFAULTS.dataDir),
    redisUrl: redisUrl(env),
    jobLockMs: integer(env, 'FORGESYTE_JOB_LOCK_MS', BULLMQ_JOB_QUEUE_DEFAULTS.lockMs, 500, 3_600_000),
    redisTimeoutMs: integer(env, 'FORGESYTE_REDIS_TIMEOUT_MS', REDIS_JOB_STORE_DEFAULTS.commandTimeoutMs, 50, 600_000),
    timeoutMs: integer(env, 'FORGESYTE_TIMEOUT_MS', RUNTIME_DEFAULTS.defaultTimeoutMs, 1, 86_400_000),
    maxConcurrency: integer(env, 'FORGESYTE_MAX_CONCURRENCY', EXECUTION_DEFAULTS.maxConcurrency, 1, 1024),
    maxQueue: integer(env, 'FORGESYTE_MAX_QUEUE', EXECUTION_DEFAULTS.maxQueue, 1, 1_000_000),
    keyMaxQueue: keyMaxQueue(env),
    keyMaxConcurrency: keyMaxConcurrency(env),
    maxSync: integer(env, 'FORGESYTE_MAX_SYNC', EXECUTION_DEFAULTS.maxSync, 1, 100_000),
    maxSyncQueue: integer(env, 'FORGESYTE_MAX_SYNC_QUEUE', EXECUTION_DEFAULTS.maxSyncQueue, 0, 1_000_000),
    syncWaitMs: integer(env, 'FORGESYTE_SYNC_WAIT_MS', EXECUTION_DEFAULTS.syncWaitMs, 0, 600_000),
    maxAbandoned: integer(env, 'FORGESYTE_MAX_ABANDONED', RUNTIME_DEFAULTS.maxAbandoned, 1, 100_000),
    workerGraceMs: integer(env, 'FORGESYTE_WORKER_GRACE_MS', RUNTIME_DEFAULTS.worker.graceMs, 0, 60_000),
    workerHeapMb: integer(env, 'FORGESYTE_WORKER_HEAP_MB', RUNTIME_DEFAULTS.worker.maxHeapMb, 16, 65_536),
    breakerCrashes: integer(env, 'FORGESYTE_BREAKER_CRASHES', RUNTIME_DEFAULTS.breaker.crashes, 1, 1000),
    breakerWindowMs: integer(env, 'FORGESYTE_BREAKER_WINDOW_MS', RUNTIME_DEFAULTS.breaker.windowMs, 1, 86_400_000),
    breakerCooldownMs: integer(env, 'FORGESYTE_BREAKER_COOLDOWN_MS', RUNTIME_DEFAULTS.breaker.cooldownMs, 1, 86_400_000),
    logLevel: logLevel(env),
    metricsPort: metricsPort(env),
    metricsHost: nonEmpty(env, 'FORGESYTE_METRICS_HOST', CONFIG_DEFAULTS.metricsHost),
    keyRotationGraceSeconds: integer(env, 'FORGESYTE_KEY_ROTATION_GRACE_SECONDS', KEYS_DEFAULTS.rotationGraceSeconds, 0, 31_536_000),
    tracing: loadTracingConfig(env),
  };
}

/** `FORGESYTE_KEY_MAX_QUEUE`, at most the whole queue; unset: undefined (the execution lib's default, half the queue). */
function keyMaxQueue(env: Env): number | undefined {
  if (!env.FORGESYTE_KEY_MAX_QUEUE?.trim()) return undefined;
  const maxQueue = integer(env, 'FORGESYTE_MAX_QUEUE', EXECUTION_DEFAULTS.maxQueue, 1, 1_000_000);
  return integer(env, 'FORGESYTE_KEY_MAX_QUEUE', maxQueue, 1, maxQueue);
}

/**
 * `FORGESYTE_KEY_MAX_CONCURRENCY`; unset: undefined (no cap). Refused with the Redis store, which does not
 * apply it (its workers take jobs as the fair backlog hands them): a setting that silently did nothing
 * would let an operator believe a key is held to it.
 */
function keyMaxConcurrency(env: Env): number | undefined {
  if (!env.FORGESYTE_KEY_MAX_CONCURRENCY?.trim()) return undefined;
  const cap = integer(env, 'FORGESYTE_KEY_MAX_CONCURRENCY', 1, 1, 1024);
  if (jobStore(env) === 'redis') {
    throw new ConfigError(
      'FORGESYTE_KEY_MAX_CONCURRENCY',
      "is not applied with FORGESYTE_JOB_STORE=redis (its workers run jobs in the order the fair backlog hands them, keys in turn): unset it, or use the 'sqlite' or 'memory' store.",
    );
  }
  return cap;
}

const JOB_STORES = ['sqlite', 'memory', 'redis'] as const;

function jobStore(env: Env): EngineConfig['jobStore'] {
  const raw = (env.FORGESYTE_JOB_STORE ?? CONFIG_DEFAULTS.jobStore).trim();
  const store = JOB_STORES.find((name) => name === raw);
  if (store === undefined) throw new ConfigError('FORGESYTE_JOB_STORE', `must be one of ${JOB_STORES.join(', ')}; got '${raw}'.`);
  if (store === 'redis' && redisUrl(env) === undefined) {
    throw new ConfigError('REDIS_URL', "must be set when FORGESYTE_JOB_STORE is 'redis' (e.g. redis://127.0.0.1:6379).");
  }
  return store;
}

function logLevel(env: Env): EngineConfig['logLevel'] {
  const raw = (env.FORGESYTE_LOG_LEVEL ?? CONFIG_DEFAULTS.logLevel).trim().toLowerCase();
  const level = LOG_LEVEL_NAMES.find((name) => name === raw);
  if (level === undefined) throw new ConfigError('FORGESYTE_LOG_LEVEL', `must be one of ${LOG_LEVEL_NAMES.join(', ')}; got '${raw}'.`);
  return level;
}

const DURATION_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `7d`, `12h`, `10000` (finished jobs kept) or both, comma-separated: `7d,10000`. */
function jobRetention(env: Env): EngineConfig['jobRetention'] {
  const raw = (env.FORGESYTE_JOB_RETENTION ?? CONFIG_DEFAULTS.jobRetention).trim();
  const retention: { maxAgeMs?: number; maxJobs?: number } = {};
  for (const item of raw.split(',').map((part) => part.trim())) {
    const match = /^(\d{1,9})([smhd])?$/.exec(item);
    if (match === null || (match[2] === undefined ? retention.maxJobs : retention.maxAgeMs) !== undefined) {
      throw new ConfigError(
        'FORGESYTE_JOB_RETENTION',
        `must be an age (7d, 12h, 30m, 90s), a number of finished jobs (10000), or one of each separated by a comma (7d,10000); got '${raw}'.`,
      );
    }
    if (match[2] === undefined) retention.maxJobs = Number(match[1]);
    else retention.maxAgeMs = Number(match[1]) * DURATION_MS[match[2]];
  }
  return retention;
}

/** The worker's metrics port, or undefined (no endpoint) when unset or empty. */
function metricsPort(env: Env): number | undefined {
  const raw = env.FORGESYTE_METRICS_PORT?.trim();
  return raw === undefined || raw === '' ? undefined : integer(env, 'FORGESYTE_METRICS_PORT', 0, 1, 65_535);
}

function redisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^rediss?:\/\/.+/.test(raw)) throw new ConfigError('REDIS_URL', `must look like redis://host:6379; got '${raw}'.`);
  return raw;
}

