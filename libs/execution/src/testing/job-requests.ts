import type { Job } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import type { JobStore } from '../store/job-store';

/** Requests, owners and observers shared by the JobExecutionService specs. */

/** The owner of the jobs these specs submit. */
export const OWNER = 'key_owner';
export const echo = (message: string) => ({ plugin: 'echo', tool: 'echo', args: { message } });
export const waitForever = { plugin: 'abortable', tool: 'wait', args: {} };
export const slowCount = (steps: number, delayMs: number) => ({ plugin: 'slow-progress', tool: 'count', args: { steps, delay_ms: delayMs } });

/** Every status the store is asked to give each job (insert, then each successful transition). */
export function recordStatuses(store: JobStore): Map<string, JobStatus[]> {
  const seen = new Map<string, JobStatus[]>();
  const note = (job: Job | undefined) => {
    if (job !== undefined) seen.set(job.id, [...(seen.get(job.id) ?? []), job.status]);
  };
  const insert = store.insert.bind(store);
  const transition = store.transition.bind(store);
  jest.spyOn(store, 'insert').mockImplementation(async (job) => {
    const stored = await insert(job);
    if (stored.id === job.id) note(stored);
    return stored;
  });
  jest.spyOn(store, 'transition').mockImplementation(async (...args) => {
    const next = await transition(...args);
    note(next);
    return next;
  });
  return seen;
}

/** What `promise` rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
