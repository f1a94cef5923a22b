import { RETRY_LIMITS } from '@forgesyte/plugin-sdk';
import { bootRegistry, testPlugin, testTool } from '../testing/test-plugins';
import { findRetryPolicyProblems } from './retry-policy-shape';

describe(findRetryPolicyProblems.name, () => {
  it('accepts no policy, and policies within the limits', () => {
    expect(findRetryPolicyProblems('t', undefined)).toEqual([]);
    expect(findRetryPolicyProblems('t', { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } })).toEqual([]);
    expect(findRetryPolicyProblems('t', { attempts: RETRY_LIMITS.maxAttempts, backoff: { type: 'exponential', delayMs: 100, maxDelayMs: 100 } })).toEqual([]);
  });

  it.each([0, 10_000, 2.5, '3', null])('refuses %p attempts, saying the allowed range', (attempts) => {
    expect(findRetryPolicyProblems('t', { attempts, backoff: { type: 'fixed', delayMs: 10 } })).toEqual([
      `tool 't': retry.attempts must be an integer from 1 to ${RETRY_LIMITS.maxAttempts} (attempts in all, the first included), not ${JSON.stringify(attempts)}`,
    ]);
  });

  it('refuses a negative delay, a maxDelayMs below it, an unknown type and a missing backoff', () => {
    expect(findRetryPolicyProblems('t', { attempts: 2, backoff: { type: 'fixed', delayMs: -1 } })).toEqual([
      `tool 't': retry.backoff.delayMs must be an integer number of milliseconds from 0 to ${RETRY_LIMITS.maxDelayMs}, not -1`,
    ]);
    expect(findRetryPolicyProblems('t', { attempts: 2, backoff: { type: 'exponential', delayMs: 500, maxDelayMs: 100 } })[0]).toMatch(/maxDelayMs must be an integer number of milliseconds from delayMs/);
    expect(findRetryPolicyProblems('t', { attempts: 2, backoff: { type: 'linear', delayMs: 1 } })).toEqual([`tool 't': retry.backoff.type must be 'fixed' or 'exponential', not "linear"`]);
    expect(findRetryPolicyProblems('t', { attempts: 2 })).toEqual([`tool 't': retry.backoff must be an object such as { type: 'fixed', delayMs: 1000 }`]);
    expect(findRetryPolicyProblems('t', 3)[0]).toMatch(/^tool 't': retry must be an object/);
  });

  it('makes a plugin declaring 10,000 attempts UNAVAILABLE, with a reason that says what to fix', async () => {
    const retry = { attempts: 10_000, backoff: { type: 'fixed' as const, delayMs: 10 } };
    const plugin = testPlugin({ name: 'bad-retry', tools: { flaky: testTool({ retry }) } });

    const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

    expect(registry.snapshot('bad-retry')).toMatchObject({
      state: 'UNAVAILABLE',
      reason: expect.stringContaining(`tool 'flaky': retry.attempts must be an integer from 1 to ${RETRY_LIMITS.maxAttempts}`),
    });
    await moduleRef.close();
  });
});
