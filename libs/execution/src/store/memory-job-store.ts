import type { Job, JobProgress, JobUpdate } from '../jobs/job';
import { updatedJob } from '../jobs/updated-job';
import { ALLOWED_TRANSITIONS, type JobStatus, TERMINAL_STATUSES } from '../jobs/job-status';
import { disallowedTransition } from './disallowed-transition';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import type { JobPage, JobQuery, JobStore } from './job-store';

interface Entry {
  job: Job;
  readonly sequence: number;
}

/**
 * Jobs in a bounded map, for tests and single-process use. Keeps at most `capacity` finished jobs:
 * the oldest finished ones are dropped first; pending and running jobs are never dropped.
 */
export class MemoryJobStore implements JobStore {
  /** Entries in insertion order (oldest first), by job id. */
  private readonly entries = new Map<string, Entry>();
  /** Job id by owner and idempotency key. */
  private readonly idempotent = new Map<string, string>();
  private nextSequence = 1;
  /** Ids of finished jobs in the order they finished, from `finishedHead` on: the order they are dropped in. */
  private readonly finished: string[] = [];
  private finishedHead = 0;

  constructor(private readonly capacity: number) {}

  async insert(job: Job): Promise<Job> {
    // Looked up without awaiting: racing inserts with one key must not all see it free.
    const key = idempotencyIndexKey(job);
    const earlier = key === undefined ? undefined : this.idempotentJob(key);
    if (earlier !== undefined) return earlier;
    this.entries.set(job.id, { job, sequence: this.nextSequence++ });
    if (key !== undefined) this.idempotent.set(key, job.id);
    if (TERMINAL_STATUSES.has(job.status)) this.onFinished(job.id);
    return job;
  }

  async get(id: string): Promise<Job | undefined> {
    return this.entries.get(id)?.job;
  }

  async findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    return this.idempotentJob(`${owner}\n${idempotencyKey}`);
  }

  private idempotentJob(indexKey: string): Job | undefined {
    const id = this.idempotent.get(indexKey);
    return id === undefined ? undefined : this.entries.get(id)?.job;
  }

  async transition(id: string, from: readonly JobStatus[], to: JobStatus, update: JobUpdate = {}): Promise<Job | undefined> {
    const entry = this.entries.get(id);
    if (entry === undefined || !from.includes(entry.job.status)) return undefined;
    if (!ALLOWED_TRANSITIONS[entry.job.status].includes(to)) {
      throw disallowedTransition(id, entry.job.status, to);
    }
    entry.job = updatedJob(entry.job, to, update);
    if (TERMINAL_STATUSES.has(to)) this.onFinished(id);
    return entry.job;
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    const entry = this.entries.get(id);
    if (entry?.job.status === 'running') entry.job = updatedJob(entry.job, 'running', { progress });
  }

  async list(query: JobQuery): Promise<JobPage> {
    const before = query.cursor === undefined ? Infinity : decodeJobCursor(query.cursor);
    const newestFirst = [...this.entries.values()].reverse();
    const page: Entry[] = [];
    for (const entry of newestFirst) {
      if (page.length > query.limit) break;
      if (entry.sequence < before && matches(entry.job, query)) page.push(entry);
    }
    const hasMore = page.length > query.limit;
    const entries = hasMore ? page.slice(0, query.limit) : page;
    return {
      jobs: entries.map((entry) => entry.job),
      nextCursor: hasMore ? encodeJobCursor(entries[entries.length - 1].sequence) : null,
    };
  }

  async findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return [...this.entries.values()].map((entry) => entry.job).filter((job) => statuses.includes(job.status));
  }

  /**
   * Drops the job that finished first once more than `capacity` finished jobs are kept: O(1), where
   * scanning the map from its oldest entry costs O(dropped entries) after many deletes.
   */
  private onFinished(id: string): void {
    this.finished.push(id);
    if (this.finished.length - this.finishedHead <= this.capacity) return;
    const oldest = this.finished[this.finishedHead++];
    if (this.finishedHead >= 1024 && this.finishedHead * 2 >= this.finished.length) {
      this.finished.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
    const entry = this.entries.get(oldest);
    if (entry === undefined) return;
    this.entries.delete(oldest);
    const key = idempotencyIndexKey(entry.job);
    if (key !== undefined) this.idempotent.delete(key);
  }
}

function idempotencyIndexKey(job: Job): string | undefined {
  return job.idempotencyKey === null ? undefined : `${job.owner}\n${job.idempotencyKey}`;
}

function matches(job: Job, query: JobQuery): boolean {
  return (
    (query.owner === undefined || job.owner === query.owner) &&
    (query.plugin === undefined || job.plugin === query.plugin) &&
    (query.status === undefined || job.status === query.status) &&
    (query.priority === undefined || job.priority === query.priority)
  );
}
