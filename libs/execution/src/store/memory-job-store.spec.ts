import { RequestInvalidError } from '@forgesyte/errors';
import type { Job } from '../jobs/job';
import { newJob, type NewJobFields } from '../jobs/new-job';
import type { JobQuery } from './job-store';
import { MemoryJobStore } from './memory-job-store';

function job(fields: Partial<NewJobFields> = {}): Job {
  return newJob({ plugin: 'echo', tool: 'echo', mode: 'async', owner: 'key_owner', ...fields });
}

/** A job created at a given instant, to control creation times exactly. */
function jobAt(createdAtMs: number, fields: Partial<NewJobFields> = {}): Job {
  return { ...job(fields), createdAt: new Date(createdAtMs) };
}

async function finish(store: MemoryJobStore, id: string): Promise<void> {
  await store.transition(id, ['pending'], 'running');
  await store.transition(id, ['running'], 'success', { result: {}, completedAt: new Date() });
}

/** Every page of a listing, following next cursors until the last page. */
async function allPages(store: MemoryJobStore, query: JobQuery): Promise<Job[][]> {
  const pages: Job[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, cursor });
    pages.push([...page.jobs]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

describe(MemoryJobStore.name, () => {
  describe('insert and get', () => {
    it('returns a stored job by its id', async () => {
      const store = new MemoryJobStore(10);
      const stored = await store.insert(job());

      await expect(store.get(stored.id)).resolves.toEqual(stored);
    });

    it('returns undefined for an unknown id', async () => {
      const store = new MemoryJobStore(10);

      await expect(store.get('missing')).resolves.toBeUndefined();
    });

    it('returns the existing job for an idempotency key its owner already used', async () => {
      const store = new MemoryJobStore(10);
      const first = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h1' }));

      const second = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h2' }));

      expect(second).toBe(first);
      expect((await store.list({ limit: 10 })).jobs).toHaveLength(1);
    });

    it('stores a new job for the same idempotency key of another owner', async () => {
      const store = new MemoryJobStore(10);
      const first = await store.insert(job({ owner: 'key_a', idempotencyKey: 'k' }));

      const second = await store.insert(job({ owner: 'key_b', idempotencyKey: 'k' }));

      expect(second.id).not.toBe(first.id);
    });
  });

  describe('transition', () => {
    it('moves a job whose status is in from, applying the update', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      const startedAt = new Date();

      const running = await store.transition(id, ['pending'], 'running', { startedAt });

      expect(running).toMatchObject({ id, status: 'running', startedAt });
      expect(await store.get(id)).toEqual(running);
    });

    it('returns undefined and changes nothing when the status is not in from', async () => {
      const store = new MemoryJobStore(10);
      const inserted = await store.insert(job());

      const moved = await store.transition(inserted.id, ['running'], 'success', { result: 'x' });

      expect(moved).toBeUndefined();
      expect(await store.get(inserted.id)).toEqual(inserted);
    });

    it('lets only one of two racing transitions from the same status win', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await store.transition(id, ['pending'], 'running');

      const [completed, cancelled] = await Promise.all([
        store.transition(id, ['running'], 'success'),
        store.transition(id, ['running'], 'cancelled'),
      ]);

      expect([completed, cancelled].filter((result) => result !== undefined)).toHaveLength(1);
      expect((await store.get(id))?.status).toBe('success');
    });

    it('refuses a move the job state machine does not allow, leaving the job as it was', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await finish(store, id);
      const finished = await store.get(id);

      await expect(async () => store.transition(id, ['success'], 'running')).rejects.toThrow();
      expect(await store.get(id)).toEqual(finished);
    });

    it('returns undefined for an unknown job', async () => {
      const store = new MemoryJobStore(10);

      await expect(store.transition('missing', ['pending'], 'running')).resolves.toBeUndefined();
    });
  });

  describe('setProgress', () => {
    it('records progress on a running job', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await store.transition(id, ['pending'], 'running');

      await store.setProgress(id, { fraction: 0.5, message: 'half' });

      expect((await store.get(id))?.progress).toEqual({ fraction: 0.5, message: 'half' });
    });

    it('ignores progress for a job that is not running', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await finish(store, id);

      await store.setProgress(id, { fraction: 0.5, message: 'late' });

      expect((await store.get(id))?.progress).toBeNull();
    });
  });

  describe('capacity', () => {
    it('drops the oldest finished job once more finished jobs than its capacity exist', async () => {
      const store = new MemoryJobStore(2);
      const [a, b, c] = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of [a, b, c]) await finish(store, id);

      expect(await store.get(a.id)).toBeUndefined();
      expect(await store.get(b.id)).toBeDefined();
      expect(await store.get(c.id)).toBeDefined();
    });

    it('never drops pending or running jobs, however old', async () => {
      const store = new MemoryJobStore(1);
      const pending = await store.insert(job());
      const running = await store.insert(job());
      await store.transition(running.id, ['pending'], 'running');
      const finished = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of finished) await finish(store, id);

      expect((await store.get(pending.id))?.status).toBe('pending');
      expect((await store.get(running.id))?.status).toBe('running');
      expect(await store.get(finished[2].id)).toBeDefined();
      expect(await store.get(finished[0].id)).toBeUndefined();
      expect(await store.get(finished[1].id)).toBeUndefined();
    });

    it('keeps every job while the finished ones fit', async () => {
      const store = new MemoryJobStore(3);
      const jobs = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of jobs) await finish(store, id);

      expect((await store.list({ limit: 10 })).jobs).toHaveLength(3);
    });

    it('frees the idempotency key of a dropped job', async () => {
      const store = new MemoryJobStore(1);
      const keyed = await store.insert(job({ idempotencyKey: 'k' }));
      await finish(store, keyed.id);
      const other = await store.insert(job());
      await finish(store, other.id);

      const again = await store.insert(job({ idempotencyKey: 'k' }));

      expect(again.id).not.toBe(keyed.id);
    });
  });

  describe('list', () => {
    it('lists jobs newest first', async () => {
      const store = new MemoryJobStore(10);
      const ids = [];
      for (let i = 0; i < 4; i += 1) ids.push((await store.insert(job())).id);

      const page = await store.list({ limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([...ids].reverse());
      expect(page.nextCursor).toBeNull();
    });

    it('filters by owner, plugin and status together', async () => {
      const store = new MemoryJobStore(10);
      const wanted = await store.insert(job({ owner: 'key_a', plugin: 'echo' }));
      await store.insert(job({ owner: 'key_b', plugin: 'echo' }));
      await store.insert(job({ owner: 'key_a', plugin: 'thrower' }));
      const finished = await store.insert(job({ owner: 'key_a', plugin: 'echo' }));
      await finish(store, finished.id);

      const page = await store.list({ owner: 'key_a', plugin: 'echo', status: 'pending', limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([wanted.id]);
    });

    it('returns at most limit jobs with a cursor to the rest', async () => {
      const store = new MemoryJobStore(10);
      for (let i = 0; i < 5; i += 1) await store.insert(job());

      const page = await store.list({ limit: 2 });

      expect(page.jobs).toHaveLength(2);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('covers every job exactly once across its pages, in order', async () => {
      const store = new MemoryJobStore(100);
      const ids = [];
      for (let i = 0; i < 7; i += 1) ids.push((await store.insert(job())).id);

      const pages = await allPages(store, { limit: 3 });

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat().map((listed) => listed.id)).toEqual([...ids].reverse());
    });

    it('ends without an empty page when the jobs fill the last page exactly', async () => {
      const store = new MemoryJobStore(100);
      for (let i = 0; i < 6; i += 1) await store.insert(job());

      const pages = await allPages(store, { limit: 3 });

      expect(pages.map((page) => page.length)).toEqual([3, 3]);
    });

    it('covers every matching job exactly once across pages of a filtered listing', async () => {
      const store = new MemoryJobStore(100);
      const wanted = [];
      for (let i = 0; i < 9; i += 1) {
        const inserted = await store.insert(job({ plugin: i % 3 === 0 ? 'thrower' : 'echo' }));
        if (inserted.plugin === 'echo') wanted.push(inserted.id);
      }

      const pages = await allPages(store, { plugin: 'echo', limit: 2 });

      expect(pages.flat().map((listed) => listed.id)).toEqual([...wanted].reverse());
    });

    it('covers jobs created in the same millisecond exactly once', async () => {
      const store = new MemoryJobStore(100);
      const ids = [];
      for (let i = 0; i < 5; i += 1) ids.push((await store.insert(jobAt(1_000))).id);

      const pages = await allPages(store, { limit: 2 });

      expect(pages.flat().map((listed) => listed.id)).toEqual([...ids].reverse());
    });

    it('continues after a cursor whose job was dropped, without skipping older jobs of the same millisecond', async () => {
      const store = new MemoryJobStore(2);
      const older = [await store.insert(jobAt(1_000)), await store.insert(jobAt(1_000))];
      const a = await store.insert(jobAt(1_000));
      const b = await store.insert(jobAt(1_000));
      await finish(store, a.id);
      await finish(store, b.id);
      const first = await store.list({ limit: 2 });
      const c = await store.insert(jobAt(1_000));
      await finish(store, c.id);

      const second = await store.list({ limit: 2, cursor: first.nextCursor ?? undefined });

      expect(first.jobs.map((listed) => listed.id)).toEqual([b.id, a.id]);
      expect(await store.get(a.id)).toBeUndefined();
      expect(second.jobs.map((listed) => listed.id)).toEqual([older[1].id, older[0].id]);
    });

    it.each([['garbage'], ['bm90LWEtY3Vyc29y'], [Buffer.from('abc|id|extra').toString('base64url')], [Buffer.from('12|').toString('base64url')]])(
      'refuses the cursor %s with RequestInvalidError',
      async (cursor) => {
        const store = new MemoryJobStore(10);
        await store.insert(job());

        await expect(async () => store.list({ limit: 10, cursor })).rejects.toBeInstanceOf(RequestInvalidError);
      },
    );

    it('reports a bad cursor as a rejected promise rather than a synchronous throw', async () => {
      const store = new MemoryJobStore(10);
      let thrownSynchronously: unknown;
      let listing: Promise<unknown> | undefined;

      try {
        listing = store.list({ limit: 10, cursor: 'garbage' });
      } catch (error) {
        thrownSynchronously = error;
      }

      expect(thrownSynchronously).toBeUndefined();
      await expect(listing).rejects.toBeInstanceOf(RequestInvalidError);
    });
  });

  describe('findByStatus', () => {
    it('returns the jobs in the given statuses, oldest first', async () => {
      const store = new MemoryJobStore(10);
      const pending = await store.insert(job());
      const running = await store.insert(job());
      await store.transition(running.id, ['pending'], 'running');
      const finished = await store.insert(job());
      await finish(store, finished.id);

      const found = await store.findByStatus(['pending', 'running']);

      expect(found.map((listed) => listed.id)).toEqual([pending.id, running.id]);
    });
  });
});
