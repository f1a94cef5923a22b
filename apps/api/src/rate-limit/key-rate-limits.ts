import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RateLimitedError } from '@forgesyte/errors';
import type { ServerResponse } from 'node:http';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/api-key-ring';
import type { RateLimitSetting, RatePolicy } from '../config/rate-limit-setting';
import type { RateCounters } from './rate-counters';
import { policyField, RATE_LIMIT_HEADER, RATE_LIMIT_POLICY_HEADER, rateField } from './rate-limit-headers';

/** The window of a stored key's own rate (`limits.rate_per_minute`). */
const KEY_WINDOW_SECONDS = 60;

/**
 * Each API key's request rate, on every authenticated route (a sync and an async analyze count the
 * same: one request). A key's rate is its own `limits.rate_per_minute` when it is a stored key that has
 * one, else `FORGESYTE_RATE_LIMIT`'s for its kind (admin or not); with neither, the key is not limited
 * and {@link policyOf} answers undefined after two property reads: nothing is counted, nothing awaited.
 */
export class KeyRateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  /** The policy of each stored-key rate in use, made once. */
  private readonly perMinute = new Map<number, RatePolicy>();

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly counters: RateCounters,
    private readonly close: () => Promise<void> = async () => undefined,
  ) {}

  /** The rate `principal` is held to, or undefined when it is not limited. */
  policyOf(principal: Pick<Principal, 'isAdmin' | 'limits'>): RatePolicy | undefined {
    const own = principal.limits?.ratePerMinute;
    if (own !== undefined) return this.keyPolicy(own);
    return (principal.isAdmin ? this.setting.admin : this.setting.user) ?? undefined;
  }

  /**
   * Counts one request of the key `keyId` under `policy` and writes the `RateLimit-Policy` and
   * `RateLimit` headers on `response`. Resolves with the `RATE_LIMITED` refusal when the key is over
   * its rate (the error filter adds `Retry-After`), else undefined. Never rejects: if the counters
   * cannot be read, the request is let through.
   */
  admit(keyId: string, policy: RatePolicy, response: ServerResponse): Promise<RateLimitedError | undefined> {
    return this.counters
      .limiterOf(policy)
      .consume(keyId)
      .then(
        (counted) => {
          writeHeaders(response, policy, counted);
          return undefined;
        },
        (refused: unknown) => {
          if (!(refused instanceof RateLimiterRes)) {
            this.logger.warn(`the request counters could not be read (${refused instanceof Error ? refused.message : String(refused)}); the request was let through`);
            return undefined;
          }
          const resetSeconds = writeHeaders(response, policy, refused);
          const setting = policy.name === 'key' ? "the key's limits.rate_per_minute" : 'FORGESYTE_RATE_LIMIT';
          return new RateLimitedError(Math.max(1, resetSeconds), { quota: policy.quota, windowSeconds: policy.windowSeconds, setting });
        },
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private keyPolicy(ratePerMinute: number): RatePolicy {
    let policy = this.perMinute.get(ratePerMinute);
    if (policy === undefined) {
      policy = { name: 'key', quota: ratePerMinute, windowSeconds: KEY_WINDOW_SECONDS };
      this.perMinute.set(ratePerMinute, policy);
    }
    return policy;
  }
}

/** Writes both headers; returns the seconds until the window resets. */
function writeHeaders(response: ServerResponse, policy: RatePolicy, counted: RateLimiterRes): number {
  const resetSeconds = Math.max(0, Math.ceil(counted.msBeforeNext / 1000));
  response.setHeader(RATE_LIMIT_POLICY_HEADER, policyField(policy));
  response.setHeader(RATE_LIMIT_HEADER, rateField(policy, counted.remainingPoints, resetSeconds));
  return resetSeconds;
}
