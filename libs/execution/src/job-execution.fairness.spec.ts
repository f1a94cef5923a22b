import { OverloadedError } from '@forgesyte/errors';
import { createExecutionTestApp, type ExecutionTestApp, waitFor } from './testing/execution-test-app';
import { rejectionOf, slowCount, waitForever } from './testing/job-requests';
import { STORE_KINDS, useStoreUnderTest } from './testing/store-kinds';
import type { Job } from './jobs/job';

const FLOODER = 'key_flooder';
const NEWCOMER = 'key_newcomer';

describe.each(STORE_KINDS)('JobExecutionService fairness between keys (%s store)', (kind) => {
  const storeUnderTest = useStoreUnderTest(kind);
  let app: ExecutionTestApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function jobsOf(ids: readonly string[]): Promise<Job[]> {
    return (await Promise.all(ids.map((id) => (app as ExecutionTestApp).store.get(id)))) as Job[];
  }

  /**
   * Keeps the one slot busy (until the returned job is cancelled) and fills what is handed ahead of it
   * (Redis: BullMQ's wait list, twice the concurrency), so that the jobs submitted next wait in their lanes.
   */
  async function occupy(): Promise<Job> {
    const blocker = (await (app as ExecutionTestApp).jobs.submit(waitForever, 'key_blocker')).job;
    await waitFor('the blocker to run', async () => ((await app?.store.get(blocker.id))?.status === 'running' ? true : undefined));
    await submit(2, 'key_blocker', slowCount(1, 1));
    return blocker;
  }

  async function submit(count: number, owner: string, request: ReturnType<typeof slowCount>, priority?: number, maxQueued?: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push((await (app as ExecutionTestApp).jobs.submit({ ...request, priority }, owner, { maxQueued })).job.id);
    return ids;
  }

  it.each([40, 80])("runs a second key's 4 jobs after about as many of the first key's, whether it queued %i or more", async (flood) => {
    app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 2, maxQueue: 1000 });
    const flooded = await submit(flood, FLOODER, slowCount(1, 60));
    const arrived = Date.now();
    const newcomer = await submit(4, NEWCOMER, slowCount(1, 60));

    await waitFor("the second key's jobs to succeed", async () => ((await jobsOf(newcomer)).every((job) => job.status === 'success') ? true : undefined), 30_000);
    const lastNewcomerEnd = Math.max(...(await jobsOf(newcomer)).map((job) => (job.completedAt as Date).getTime()));
    const floodDoneMeanwhile = (await jobsOf(flooded)).filter((job) => job.completedAt !== null && job.completedAt.getTime() >= arrived && job.completedAt.getTime() <= lastNewcomerEnd).length;

    // Round-robin over 2 slots: about 4 of the flood's jobs run beside the newcomer's 4, plus the 2
    // running when it arrived (and, on Redis, up to 4 handed to BullMQ ahead: twice the concurrency).
    expect(floodDoneMeanwhile).toBeLessThanOrEqual(12);
    expect((await jobsOf(flooded)).filter((job) => job.status === 'pending').length).toBeGreaterThan(flood - 30);
  }, 60_000);

  it("starts a key's waiting jobs by priority, then in the order they came", async () => {
    app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1 });
    const blocker = await occupy();
    // Jobs of 20 ms, one slot: each starts in a later millisecond than the one before, so started_at orders them.
    const ids = [...(await submit(1, NEWCOMER, slowCount(1, 20), 5)), ...(await submit(1, NEWCOMER, slowCount(1, 20), 10)), ...(await submit(1, NEWCOMER, slowCount(1, 20), 1)), ...(await submit(1, NEWCOMER, slowCount(1, 20)))];
    await app.jobs.cancel(blocker);

    const jobs = await waitFor('every job to succeed', async () => {
      const all = await jobsOf(ids);
      return all.every((job) => job.status === 'success') ? all : undefined;
    }, 20_000);
    const startOrder = [...jobs].sort((a, b) => (a.startedAt as Date).getTime() - (b.startedAt as Date).getTime() || 0).map((job) => job.priority);

    expect(jobs.map((job) => job.priority)).toEqual([5, 10, 1, 5]);
    expect(startOrder).toEqual([1, 5, 5, 10]);
  });

  it("refuses a key past its share of the queue and still takes another key's jobs", async () => {
    app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1, maxQueue: 100, keyMaxQueue: 3 });
    const blocker = await occupy();
    await submit(3, FLOODER, slowCount(1, 1));

    const refusal = await rejectionOf(submit(1, FLOODER, slowCount(1, 1)));
    const accepted = await submit(1, NEWCOMER, slowCount(1, 1));

    expect(refusal).toBeInstanceOf(OverloadedError);
    expect((refusal as OverloadedError).toBody()).toMatchObject({ code: 'OVERLOADED', retryable: true, details: { reason: 'key_queue_full', queue_limit: 3, setting: 'FORGESYTE_KEY_MAX_QUEUE' } });
    expect((await app.store.get(accepted[0]))?.status).toBe('pending');
    await app.jobs.cancel(blocker);
  });

  it.each([
    ['below', 2],
    ['above', 5],
  ])("holds a key with a cap of its own (%s the share) to that cap, and still takes another key's jobs", async (_, ownCap) => {
    app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1, maxQueue: 100, keyMaxQueue: 3 });
    const blocker = await occupy();
    const queued = await submit(ownCap, FLOODER, slowCount(1, 1), undefined, ownCap);

    const refusal = await rejectionOf(submit(1, FLOODER, slowCount(1, 1), undefined, ownCap));
    const accepted = await submit(1, NEWCOMER, slowCount(1, 1));

    expect(queued).toHaveLength(ownCap);
    expect((refusal as OverloadedError).toBody()).toMatchObject({
      code: 'OVERLOADED',
      message: expect.stringContaining("raise the key's limits.max_queued"),
      details: { reason: 'key_queue_full', queue_limit: ownCap, setting: 'limits.max_queued' },
    });
    expect((await app.store.get(accepted[0]))?.status).toBe('pending');
    await app.jobs.cancel(blocker);
  });
});
