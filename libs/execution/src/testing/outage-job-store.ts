import { StoreUnavailableError } from '@forgesyte/errors';
import type { Job, JobProgress, JobUpdate } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import type { JobPage, JobQuery, JobStore } from '../store/job-store';
import { MemoryJobStore } from '../store/memory-job-store';

/** A write of a store: an insert, a progress report, or a move to a status. */
export type StoreWrite = 'insert' | 'progress' | JobStatus;

/**
 * A test double of a store whose disk fills up: a {@link MemoryJobStore} whose writes throw
 * `STORE_UNAVAILABLE` while {@link down} is true: all of them, or only those in {@link failingWrites}
 * when that is set. Reads always work, as on a full disk.
 */
export class OutageJobStore implements JobStore {
  readonly inner = new MemoryJobStore(1000);
  down = false;
  /** When set (and `down`), only these writes fail. */
  failingWrites: readonly StoreWrite[] | undefined;
  /** What a refused write throws: the store's `STORE_UNAVAILABLE` unless a test says otherwise. */
  failure: () => Error = () => new StoreUnavailableError('write');
  /** Writes refused so far. */
  refused = 0;

  insert(job: Job): Promise<Job> {
    return this.write('insert', () => this.inner.insert(job));
  }

  get(id: string): Promise<Job | undefined> {
    return this.inner.get(id);
  }

  findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    return this.inner.findByIdempotencyKey(owner, idempotencyKey);
  }

  transition(id: string, from: readonly JobStatus[], to: JobStatus, update?: JobUpdate): Promise<Job | undefined> {
    return this.write(to, () => this.inner.transition(id, from, to, update));
  }

  setProgress(id: string, progress: JobProgress): Promise<void> {
    return this.write('progress', () => this.inner.setProgress(id, progress));
  }

  list(query: JobQuery): Promise<JobPage> {
    return this.inner.list(query);
  }

  findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return this.inner.findByStatus(statuses);
  }

  private async write<T>(what: StoreWrite, run: () => Promise<T>): Promise<T> {
    const refused = this.down && (this.failingWrites === undefined || this.failingWrites.includes(what));
    if (!refused) return run();
    this.refused += 1;
    throw this.failure();
  }
}
