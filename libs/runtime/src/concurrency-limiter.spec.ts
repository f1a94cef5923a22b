import { ConcurrencyLimiter } from './concurrency-limiter';

const context = { plugin: 'p', tool: 't', jobId: 'job-1' };

async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((done) => setImmediate(done));
  return settled;
}

describe(ConcurrencyLimiter.name, () => {
  it('grants slots at once up to its limit', async () => {
    const limiter = new ConcurrencyLimiter(2);

    const grants = [limiter.acquire(undefined, context), limiter.acquire(undefined, context)];

    expect(await Promise.all(grants.map(isSettled))).toEqual([true, true]);
  });

  it('makes a caller beyond the limit wait until a slot is released', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire(undefined, context);
    const waiting = limiter.acquire(undefined, context);

    expect(await isSettled(waiting)).toBe(false);
    release();
    expect(await isSettled(waiting)).toBe(true);
  });

  it('hands released slots to waiting callers in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const order: string[] = [];
    const release = await limiter.acquire(undefined, context);
    const second = limiter.acquire(undefined, context).then((next) => {
      order.push('second');
      return next;
    });
    const third = limiter.acquire(undefined, context).then((next) => {
      order.push('third');
      return next;
    });

    release();
    (await second)();
    (await third)();

    expect(order).toEqual(['second', 'third']);
  });

  it('ignores a second call of the same release function', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire(undefined, context);
    const second = limiter.acquire(undefined, context);
    const third = limiter.acquire(undefined, context);

    release();
    release();

    expect(await isSettled(second)).toBe(true);
    expect(await isSettled(third)).toBe(false);
  });

  it("rejects a waiting caller with CANCELLED, stopped 'not_started', when its signal aborts", async () => {
    const limiter = new ConcurrencyLimiter(1);
    await limiter.acquire(undefined, context);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal, context);

    controller.abort();

    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED', jobId: 'job-1', details: { stopped: 'not_started' } });
  });

  it('rejects at once a caller whose signal is already aborted while no slot is free', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await limiter.acquire(undefined, context);

    await expect(limiter.acquire(AbortSignal.abort(), context)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('skips a cancelled waiter when a slot frees up', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire(undefined, context);
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal, context);
    const next = limiter.acquire(undefined, context);
    controller.abort();
    await cancelled.catch(() => undefined);

    release();

    expect(await isSettled(next)).toBe(true);
  });

  it('does not count a cancelled waiter against the limit', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire(undefined, context);
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal, context);
    controller.abort();
    await cancelled.catch(() => undefined);
    release();

    expect(await isSettled(limiter.acquire(undefined, context))).toBe(true);
  });
});
