import { RateLimitedError } from '@forgesyte/errors';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RateLimitSetting, RatePolicy } from '../config/rate-limit-setting';
import { KeyRateLimits } from './key-rate-limits';
import { RateCounters } from './rate-counters';

const USER_RATE: RatePolicy = { name: 'default', quota: 3, windowSeconds: 1 };
const ADMIN_RATE: RatePolicy = { name: 'admin', quota: 100, windowSeconds: 60 };
const SETTING: RateLimitSetting = { admin: ADMIN_RATE, user: USER_RATE };
const user = { isAdmin: false, limits: null };

/** A real, unsent response: where the headers are written. */
const newResponse = () => new ServerResponse(new IncomingMessage(new Socket()));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(KeyRateLimits.name, () => {
  describe('policyOf', () => {
    const limits = new KeyRateLimits(SETTING, new RateCounters());

    it("holds a key to its kind's rate", () => {
      expect(limits.policyOf(user)).toBe(USER_RATE);
      expect(limits.policyOf({ isAdmin: true, limits: null })).toBe(ADMIN_RATE);
    });

    it("holds a stored key with a rate_per_minute to its own rate, named 'key', whatever its kind", () => {
      expect(limits.policyOf({ isAdmin: true, limits: { ratePerMinute: 30 } })).toEqual({ name: 'key', quota: 30, windowSeconds: 60 });
      expect(limits.policyOf({ isAdmin: false, limits: { maxQueued: 5 } })).toBe(USER_RATE);
    });

    it('limits no key when nothing sets a rate', () => {
      expect(new KeyRateLimits({ admin: null, user: null }, new RateCounters()).policyOf(user)).toBeUndefined();
    });
  });

  describe('admit, counting in this process', () => {
    const limits = new KeyRateLimits(SETTING, new RateCounters());

    it('lets a key make its quota of requests, writing what is left in the RateLimit header', async () => {
      const remaining: unknown[] = [];
      for (let request = 0; request < 3; request += 1) {
        const response = newResponse();
        expect(await limits.admit('key-a', USER_RATE, response)).toBeUndefined();
        expect(response.getHeader('RateLimit-Policy')).toBe('"default";q=3;w=1');
        remaining.push(response.getHeader('RateLimit'));
      }

      expect(remaining).toEqual(['"default";r=2;t=1', '"default";r=1;t=1', '"default";r=0;t=1']);
    });

    it('refuses the next request with RATE_LIMITED, saying when to retry and what sets the rate', async () => {
      const response = newResponse();
      const refusal = await limits.admit('key-a', USER_RATE, response);

      expect(refusal).toBeInstanceOf(RateLimitedError);
      expect(refusal?.retryAfterSeconds).toBe(1);
      expect(refusal?.details).toEqual({ retry_after_seconds: 1, quota: 3, window_seconds: 1, setting: 'FORGESYTE_RATE_LIMIT' });
      expect(refusal?.message).toContain('raise FORGESYTE_RATE_LIMIT');
      expect(response.getHeader('RateLimit')).toBe('"default";r=0;t=1');
    });

    it('counts each key on its own', async () => {
      expect(await limits.admit('key-b', USER_RATE, newResponse())).toBeUndefined();
    });

    it('lets the key in again once the window has passed', async () => {
      await sleep(1100);

      expect(await limits.admit('key-a', USER_RATE, newResponse())).toBeUndefined();
    });

    it("names the key's own limit as what to raise when that is what refused it", async () => {
      const own = limits.policyOf({ isAdmin: false, limits: { ratePerMinute: 1 } }) as RatePolicy;
      await limits.admit('key-c', own, newResponse());

      expect((await limits.admit('key-c', own, newResponse()))?.message).toContain("raise the key's limits.rate_per_minute");
    });
  });
});
