import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RatePolicy } from '../config/rate-limit-setting';

/**
 * Where the API keys' request counters live (rate-limiter-flexible's fixed windows): in this process's
 * memory, or, given a Redis connection, in Redis, shared by every API process. There each request is one
 * atomic round trip (a Lua script: increment, and start the window's expiry on its first request); while
 * Redis cannot be reached, each process counts in its own memory instead, so requests are still limited
 * (per process) and never wait on a server that is down.
 */
export class RateCounters {
  /** One limiter per quota and window, made on first use: a handful (the configured rates, the keys' own). */
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly redis?: Redis,
    private readonly prefix = 'forgesyte:',
  ) {}

  /** Counts in Redis (true) or in this process (false). */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** The limiter of `policy`'s quota and window. */
  limiterOf(policy: RatePolicy): RateLimiterAbstract {
    const id = `${policy.quota}/${policy.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      // Counters are kept per window, not per quota: a key whose rate changes keeps its window's count.
      const options = { points: policy.quota, duration: policy.windowSeconds, keyPrefix: `${this.prefix}ratelimit:${policy.windowSeconds}s` };
      limiter =
        this.redis === undefined
          ? new RateLimiterMemory(options)
          : new RateLimiterRedis({ ...options, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
