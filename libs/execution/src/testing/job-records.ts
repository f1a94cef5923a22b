import type { Job } from '../jobs/job';
import { newJob, type NewJobFields } from '../jobs/new-job';
import type { JobQuery, JobStore } from '../store/job-store';

/** A pending job record with test defaults. */
export function job(fields: Partial<NewJobFields> = {}): Job {
  return newJob({ plugin: 'echo', tool: 'echo', mode: 'async', owner: 'key_owner', ...fields });
}

/** A job created at a given instant, to control creation times exactly. */
export function jobAt(createdAtMs: number, fields: Partial<NewJobFields> = {}): Job {
  return { ...job(fields), createdAt: new Date(createdAtMs) };
}

/** Moves a stored pending job through running to success. */
export async function finish(store: JobStore, id: string): Promise<void> {
  await store.transition(id, ['pending'], 'running');
  await store.transition(id, ['running'], 'success', { result: {}, completedAt: new Date() });
}

/** Every page of a listing, following next cursors until the last page. */
export async function allPages(store: JobStore, query: JobQuery): Promise<Job[][]> {
  const pages: Job[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, cursor });
    pages.push([...page.jobs]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

