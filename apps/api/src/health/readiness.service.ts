import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { NotReadyError } from '@forgesyte/errors';
import type { ReadinessChecksResponse, ReadinessResponse } from './dto/readiness.response';
import { JobQueueHealthIndicator } from './job-queue.health';
import { JobStoreHealthIndicator } from './job-store.health';
import { PluginsHealthIndicator } from './plugins.health';

/** The pseudo-check that fails once shutdown began (terminus' `shutting_down`), whatever the others found. */
const SHUTTING_DOWN = { server: { status: 'down', message: 'The server is shutting down: it finishes the work it has and takes no more.' } } as const;

/**
 * Readiness, with terminus: the job store, the job queue and the plugins, checked side by side, each
 * within its timeout. Ready: every check, up. Not ready: `NOT_READY` (503) naming each failed check,
 * also once shutdown began (terminus' own `beforeApplicationShutdown`, which runs before the HTTP
 * server closes). A change of verdict is logged once.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private wasReady: boolean | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: JobStoreHealthIndicator,
    private readonly queue: JobQueueHealthIndicator,
    private readonly plugins: PluginsHealthIndicator,
  ) {}

  /** Every check, up; throws `NotReadyError` with the failed ones. */
  async check(): Promise<ReadinessResponse> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.store.check('store'), () => this.queue.check('queue'), () => this.plugins.check('plugins')]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const failed = error.getResponse() as HealthCheckResult;
      const checks = { ...failed.error, ...(failed.status === 'shutting_down' ? SHUTTING_DOWN : {}) };
      this.report(false, Object.keys(checks));
      throw new NotReadyError(checks);
    }
    this.report(true, []);
    return { status: 'ready', checks: result.details as unknown as ReadinessChecksResponse };
  }

  private report(ready: boolean, failed: readonly string[]): void {
    if (ready === this.wasReady) return;
    this.wasReady = ready;
    if (ready) this.logger.log('ready: every check is up');
    else this.logger.warn(`not ready: ${failed.join(', ')} failed (GET /v1/health/ready says what each found)`);
  }
}
