/** Stops watching a job. */
export type StopWatching = () => void;

/**
 * Announcements that a job changed (a status change or a progress report, once the store kept it), for
 * whoever follows the job live (the job events stream). They carry no data: a watcher reads the job from
 * the store, so that it never sees a state the store does not hold, and several changes in a row reach
 * it as one read of the latest.
 */
export interface JobChanges {
  /**
   * Tells the watchers that the job changed, after the store kept the change. Absent when the store
   * announces its own writes (Redis, to every process): the job service then writes to the store
   * directly, else through an `AnnouncingJobStore` that calls this.
   */
  readonly changed?: (jobId: string) => void;
  /** Calls `onChange` after each change of the job, from now until the returned function is called. */
  watch(jobId: string, onChange: () => void): Promise<StopWatching>;
  /** Stops every watch and lets go of what they held. */
  close(): Promise<void>;
}
