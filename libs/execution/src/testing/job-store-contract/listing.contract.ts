import { RequestInvalidError } from '@forgesyte/errors';
import { allPages, finish, job, jobAt } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

/** The list (filters, order, cursor pages) cases of the JobStore contract. */
export function describeListing(store: StoreUnderTest): void {
  describe('list', () => {
    it('lists jobs newest first', async () => {
      const ids = [];
      for (let i = 0; i < 4; i += 1) ids.push((await store().insert(job())).id);

      const page = await store().list({ limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([...ids].reverse());
      expect(page.nextCursor).toBeNull();
    });

    it('returns an empty page when there are no jobs', async () => {
      await expect(store().list({ limit: 10 })).resolves.toEqual({ jobs: [], nextCursor: null });
    });

    it('returns whole jobs', async () => {
      const stored = await store().insert(job({ args: { message: 'kept' } }));

      expect((await store().list({ limit: 10 })).jobs).toEqual([stored]);
    });

    it('filters by owner, plugin and status together', async () => {
      const wanted = await store().insert(job({ owner: 'key_a', plugin: 'echo' }));
      await store().insert(job({ owner: 'key_b', plugin: 'echo' }));
      await store().insert(job({ owner: 'key_a', plugin: 'thrower' }));
      const finished = await store().insert(job({ owner: 'key_a', plugin: 'echo' }));
      await finish(store(), finished.id);

      const page = await store().list({ owner: 'key_a', plugin: 'echo', status: 'pending', limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([wanted.id]);
    });

    it.each([
      ['owner', { owner: 'key_a' }],
      ['plugin', { plugin: 'echo' }],
      ['owner and plugin', { owner: 'key_a', plugin: 'echo' }],
    ])('filters by %s alone', async (_, filter) => {
      const wanted = await store().insert(job({ owner: 'key_a', plugin: 'echo' }));
      await store().insert(job({ owner: 'key_b', plugin: 'thrower' }));

      const page = await store().list({ ...filter, limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([wanted.id]);
    });

    it('lists a job under its new status once it moved', async () => {
      const moved = await store().insert(job({ owner: 'key_a' }));
      const staying = await store().insert(job({ owner: 'key_a' }));
      await store().transition(moved.id, ['pending'], 'running');

      const ids = async (status: 'pending' | 'running') => (await store().list({ owner: 'key_a', status, limit: 10 })).jobs.map((listed) => listed.id);

      expect(await ids('running')).toEqual([moved.id]);
      expect(await ids('pending')).toEqual([staying.id]);
      expect((await store().list({ status: 'running', limit: 10 })).jobs).toEqual([await store().get(moved.id)]);
    });

    it('returns at most limit jobs with a cursor to the rest', async () => {
      for (let i = 0; i < 5; i += 1) await store().insert(job());

      const page = await store().list({ limit: 2 });

      expect(page.jobs).toHaveLength(2);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('covers every job exactly once across its pages, in order', async () => {
      const ids = [];
      for (let i = 0; i < 7; i += 1) ids.push((await store().insert(job())).id);

      const pages = await allPages(store(), { limit: 3 });

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat().map((listed) => listed.id)).toEqual([...ids].reverse());
    });

    it('ends without an empty page when the jobs fill the last page exactly', async () => {
      for (let i = 0; i < 6; i += 1) await store().insert(job());

      const pages = await allPages(store(), { limit: 3 });

      expect(pages.map((page) => page.length)).toEqual([3, 3]);
    });

    it('covers every matching job exactly once across pages of a filtered listing', async () => {
      const wanted = [];
      for (let i = 0; i < 9; i += 1) {
        const inserted = await store().insert(job({ plugin: i % 3 === 0 ? 'thrower' : 'echo' }));
        if (inserted.plugin === 'echo') wanted.push(inserted.id);
      }

      const pages = await allPages(store(), { plugin: 'echo', limit: 2 });

      expect(pages.flat().map((listed) => listed.id)).toEqual([...wanted].reverse());
    });

    it('pages through the jobs of one unfinished status among many of the other', async () => {
      const pending: string[] = [];
      for (let i = 0; i < 250; i += 1) {
        const inserted = await store().insert(job());
        if (i % 60 === 59) pending.push(inserted.id);
        else await store().transition(inserted.id, ['pending'], 'running');
      }

      const pages = await allPages(store(), { status: 'pending', limit: 3 });

      expect(pages.map((page) => page.length)).toEqual([3, 1]);
      expect(pages.flat().map((listed) => listed.id)).toEqual([...pending].reverse());
      expect((await store().list({ status: 'running', limit: 500 })).jobs).toHaveLength(246);
    });

    it('covers jobs created in the same millisecond exactly once', async () => {
      const ids = [];
      for (let i = 0; i < 5; i += 1) ids.push((await store().insert(jobAt(1_000))).id);

      const pages = await allPages(store(), { limit: 2 });

      expect(pages.flat().map((listed) => listed.id)).toEqual([...ids].reverse());
    });

    it('orders by submission even when creation times disagree', async () => {
      const first = await store().insert(jobAt(5_000));
      const second = await store().insert(jobAt(1_000));

      const page = await store().list({ limit: 10 });

      expect(page.jobs.map((listed) => listed.id)).toEqual([second.id, first.id]);
    });

    it('does not show a job submitted after the first page on the later pages', async () => {
      const ids = [];
      for (let i = 0; i < 4; i += 1) ids.push((await store().insert(job())).id);
      const first = await store().list({ limit: 2 });
      await store().insert(job());

      const second = await store().list({ limit: 2, cursor: first.nextCursor ?? undefined });

      expect(second.jobs.map((listed) => listed.id)).toEqual([ids[1], ids[0]]);
      expect(second.nextCursor).toBeNull();
    });

    it.each([
      ['garbage'],
      ['bm90LWEtY3Vyc29y'],
      [Buffer.from('abc|id|extra').toString('base64url')],
      [Buffer.from('12|').toString('base64url')],
      // An issued cursor with a character added (seq:18), or padded (seq:1): base64 decoders skip either.
      [`${Buffer.from('seq:18').toString('base64url')}x`],
      [Buffer.from('seq:1').toString('base64')],
    ])(
      'refuses the cursor %s with RequestInvalidError',
      async (cursor) => {
        await store().insert(job());

        await expect(async () => store().list({ limit: 10, cursor })).rejects.toBeInstanceOf(RequestInvalidError);
      },
    );

    it('reports a bad cursor as a rejected promise rather than a synchronous throw', async () => {
      let thrownSynchronously: unknown;
      let listing: Promise<unknown> | undefined;

      try {
        listing = store().list({ limit: 10, cursor: 'garbage' });
      } catch (error) {
        thrownSynchronously = error;
      }

      expect(thrownSynchronously).toBeUndefined();
      await expect(listing).rejects.toBeInstanceOf(RequestInvalidError);
    });
  });
}
