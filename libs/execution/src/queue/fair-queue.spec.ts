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

  it('hands an emptied lane to the next key empty: a job removed before never comes back, nor jumps the order', () => {
    const queue = new FairQueue();
    queue.add(job('a1', 'a'));
    queue.add(job('x', 'a'));
    queue.remove('x');
    expect(takeAll(queue)).toEqual(['a1']);

    // Key b gets key a's emptied lane; a job of b with the removed job's id, added after b's first, comes after it.
    queue.add(job('b1', 'b'));
    queue.add(job('x', 'b'));

    expect([queue.sizeOf('a'), queue.sizeOf('b')]).toEqual([0, 2]);
    expect(takeAll(queue)).toEqual(['b1', 'x']);
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
