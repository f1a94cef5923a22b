import { FairQueue } from './fair-queue';

const job = (id: string, owner: string, priority = 5) => ({ id, owner, priority });

function takeAll(queue: FairQueue, blocked?: (owner: string) => boolean): string[] {
  const taken: string[] = [];
  for (let next = queue.next(blocked); next !== undefined; next = queue.next(blocked)) taken.push(next.id);
  return taken;
}

describe(FairQueue.name, () => {
  it('gives keys turns, one job each, however many one key queued', () => {
    const queue = new FairQueue();
    for (let i = 1; i <= 5; i += 1) queue.add(job(`a${i}`, 'a'));
    queue.add(job('b1', 'b'));
    queue.add(job('b2', 'b'));

    expect(takeAll(queue)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'a4', 'a5']);
  });

  it("orders a key's jobs by priority, then first in first out", () => {
    const queue = new FairQueue();
    queue.add(job('low', 'a', 10));
    queue.add(job('normal-1', 'a'));
    queue.add(job('urgent', 'a', 1));
    queue.add(job('normal-2', 'a'));

    expect(takeAll(queue)).toEqual(['urgent', 'normal-1', 'normal-2', 'low']);
  });

  it('skips removed jobs, and a key whose jobs were all removed', () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('a2', 'a'));
    queue.add(job('b1', 'b'));
    queue.remove('a1');
    queue.remove('b1');

    expect([queue.size, queue.sizeOf('a'), queue.sizeOf('b')]).toEqual([1, 1, 0]);
    expect(takeAll(queue)).toEqual(['a2']);
  });

  it("keeps a key's emptied lane empty: a job removed before never comes back, nor jumps the order", () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('x', 'a'));
    queue.remove('x');
    expect(takeAll(queue)).toEqual(['a1']);

    // Key a's lane, emptied, is kept for its next jobs; a job with the removed job's id, added after a2, comes after it.
    queue.add(job('a2', 'a'));
    queue.add(job('x', 'a'));

    expect(queue.sizeOf('a')).toBe(2);
    expect(takeAll(queue)).toEqual(['a2', 'x']);
  });

  it('gives turns to keys whose jobs come and go one at a time, however many keys came before', () => {
    const queue = new FairQueue();
    // More keys than the idle lanes kept: some lanes are dropped, others kept, and each key still gets its turn.
    for (let i = 0; i < 200; i += 1) {
      queue.add(job(`once${i}`, `key${i}`));
      expect(takeAll(queue)).toEqual([`once${i}`]);
    }
    for (let i = 0; i < 200; i += 1) queue.add(job(`again${i}`, `key${i % 3}`));

    expect(takeAll(queue).slice(0, 6)).toEqual(['again0', 'again1', 'again2', 'again3', 'again4', 'again5']);
    expect([queue.size, queue.sizeOf('key0')]).toEqual([0, 0]);
  });

  it('keeps a job added twice once', () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('a1', 'a'));

    expect(takeAll(queue)).toEqual(['a1']);
  });

  it('parks a blocked key until it is unblocked, while other keys go on', () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('a2', 'a'));
    queue.add(job('b1', 'b'));
    queue.add(job('b2', 'b'));

    expect(takeAll(queue, (owner) => owner === 'a')).toEqual(['b1', 'b2']);
    queue.unblock('a');
    expect(takeAll(queue)).toEqual(['a1', 'a2']);
  });

  it('drains every waiting job, parked ones included', () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('b1', 'b'));
    queue.next((owner) => owner === 'a');

    expect(queue.drain().map((drained) => drained.id)).toEqual(['a1']);
    expect(queue.size).toBe(0);
  });
});
