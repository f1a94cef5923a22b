import { connectRedis, disconnectRedis, resolveRedisJobStoreOptions } from '@forgesyte/execution';
import type { ApiConfig } from '../config/api-config';
import { KeyRateLimits } from './key-rate-limits';
import { RateCounters } from './rate-counters';

/**
 * The API keys' rate limits of `config`: counted in Redis, shared by every API process, when the jobs
 * are (`FORGESYTE_JOB_STORE=redis`: its own connection, with the job store's key prefix and command
 * timeout, failing at once rather than queueing while Redis is away); in this process otherwise. The
 * counters exist even when `FORGESYTE_RATE_LIMIT` is off: a stored key may be given a rate at any time.
 */
export async function openKeyRateLimits(config: ApiConfig): Promise<KeyRateLimits> {
  if (config.jobStore !== 'redis' || config.redisUrl === undefined) return new KeyRateLimits(config.rateLimit, new RateCounters());
  const settings = resolveRedisJobStoreOptions({ commandTimeoutMs: config.redisTimeoutMs });
  const redis = await connectRedis(config.redisUrl, {
    connectTimeoutMs: settings.connectTimeoutMs,
    redisOptions: { commandTimeout: settings.commandTimeoutMs, maxRetriesPerRequest: 1, enableOfflineQueue: false },
  });
  return new KeyRateLimits(config.rateLimit, new RateCounters(redis, settings.keyPrefix), () => disconnectRedis(redis));
}
