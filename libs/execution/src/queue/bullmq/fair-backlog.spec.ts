import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '../../testing/redis-server';
import type { QueuedJob } from '../job-queue';
import { FairBacklog } from './fair-backlog';

const WAIT = 'test:wait';
const TARGET = 8;

function job(owner: string, n: number, priority = 5): QueuedJob {
  return { id: `${owner}-${n}`, owner, priority };
}

describe(FairBacklog.name, () => {
  let server: RedisServer;
  let redis: Redis;
  let backlog: FairBacklog;

  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);

  beforeEach(async () => {
    redis = new Redis(server.url);
    await redis.flushall();
    backlog = new FairBacklog(redis, 'test:', WAIT, TARGET);
  });

  afterEach(() => redis.disconnect());
  afterAll(() => server.stop());

  /** BullMQ's side as a list: what the backlog claimed is pushed to the wait list, as `addBulk` would. */
  async function handToBullMq(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await redis.rpush(WAIT, ...ids);
  }

  it('claims at most its target when many submissions claim at once, before any claim reached the wait list', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, n) => backlog.add([job('flood', n)])));

    const claimed = replies.flatMap((reply) => reply.claimed.map(({ id }) => id));
    expect(claimed).toHaveLength(TARGET);
    expect(new Set(claimed).size).toBe(TARGET);
    expect(await backlog.count('flood')).toEqual({ waiting: 40 - TARGET, laneSize: 40 - TARGET });
  });

  it('claims again only for the jobs that workers report started', async () => {
    const { claimed } = await backlog.add(Array.from({ length: 20 }, (_, n) => job('flood', n)));
    await handToBullMq(claimed.map(({ id }) => id));
    const started = claimed.slice(0, 3).map(({ id }) => id);
    await redis.lpop(WAIT, 3);

    expect(await backlog.feed()).toEqual({ claimed: [], inLanes: 12 });
    const fed = await backlog.feed(started);
    expect(fed.claimed.map(({ id }) => id)).toEqual(['flood-8', 'flood-9', 'flood-10']);
    expect(fed.inLanes).toBe(9);
  });

  it("gives a newcomer the next turn, however many jobs the other key queued", async () => {
    const first = await backlog.add(Array.from({ length: 100 }, (_, n) => job('flood', n)));
    await handToBullMq(first.claimed.map(({ id }) => id));
    await backlog.add([job('newcomer', 0), job('newcomer', 1)]);
    const started = (await redis.lpop(WAIT, 4)) as string[];

    expect((await backlog.feed(started)).claimed.map(({ id }) => id)).toEqual(['flood-8', 'newcomer-0', 'flood-9', 'newcomer-1']);
  });

  it('lets a job added alone skip the lanes while none has jobs, and gives it a turn once one has', async () => {
    expect(await backlog.add([job('flood', 0)])).toEqual({ laneSize: 0, claimed: [{ id: 'flood-0' }] });
    expect(await backlog.count('flood')).toEqual({ waiting: 0, laneSize: 0 });
    await backlog.add(Array.from({ length: 10 }, (_, n) => job('flood', n + 1)));
    // As if workers had started every claimed job: BullMQ's side has room again, and three flood jobs wait.
    await redis.del('test:fair:handed');

    const newcomer = await backlog.add([job('newcomer', 0)]);

    expect(newcomer.claimed.map(({ id }) => id)).toEqual(['flood-8', 'newcomer-0', 'flood-9', 'flood-10']);
  });

  it('orders a key by priority, then by arrival', async () => {
    await backlog.add([job('key', 0), job('key', 1), job('key', 2)]);
    await redis.del('test:fair:handed');
    const { claimed } = await backlog.add([job('key', 3, 1), job('key', 4, 9), job('key', 5, 1)]);

    // The first three were claimed by the first add; the handed set was cleared as if workers started them.
    expect(claimed.map(({ id }) => id)).toEqual(['key-3', 'key-5', 'key-4']);
  });

  it('forgets a claim that never reached BullMQ after its time to live, so that a dead process does not shrink the target for ever', async () => {
    await backlog.add(Array.from({ length: 12 }, (_, n) => job('flood', n)));
    // The claims' process died before adding them to BullMQ: age them past the time to live.
    const handed = await redis.zrange('test:fair:handed', 0, -1);
    await redis.zadd('test:fair:handed', ...handed.flatMap((id) => [0, id]));

    expect((await backlog.feed()).claimed.map(({ id }) => id)).toEqual(['flood-8', 'flood-9', 'flood-10', 'flood-11']);
  });

  it('forgets a claimed job that is cancelled before a worker starts it', async () => {
    const { claimed } = await backlog.add(Array.from({ length: 9 }, (_, n) => job('flood', n)));

    expect(await backlog.remove(job('flood', 0))).toBe(false);
    expect((await backlog.feed()).claimed.map(({ id }) => id)).toEqual(['flood-8']);
    expect(claimed).toHaveLength(TARGET);
  });
});
