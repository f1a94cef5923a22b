import { Injectable } from '@nestjs/common';
import { JobOwnerForbiddenError } from '@forgesyte/errors';
import type { Job, JobOwnerCheck } from '@forgesyte/execution';
import { ApiKeyService } from '@forgesyte/keys';

/**
 * The {@link JobOwnerCheck} of the stored API keys: a queued job whose key was revoked, expired, lost
 * the `analyze` scope (what submitting a job needs) or the job's plugin or tool since the job was
 * submitted ends `FORBIDDEN` ({@link JobOwnerForbiddenError}) without running. One map lookup in the
 * key service's memory per job start; a job of a bootstrap key (`key_…`, never stored) always runs.
 */
@Injectable()
export class KeyJobOwnerCheck implements JobOwnerCheck {
  constructor(private readonly keys: ApiKeyService) {}

  refusal(job: Job): JobOwnerForbiddenError | undefined {
    const tool = job.tool ?? undefined;
    const refusal = this.keys.callRefusal(job.owner, 'analyze', job.plugin, tool);
    return refusal === undefined ? undefined : new JobOwnerForbiddenError(job.owner, refusal.reason, { plugin: job.plugin, tool, jobId: job.id }, refusal.at);
  }
}
