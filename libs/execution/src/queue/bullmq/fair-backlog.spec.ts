import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '../../testing/redis-server';
import type { QueuedJob } from '../job-queue';
import { FairBacklog } from './fair-backlog';

const WAIT = 'test:wait';
const TARGET = 8;
/** How full a submission keeps BullMQ's side: half the target (a feed fills the rest). */
const SUBMISSION_TARGET = 4;

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

  /** BullMQ's side as a list: what the backlog claimed is pushed to the wait list, as the adds would. */
  async function handToBullMq(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await redis.rpush(WAIT, ...ids);
  }

  /** Adds `jobs` (a submission claims up to half the target), then feeds (up to the target): the ids claimed. */
  async function addAndFeed(jobs: readonly QueuedJob[]): Promise<string[]> {
    const added = await backlog.add(jobs);
    const fed = await backlog.feed();
    return [...added.claimed, ...fed.claimed].map(({ id }) => id);
  }

  it('claims at most half its target when many submissions claim at once, before any claim reached the wait list, and a feed the rest', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, n) => backlog.add([job('flood', n)])));

    const claimed = replies.flatMap((reply) => reply.claimed.map(({ id }) => id));
    expect(claimed).toHaveLength(SUBMISSION_TARGET);
    expect(await backlog.count('flood')).toEqual({ waiting: 40 - SUBMISSION_TARGET, laneSize: 40 - SUBMISSION_TARGET });
    const fed = (await backlog.feed()).claimed.map(({ id }) => id);
    expect(fed).toHaveLength(TARGET - SUBMISSION_TARGET);
    expect(new Set([...claimed, ...fed]).size).toBe(TARGET);
  });

  it('counts a claim until its process reports it added, then only while it is on the wait list', async () => {
    const ids = await addAndFeed(Array.from({ length: 20 }, (_, n) => job('flood', n)));
    expect(ids).toHaveLength(TARGET);
    await handToBullMq(ids);
    await redis.lpop(WAIT, 3);

    // Added but not reported: the claims still count, though workers took three from the wait list.
    expect(await backlog.feed()).toEqual({ claimed: [], inLanes: 12 });
    const fed = await backlog.feed(ids);
    expect(fed.claimed.map(({ id }) => id)).toEqual(['flood-8', 'flood-9', 'flood-10']);
    expect(fed.inLanes).toBe(9);
  });

  it("needs no report of workers' starts: a job added alone skips its lane once the claims before it are reported added and taken", async () => {
    // Four submissions, each claimed alone: BullMQ's side is as full as a submission keeps it.
    const ids: string[] = [];
    for (let n = 0; n < SUBMISSION_TARGET; n += 1) ids.push(...(await backlog.add([job('key', n)])).claimed.map(({ id }) => id));
    expect(ids).toHaveLength(SUBMISSION_TARGET);
    await handToBullMq(ids);
    // Two workers took them all and reported nothing.
    await redis.lpop(WAIT, SUBMISSION_TARGET);

    // The next submission reports the adds of the claims before it, and finds room.
    const next = job('key', SUBMISSION_TARGET);
    expect(await backlog.add([next], undefined, ids)).toEqual({ laneSize: 0, claimed: [{ id: next.id }] });
    expect(await redis.zrange('test:fair:handed', 0, -1)).toEqual([next.id]);
  });

  it('reports added claims without claiming more (what a closing process does last)', async () => {
    const ids = await addAndFeed(Array.from({ length: 12 }, (_, n) => job('flood', n)));
    await handToBullMq(ids);
    await redis.lpop(WAIT, TARGET);

    await backlog.report(ids);

    expect(await redis.zcard('test:fair:handed')).toBe(0);
    expect(await backlog.count('flood')).toEqual({ waiting: 4, laneSize: 4 });
  });

  it("gives a newcomer the next turn, however many jobs the other key queued", async () => {
    const first = await addAndFeed(Array.from({ length: 100 }, (_, n) => job('flood', n)));
    await handToBullMq(first);
    await backlog.add([job('newcomer', 0), job('newcomer', 1)]);
    await redis.lpop(WAIT, 4);

    const fed = await backlog.feed(first);
    expect(fed.claimed.map(({ id }) => id)).toEqual(['flood-8', 'newcomer-0', 'flood-9', 'newcomer-1']);
  });

  it('lets a job added alone skip the lanes while none has jobs, and gives it a turn once one has', async () => {
    expect(await backlog.add([job('flood', 0)])).toEqual({ laneSize: 0, claimed: [{ id: 'flood-0' }] });
    expect(await backlog.count('flood')).toEqual({ waiting: 0, laneSize: 0 });
    // Ten more at once go through the lane; the submission claims three (half the target, less flood-0).
    expect((await backlog.add(Array.from({ length: 10 }, (_, n) => job('flood', n + 1)))).claimed.map(({ id }) => id)).toEqual(['flood-1', 'flood-2', 'flood-3']);
    // As if the claims had been added, reported and started: BullMQ's side has room again, and seven flood jobs wait.
    await redis.del('test:fair:handed');

    const newcomer = await backlog.add([job('newcomer', 0)]);

    expect(newcomer.claimed.map(({ id }) => id)).toEqual(['flood-4', 'newcomer-0', 'flood-5', 'flood-6']);
  });

  it('orders a key by priority, then by arrival', async () => {
    await backlog.add([job('key', 0), job('key', 1), job('key', 2)]);
    await redis.del('test:fair:handed');
    const { claimed } = await backlog.add([job('key', 3, 1), job('key', 4, 9), job('key', 5, 1)]);

    // The first three were claimed by the first add; the handed set was cleared as if they were added, reported and started.
    expect(claimed.map(({ id }) => id)).toEqual(['key-3', 'key-5', 'key-4']);
  });

  it('forgets a claim that never reached BullMQ after its time to live, so that a dead process does not shrink the target for ever', async () => {
    expect(await addAndFeed(Array.from({ length: 12 }, (_, n) => job('flood', n)))).toHaveLength(TARGET);
    // The claims' process died before reporting them: age them past the time to live.
    const handed = await redis.zrange('test:fair:handed', 0, -1);
    await redis.zadd('test:fair:handed', ...handed.flatMap((id) => [0, id]));

    expect((await backlog.feed()).claimed.map(({ id }) => id)).toEqual(['flood-8', 'flood-9', 'flood-10', 'flood-11']);
  });

  it('forgets a claimed job that is cancelled before a worker starts it', async () => {
    expect(await addAndFeed(Array.from({ length: 9 }, (_, n) => job('flood', n)))).toHaveLength(TARGET);

    expect(await backlog.remove(job('flood', 0))).toBe(false);
    expect((await backlog.feed()).claimed.map(({ id }) => id)).toEqual(['flood-8']);
  });
});
