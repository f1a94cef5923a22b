import type { Job } from '../../jobs/job';
import { job } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

/** A job with every field set, each to a value a store could get wrong. */
function fullJob(): Job {
  return {
    ...job({ owner: 'key_full', plugin: 'ocr', tool: 'extract_text', idempotencyKey: 'idem-1', requestHash: 'sha256:abc' }),
    mode: 'sync',
    status: 'running',
    createdAt: new Date(1_700_000_000_123),
    startedAt: new Date(1_700_000_000_456),
    completedAt: new Date(1_700_000_001_789),
    durationMs: 1333.25,
    progress: { fraction: 0.25, message: 'a quarter: “ünïcode” \u{1F600}' },
    args: { image: 'aGVsbG8=', nested: { list: [1, 'two', null, { three: true }] }, empty: {} },
    result: { text: 'línea 1\nline 2', boxes: [[0, 0, 10.5, 20]], none: null },
    error: {
      code: 'PLUGIN_ERROR',
      type: 'PluginError',
      message: 'the plugin failed',
      details: { cause: 'boom' },
      plugin: 'ocr',
      tool: 'extract_text',
      job_id: 'job-1',
      retryable: false,
    },
  };
}

/** Insert, get and idempotency cases of the JobStore contract. */
export function describeInsertAndGet(store: StoreUnderTest): void {
  describe('insert and get', () => {
    it('returns a stored job by its id', async () => {
      const stored = await store().insert(job());

      await expect(store().get(stored.id)).resolves.toEqual(stored);
    });

    it('returns undefined for an unknown id', async () => {
      await expect(store().get('missing')).resolves.toBeUndefined();
    });

    it('keeps every field of a job, with dates as Dates and JSON values intact', async () => {
      const full = fullJob();
      await store().insert(full);

      const read = await store().get(full.id);

      expect(read).toEqual(full);
      expect(read?.createdAt).toBeInstanceOf(Date);
      expect(read?.startedAt).toBeInstanceOf(Date);
      expect(read?.completedAt).toBeInstanceOf(Date);
    });

    it('keeps empty fields of a new job as null, and its absent result and error as undefined', async () => {
      const fresh = job({ tool: null, args: undefined });
      await store().insert(fresh);

      const read = await store().get(fresh.id);

      expect(read).toMatchObject({ tool: null, startedAt: null, completedAt: null, durationMs: null, progress: null, idempotencyKey: null, requestHash: null });
      expect(read?.args).toBeUndefined();
      expect(read?.result).toBeUndefined();
      expect(read?.error).toBeUndefined();
    });

    it('keeps JSON null, false, 0 and empty strings as such', async () => {
      const stored = await store().insert(job({ args: null }));
      await store().transition(stored.id, ['pending'], 'running');
      await store().transition(stored.id, ['running'], 'success', { result: null, durationMs: 0 });
      const other = await store().insert(job({ args: { flag: false, zero: 0, empty: '' } }));

      expect(await store().get(stored.id)).toMatchObject({ args: null, result: null, durationMs: 0 });
      expect((await store().get(other.id))?.args).toEqual({ flag: false, zero: 0, empty: '' });
    });

    it('returns the existing job for an idempotency key its owner already used, and stores nothing', async () => {
      const first = await store().insert(job({ idempotencyKey: 'k', requestHash: 'h1' }));
      const replay = job({ idempotencyKey: 'k', requestHash: 'h2' });

      const second = await store().insert(replay);

      expect(second).toEqual(first);
      expect(await store().get(replay.id)).toBeUndefined();
      expect((await store().list({ limit: 10 })).jobs).toHaveLength(1);
    });

    it('stores a new job for the same idempotency key of another owner', async () => {
      const first = await store().insert(job({ owner: 'key_a', idempotencyKey: 'k' }));

      const second = await store().insert(job({ owner: 'key_b', idempotencyKey: 'k' }));

      expect(second.id).not.toBe(first.id);
      expect(await store().get(second.id)).toEqual(second);
    });

    it('stores every job that has no idempotency key', async () => {
      await store().insert(job());
      await store().insert(job());

      expect((await store().list({ limit: 10 })).jobs).toHaveLength(2);
    });

    it('stores one job when many inserts race with the same idempotency key', async () => {
      const racing = Array.from({ length: 10 }, () => job({ idempotencyKey: 'race' }));

      const stored = await Promise.all(racing.map((candidate) => store().insert(candidate)));

      expect(new Set(stored.map((result) => result.id)).size).toBe(1);
      expect((await store().list({ limit: 20 })).jobs).toHaveLength(1);
    });
  });

  describe('findByIdempotencyKey', () => {
    it('finds the job its owner submitted with the key', async () => {
      const keyed = await store().insert(job({ owner: 'key_a', idempotencyKey: 'k' }));

      await expect(store().findByIdempotencyKey('key_a', 'k')).resolves.toEqual(keyed);
    });

    it('finds nothing for the key of another owner or an unused key', async () => {
      await store().insert(job({ owner: 'key_a', idempotencyKey: 'k' }));

      await expect(store().findByIdempotencyKey('key_b', 'k')).resolves.toBeUndefined();
      await expect(store().findByIdempotencyKey('key_a', 'other')).resolves.toBeUndefined();
    });

    it('finds the job in its current status', async () => {
      const keyed = await store().insert(job({ idempotencyKey: 'k' }));
      await store().transition(keyed.id, ['pending'], 'running');

      expect((await store().findByIdempotencyKey(keyed.owner, 'k'))?.status).toBe('running');
    });
  });
}
