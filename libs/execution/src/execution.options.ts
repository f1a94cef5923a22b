/** Limits of the job executor and store. */
export interface ExecutionModuleOptions {
  /** Async jobs running at once. Default 4. */
  readonly maxConcurrency?: number;
  /** Async jobs waiting to run before submissions get `OVERLOADED`. Default 1000. */
  readonly maxQueue?: number;
  /** Finished jobs the in-memory store keeps. Default 10000. */
  readonly retainJobs?: number;
}

/** Defaults of {@link ExecutionModuleOptions}. */
export const EXECUTION_DEFAULTS = Object.freeze({ maxConcurrency: 4, maxQueue: 1000, retainJobs: 10_000 });
