import { MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '../jobs/job-priority';
import type { QueuedJob } from './job-queue';

/** A first-in first-out list with O(1) push and shift (an array's `shift` copies it once it is long). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Empties it, keeping its array (for reuse). */
  clear(): void {
    this.items.length = 0;
    this.head = 0;
  }
}

/**
 * Empty lanes kept at most, each under its key: a key whose jobs come and go one at a time (a server
 * that keeps up) reuses its lane instead of making and dropping one per job, which cost about 0.2 µs
 * per job.
 */
const IDLE_LANES = 64;

/**
 * One key's waiting jobs: a FIFO per priority (made when a job of that priority first comes: most keys
 * use one), and whether the key has a place in the round.
 */
interface KeyLane {
  readonly owner: string;
  readonly byPriority: (Fifo<string> | undefined)[];
  /** Waiting jobs of the key (removed ones excluded; they are skipped when met). */
  size: number;
  /**
   * In the round-robin ring; parked there by {@link FairQueue.next} while the key runs as many jobs as
   * it may; out of it with jobs; or idle, out of it without jobs and kept for the key's next one.
   */
  place: 'ringed' | 'parked' | 'out' | 'idle';
}

/**
 * Waiting jobs in the order they should start when several keys (owners) wait: free slots go
 * round-robin across keys, one job per key per turn, and within a key to its most urgent priority
 * (1 first), first in first out. A key with one job therefore waits at most one turn of the other
 * waiting keys, however many jobs they queued. Every operation is O(1) (priorities are 10 FIFOs); a
 * removed job is dropped lazily, when its turn comes.
 */
export class FairQueue {
  /** The keys' lanes: those with waiting jobs, and up to {@link IDLE_LANES} idle ones. */
  private readonly lanes = new Map<string, KeyLane>();
  private idleLanes = 0;
  private readonly ring = new Fifo<KeyLane>();
  /** Waiting jobs by id: their key. */
  private readonly jobs = new Map<string, string>();

  /** Jobs waiting, all keys together. */
  get size(): number {
    return this.jobs.size;
  }

  /** Jobs of `owner` waiting. */
  sizeOf(owner: string): number {
    return this.lanes.get(owner)?.size ?? 0;
  }

  has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** Queues a job behind its key's jobs of the same priority; a job already waiting stays where it is. */
  add(job: QueuedJob): void {
    if (this.jobs.has(job.id)) return;
    let lane = this.lanes.get(job.owner);
    if (lane === undefined) {
      lane = { owner: job.owner, byPriority: [], size: 0, place: 'out' };
      this.lanes.set(job.owner, lane);
    } else if (lane.place === 'idle') {
      lane.place = 'out';
      this.idleLanes -= 1;
    }
    const index = Math.min(Math.max(Math.trunc(job.priority), MIN_JOB_PRIORITY), MAX_JOB_PRIORITY) - MIN_JOB_PRIORITY;
    (lane.byPriority[index] ??= new Fifo<string>()).push(job.id);
    lane.size += 1;
    this.jobs.set(job.id, job.owner);
    if (lane.place === 'out') this.enterRing(lane);
  }

  /** Drops a waiting job (cancelled); false when it was not waiting. */
  remove(jobId: string): boolean {
    const owner = this.jobs.get(jobId);
    if (owner === undefined) return false;
    this.jobs.delete(jobId);
    (this.lanes.get(owner) as KeyLane).size -= 1;
    return true;
  }

  /**
   * The next job to start, taken out of the queue: the most urgent of the key whose turn it is. A key
   * for which `blocked` says true (it runs as many jobs as it may) is parked, out of the turns, until
   * {@link unblock} names it. Undefined when no key has a job it may start.
   */
  next(blocked?: (owner: string) => boolean): QueuedJob | undefined {
    for (let lane = this.ring.shift(); lane !== undefined; lane = this.ring.shift()) {
      if (lane.size === 0) {
        this.leave(lane);
        continue;
      }
      if (blocked?.(lane.owner) === true) {
        lane.place = 'parked';
        continue;
      }
      const job = this.take(lane);
      if (lane.size > 0) this.ring.push(lane);
      else this.leave(lane);
      if (job !== undefined) return job;
    }
    return undefined;
  }

  /** `owner` may start jobs again: a parked key takes its place at the end of the round. */
  unblock(owner: string): void {
    const lane = this.lanes.get(owner);
    if (lane?.place === 'parked') this.enterRing(lane);
  }

  /** Takes every waiting job out, keys in turn (for shutdown). */
  drain(): QueuedJob[] {
    const all: QueuedJob[] = [];
    for (const lane of this.lanes.values()) this.enterRing(lane);
    for (let job = this.next(); job !== undefined; job = this.next()) all.push(job);
    return all;
  }

  private enterRing(lane: KeyLane): void {
    if (lane.place === 'ringed') return;
    if (lane.place === 'idle') this.idleLanes -= 1;
    lane.place = 'ringed';
    this.ring.push(lane);
  }

  /** Takes the lane out of the ring; an empty one stays as idle, or goes when enough are. */
  private leave(lane: KeyLane): void {
    lane.place = 'out';
    if (lane.size > 0) return;
    if (this.idleLanes >= IDLE_LANES) {
      this.lanes.delete(lane.owner);
      return;
    }
    // Its FIFOs may still hold removed jobs' ids, skipped when met: an idle lane is empty.
    for (const fifo of lane.byPriority) if (fifo !== undefined && fifo.length > 0) fifo.clear();
    lane.place = 'idle';
    this.idleLanes += 1;
  }

  /** The key's most urgent waiting job, skipping removed ones. */
  private take(lane: KeyLane): QueuedJob | undefined {
    for (let index = 0; index < lane.byPriority.length; index += 1) {
      const fifo = lane.byPriority[index];
      if (fifo === undefined) continue;
      for (let id = fifo.shift(); id !== undefined; id = fifo.shift()) {
        if (this.jobs.get(id) !== lane.owner) continue;
        this.jobs.delete(id);
        lane.size -= 1;
        return { id, owner: lane.owner, priority: index + MIN_JOB_PRIORITY };
      }
    }
    return undefined;
  }
}
