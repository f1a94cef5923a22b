import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newJob } from '../../jobs/new-job';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from '../../testing/execution-test-app';
import { echo, OWNER } from '../../testing/job-requests';
import { useStoreUnderTest } from '../../testing/store-kinds';
import { REDIS_JOB_STORE_DEFAULTS } from '../../store/redis/redis-job-store.options';
import { BULLMQ_QUEUE_NAME } from './bullmq-job-queue.options';
import { BullMqJobQueue } from './bullmq-job-queue';

const PREFIX = `${REDIS_JOB_STORE_DEFAULTS.keyPrefix}queue`;

describe(BullMqJobQueue.name, () => {
  const storeUnderTest = useStoreUnderTest('redis');
  let app: ExecutionTestApp;
  let redis: Redis;

  beforeEach(async () => {
    const choice = storeUnderTest();
    if (choice.kind !== 'redis') throw new Error('this spec needs the Redis store');
    redis = new Redis(choice.url);
    app = await createExecutionTestApp({ store: choice, maxConcurrency: 2 });
  });

  afterEach(async () => {
    await app.close();
    redis.disconnect();
  });

  async function submitAll(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push((await app.jobs.submit(echo(`job ${i}`), OWNER)).job.id);
    return ids;
  }

  it('runs every job and keeps no copy of them in BullMQ', async () => {
    const ids = await submitAll(40);

    await waitFor('every job to succeed', async () => ((await Promise.all(ids.map((id) => app.store.get(id)))).every((job) => job?.status === 'success') ? true : undefined), 20_000);
    const leftovers = await waitFor('BullMQ to let go of the jobs', async () => {
      const [active, waiting, completed, failed] = await Promise.all(['active', 'wait', 'completed', 'failed'].map((list) => redis.type(`${PREFIX}:${BULLMQ_QUEUE_NAME}:${list}`)));
      const jobKeys = await Promise.all(ids.map((id) => redis.exists(`${PREFIX}:${BULLMQ_QUEUE_NAME}:${id}`)));
      const left = { active, waiting, completed, failed, jobKeys: jobKeys.filter((exists) => exists === 1).length };
      return left.active === 'none' && left.jobKeys === 0 ? left : undefined;
    });

    expect(leftovers).toEqual({ active: 'none', waiting: 'none', completed: 'none', failed: 'none', jobKeys: 0 });
  });

  it('leaves no claim counted once its jobs ran and it closed, so that the next workers find the room', async () => {
    // Three jobs at two slots: the lanes stay empty, and the last claims are reported only by a lazy feed or at close.
    const ids = await submitAll(3);
    await waitFor('every job to succeed', async () => ((await Promise.all(ids.map((id) => app.store.get(id)))).every((job) => job?.status === 'success') ? true : undefined), 20_000);

    await app.close();

    expect(await redis.zrange(`${REDIS_JOB_STORE_DEFAULTS.keyPrefix}fair:handed`, 0, -1)).toEqual([]);
  });

  it("queues a job waiting between attempts again when its interrupted attempt's delivery fails after the retry was added (which BullMQ then ignored)", async () => {
    // What a worker killed mid-attempt can leave: the job pending for its next attempt in the store, and
    // BullMQ's job of that id back on its wait list, to be failed when next taken ("stalled more than
    // allowable limit"). The retry's add found that job there and added nothing.
    const queued = await app.store.insert(newJob({ plugin: 'echo', tool: 'echo', mode: 'async', owner: OWNER, args: { message: 'again' }, attempts: 3 }));
    await app.store.transition(queued.id, ['pending'], 'running', { startedAt: new Date() });
    await app.store.transition(queued.id, ['running'], 'pending', { attempt: 2, nextAttemptAt: new Date(Date.now() + 200), startedAt: null });
    const bullmq = new Queue(BULLMQ_QUEUE_NAME, { connection: redis, prefix: PREFIX });
    try {
      await bullmq.add(BULLMQ_QUEUE_NAME, {}, { jobId: queued.id, delay: 300, removeOnFail: true });
      await redis.hset(`${PREFIX}:${BULLMQ_QUEUE_NAME}:${queued.id}`, 'defa', 'job stalled more than allowable limit');

      // The worker fails BullMQ's job when it takes it; that failure queues the attempt again.
      const done = await waitForStatus(app.store, queued.id, 'success');

      expect(done).toMatchObject({ attempt: 2, attempts: 3, result: { message: 'again' } });
    } finally {
      await bullmq.close();
    }
  });
});
