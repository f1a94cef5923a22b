/** The most urgent priority an async job may ask for: it runs first within its key's turn. */
export const MIN_JOB_PRIORITY = 1;
/** The least urgent priority. */
export const MAX_JOB_PRIORITY = 10;
/** The priority of a job that asks for none (and of every sync job, which never waits in a queue). */
export const DEFAULT_JOB_PRIORITY = 5;

/** Whether `value` is a job priority: a whole number from {@link MIN_JOB_PRIORITY} to {@link MAX_JOB_PRIORITY}. */
export function isJobPriority(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_JOB_PRIORITY && (value as number) <= MAX_JOB_PRIORITY;
}
