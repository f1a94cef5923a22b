import type { Job, JobProgress, JobUpdate } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import type { JobPage, JobQuery, JobStore } from '../store/job-store';
import type { JobChanges } from './job-changes';

/** The store the job service writes through: each status change and progress report it kept is announced to `changes`. */
export class AnnouncingJobStore implements JobStore {
  constructor(
    private readonly store: JobStore,
    private readonly changes: JobChanges,
  ) {}

  insert(job: Job): Promise<Job> {
    return this.store.insert(job);
  }

  get(id: string): Promise<Job | undefined> {
    return this.store.get(id);
  }

  findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    return this.store.findByIdempotencyKey(owner, idempotencyKey);
  }

  async transition(id: string, from: readonly JobStatus[], to: JobStatus, update?: JobUpdate): Promise<Job | undefined> {
    const moved = await this.store.transition(id, from, to, update);
    if (moved !== undefined) this.changes.changed(id);
    return moved;
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    await this.store.setProgress(id, progress);
    this.changes.changed(id);
  }

  list(query: JobQuery): Promise<JobPage> {
    return this.store.list(query);
  }

  findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return this.store.findByStatus(statuses);
  }
}
