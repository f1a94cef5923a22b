import type { Job, JobProgress, JobUpdate } from '../jobs/job';
import { ALLOWED_TRANSITIONS, type JobStatus, TERMINAL_STATUSES } from '../jobs/job-status';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import type { JobPage, JobQuery, JobStore } from './job-store';

/**
 * Jobs in a bounded map, for tests and single-process use. Keeps at most `capacity` finished jobs:
 * the oldest finished ones are dropped first; pending and running jobs are never dropped.
 */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();
  /** Job id by owner and idempotency key. */
  private readonly idempotent = new Map<string, string>();
  private finishedCount = 0;

  constructor(private readonly capacity: number) {}

  insert(job: Job): Promise<Job> {
    const key = idempotencyIndexKey(job);
    const existingId = key === undefined ? undefined : this.idempotent.get(key);
    const existing = existingId === undefined ? undefined : this.jobs.get(existingId);
    if (existing !== undefined) return Promise.resolve(existing);
    this.jobs.set(job.id, job);
    if (key !== undefined) this.idempotent.set(key, job.id);
    if (TERMINAL_STATUSES.has(job.status)) this.onFinished();
    return Promise.resolve(job);
  }

  get(id: string): Promise<Job | undefined> {
    return Promise.resolve(this.jobs.get(id));
  }

  transition(id: string, from: readonly JobStatus[], to: JobStatus, update: JobUpdate = {}): Promise<Job | undefined> {
    const job = this.jobs.get(id);
    if (job === undefined || !from.includes(job.status)) return Promise.resolve(undefined);
    if (!ALLOWED_TRANSITIONS[job.status].includes(to)) {
      throw new Error(`job ${id} cannot move from ${job.status} to ${to}`);
    }
    const next: Job = { ...job, ...update, status: to };
    this.jobs.set(id, next);
    if (TERMINAL_STATUSES.has(to)) this.onFinished();
    return Promise.resolve(next);
  }

  setProgress(id: string, progress: JobProgress): Promise<void> {
    const job = this.jobs.get(id);
    if (job?.status === 'running') this.jobs.set(id, { ...job, progress });
    return Promise.resolve();
  }

  list(query: JobQuery): Promise<JobPage> {
    const newestFirst = [...this.jobs.values()].reverse();
    const start = query.cursor === undefined ? 0 : startAfterCursor(newestFirst, query.cursor);
    const page: Job[] = [];
    for (let i = start; i < newestFirst.length && page.length <= query.limit; i += 1) {
      const job = newestFirst[i];
      if (matches(job, query)) page.push(job);
    }
    const hasMore = page.length > query.limit;
    const jobs = hasMore ? page.slice(0, query.limit) : page;
    return Promise.resolve({ jobs, nextCursor: hasMore ? encodeJobCursor(jobs[jobs.length - 1]) : null });
  }

  findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return Promise.resolve([...this.jobs.values()].filter((job) => statuses.includes(job.status)));
  }

  private onFinished(): void {
    this.finishedCount += 1;
    if (this.finishedCount <= this.capacity) return;
    for (const job of this.jobs.values()) {
      if (!TERMINAL_STATUSES.has(job.status)) continue;
      this.jobs.delete(job.id);
      const key = idempotencyIndexKey(job);
      if (key !== undefined) this.idempotent.delete(key);
      this.finishedCount -= 1;
      return;
    }
  }
}

function idempotencyIndexKey(job: Job): string | undefined {
  return job.idempotencyKey === null ? undefined : `${job.owner}\n${job.idempotencyKey}`;
}

function matches(job: Job, query: JobQuery): boolean {
  return (
    (query.owner === undefined || job.owner === query.owner) &&
    (query.plugin === undefined || job.plugin === query.plugin) &&
    (query.status === undefined || job.status === query.status)
  );
}

function startAfterCursor(newestFirst: readonly Job[], cursor: string): number {
  const { createdAtMs, id } = decodeJobCursor(cursor);
  const at = newestFirst.findIndex((job) => job.id === id);
  if (at >= 0) return at + 1;
  const older = newestFirst.findIndex((job) => job.createdAt.getTime() < createdAtMs);
  return older >= 0 ? older : newestFirst.length;
}
