import type { ForgeSyteError } from '@forgesyte/errors';
import type { Job } from './jobs/job';

/**
 * Whether the owner of a queued job may still run it, asked as the job starts (each attempt): a port,
 * so that the execution lib knows nothing of API keys. The app provides an implementation under this
 * class as token (the engine's, over the stored keys); without one every job runs
 * ({@link NO_JOB_OWNER_CHECK}). Sync jobs are not asked: their request was checked a moment before.
 */
export abstract class JobOwnerCheck {
  /**
   * The error the job ends with, without running, when its owner may no longer run it (a key revoked,
   * expired or restricted since the job was submitted); undefined when it may. Sync and cheap: it is
   * asked once per queued job start.
   */
  abstract refusal(job: Job): ForgeSyteError | undefined;
}

/** Lets every job run: the check when the app provides no {@link JobOwnerCheck}. */
export const NO_JOB_OWNER_CHECK: JobOwnerCheck = Object.freeze({ refusal: () => undefined });
