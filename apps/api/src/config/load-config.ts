import { randomBytes } from 'node:crypto';
import type { ApiConfig } from './api-config';
import { ConfigError } from './config.error';

type Env = Readonly<Record<string, string | undefined>>;

const SIZE = /^(\d+)(b|kb|mb|gb)?$/i;
const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MIN_KEY_LENGTH = 16;

/**
 * Reads and validates the API's configuration from `env`: the only place the environment is read.
 * Throws a {@link ConfigError} naming the first bad variable.
 */
export function loadConfig(env: Env): ApiConfig {
  const adminKey = optionalKey(env, 'FORGESYTE_ADMIN_KEY');
  const userKey = optionalKey(env, 'FORGESYTE_USER_KEY');
  if (userKey !== undefined && userKey === adminKey) {
    throw new ConfigError('FORGESYTE_USER_KEY', 'must differ from FORGESYTE_ADMIN_KEY: each key names one principal.');
  }
  const bodyLimit = (env.FORGESYTE_BODY_LIMIT ?? '16mb').trim();
  const generate = adminKey === undefined && userKey === undefined;
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    adminKey: generate ? randomBytes(24).toString('base64url') : adminKey,
    adminKeyGenerated: generate,
    userKey,
    plugins: list(env.FORGESYTE_PLUGINS),
    jobStore: jobStore(env),
    jobRetention: jobRetention(env),
    shutdownGraceMs: integer(env, 'FORGESYTE_SHUTDOWN_GRACE_MS', 10_000, 0, 3_600_000),
    dataDir: nonEmpty(env, 'FORGESYTE_DATA_DIR', './data'),
    redisUrl: redisUrl(env),
    timeoutMs: integer(env, 'FORGESYTE_TIMEOUT_MS', 30_000, 1, 86_400_000),
    maxConcurrency: integer(env, 'FORGESYTE_MAX_CONCURRENCY', 4, 1, 1024),
    maxQueue: integer(env, 'FORGESYTE_MAX_QUEUE', 1000, 1, 1_000_000),
    workerGraceMs: integer(env, 'FORGESYTE_WORKER_GRACE_MS', 100, 0, 60_000),
    workerHeapMb: integer(env, 'FORGESYTE_WORKER_HEAP_MB', 512, 16, 65_536),
    breakerCrashes: integer(env, 'FORGESYTE_BREAKER_CRASHES', 5, 1, 1000),
    breakerWindowMs: integer(env, 'FORGESYTE_BREAKER_WINDOW_MS', 60_000, 1, 86_400_000),
    breakerCooldownMs: integer(env, 'FORGESYTE_BREAKER_COOLDOWN_MS', 30_000, 1, 86_400_000),
    bodyLimit,
    bodyLimitBytes: size('FORGESYTE_BODY_LIMIT', bodyLimit),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}; got '${raw}'.`);
  }
  return value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new ConfigError(name, 'must not be empty; unset it to use the default.');
  return raw.trim();
}

function optionalKey(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_KEY_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(name, `must be at least ${MIN_KEY_LENGTH} characters without spaces (e.g. from 'openssl rand -hex 24').`);
  }
  return raw;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const JOB_STORES = ['sqlite', 'memory', 'redis'] as const;

function jobStore(env: Env): ApiConfig['jobStore'] {
  const raw = (env.FORGESYTE_JOB_STORE ?? 'sqlite').trim();
  const store = JOB_STORES.find((name) => name === raw);
  if (store === undefined) throw new ConfigError('FORGESYTE_JOB_STORE', `must be one of ${JOB_STORES.join(', ')}; got '${raw}'.`);
  if (store === 'redis' && redisUrl(env) === undefined) {
    throw new ConfigError('REDIS_URL', "must be set when FORGESYTE_JOB_STORE is 'redis' (e.g. redis://127.0.0.1:6379).");
  }
  return store;
}

const DURATION_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `7d`, `12h`, `10000` (finished jobs kept) or both, comma-separated: `7d,10000`. */
function jobRetention(env: Env): ApiConfig['jobRetention'] {
  const raw = (env.FORGESYTE_JOB_RETENTION ?? '7d').trim();
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

function redisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^rediss?:\/\/.+/.test(raw)) throw new ConfigError('REDIS_URL', `must look like redis://host:6379; got '${raw}'.`);
  return raw;
}

function size(name: string, raw: string): number {
  const match = SIZE.exec(raw);
  const bytes = match === null ? NaN : Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()];
  if (!(bytes >= 1024)) throw new ConfigError(name, `must be a size of at least 1kb such as 512kb or 16mb; got '${raw}'.`);
  return bytes;
}
