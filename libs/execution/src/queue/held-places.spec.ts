import { newJob } from '../jobs/new-job';
import { HeldPlaces } from './held-places';

const candidate = (owner: string) => newJob({ plugin: 'p', tool: 't', mode: 'async', owner });
const stored = (owner: string) => () => Promise.resolve(candidate(owner));

describe('HeldPlaces', () => {
  it('counts held places in all and by key, until released', () => {
    const places = new HeldPlaces();
    const first = places.hold('key_a', async () => ({ stored: candidate('key_a'), queued: true }));
    const second = places.hold('key_a', async () => ({ stored: candidate('key_a'), queued: true }));
    places.hold('key_b', async () => ({ stored: candidate('key_b'), queued: true }));
    expect([places.count, places.countOf('key_a'), places.countOf('key_b'), places.countOf('key_c')]).toEqual([3, 2, 1, 0]);
    first.release();
    first.release();
    expect([places.count, places.countOf('key_a')]).toEqual([2, 1]);
    second.release();
    expect([places.count, places.countOf('key_a'), places.countOf('key_b')]).toEqual([1, 0, 1]);
  });

  it('hands the place back once queue settles, resolved or rejected, and not twice when released after', async () => {
    const places = new HeldPlaces();
    const resolved = places.hold('key_a', async (job, insert) => ({ stored: await insert(), queued: job !== undefined }));
    const rejected = places.hold('key_a', async () => Promise.reject(new Error('disk full')));
    expect(places.countOf('key_a')).toBe(2);
    await expect(resolved.queue(candidate('key_a'), stored('key_a'))).resolves.toMatchObject({ queued: true });
    await expect(rejected.queue(candidate('key_a'), stored('key_a'))).rejects.toThrow('disk full');
    resolved.release();
    rejected.release();
    expect([places.count, places.countOf('key_a')]).toEqual([0, 0]);
  });

  it('keeps every key counted right when thousands of keys come and go, one key holding throughout', () => {
    const places = new HeldPlaces();
    const steady = places.hold('key_steady', async () => ({ stored: candidate('key_steady'), queued: true }));
    for (let round = 0; round < 3; round += 1) {
      const reservations = Array.from({ length: 3000 }, (_, i) => places.hold(`key_${i}`, async () => ({ stored: candidate(`key_${i}`), queued: true })));
      places.hold('key_7', async () => ({ stored: candidate('key_7'), queued: true })).release();
      expect([places.count, places.countOf('key_7'), places.countOf('key_2999')]).toEqual([3001, 1, 1]);
      for (const reservation of reservations) reservation.release();
      expect([places.count, places.countOf('key_7'), places.countOf('key_2999'), places.countOf('key_steady')]).toEqual([1, 0, 0, 1]);
    }
    steady.release();
    expect([places.count, places.countOf('key_steady')]).toEqual([0, 0]);
  });
});
