import { Injectable } from '@nestjs/common';
import type { ErrorBody, ForgeSyteError } from '@forgesyte/errors';
import { type ExecutionOutcome, ToolRunner, type ToolRunRequest } from '@forgesyte/runtime';
import { attemptsAllowed, backoffDelayMs, mayRetry } from './job-retry';
import type { Job } from './jobs/job';

/**
 * Executes one tool call. It delegates to the {@link ToolRunner} and never touches a plugin: every
 * execution in ForgeSyte takes this path. It also decides, from the tool's `retry` policy, how many
 * attempts an async job may make and when a failed one is tried again.
 */
@Injectable()
export class PluginExecutionService {
  constructor(private readonly runner: ToolRunner) {}

  execute(request: ToolRunRequest): Promise<ExecutionOutcome> {
    return this.runner.run(request);
  }

  /** The error a request would fail with before its tool runs (unknown plugin/tool, bad args), if any. */
  check(request: Pick<ToolRunRequest, 'plugin' | 'tool' | 'args'>): ForgeSyteError | undefined {
    return this.runner.check(request);
  }

  /** The `maxConcurrency` of the tool a request for `plugin` and `tool` runs, if it declares one. */
  concurrencyLimitOf(plugin: string, tool?: string): number | undefined {
    return this.runner.concurrencyLimitOf(plugin, tool);
  }

  /**
   * How many attempts an async job of `plugin` and `tool` may make: the tool's `retry.attempts` (1
   * without a policy), lowered to `maxAttempts` when the submission asked for fewer.
   */
  attemptsFor(plugin: string, tool: string | undefined, maxAttempts: number | undefined): number {
    return attemptsAllowed(this.runner.retryPolicyOf(plugin, tool), maxAttempts);
  }

  /**
   * The retry decision for a job whose attempt failed with `error`: when its next attempt may start
   * (the tool's backoff from now), or undefined when it must end now (a sync job, an error that is not
   * retryable, no attempts left). A tool whose policy went away meanwhile is retried at once.
   */
  nextAttemptAt(job: Pick<Job, 'plugin' | 'tool' | 'mode' | 'attempt' | 'attempts'>, error: ErrorBody | undefined, now = Date.now()): Date | undefined {
    if (!mayRetry(job, error)) return undefined;
    const policy = this.runner.retryPolicyOf(job.plugin, job.tool ?? undefined);
    return new Date(now + (policy === undefined ? 0 : backoffDelayMs(policy.backoff, job.attempt)));
  }

  /** The tool a request runs: the one named, else the plugin's default tool. */
  toolNameFor(plugin: string, tool?: string): string | undefined {
    return this.runner.toolNameFor(plugin, tool);
  }
}
