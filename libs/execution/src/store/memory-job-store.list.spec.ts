import { RequestInvalidError } from '@forgesyte/errors';
import { MemoryJobStore } from './memory-job-store';
import { job, jobAt, finish, allPages } from '../testing/job-records';

describe(MemoryJobStore.name, () => {
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

});
