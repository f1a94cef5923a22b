import { Logger } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import type { JobRetention, PrunableJobStore } from '../store/job-retention';

/** Keeps a durable store within its retention: a prune at start, then one every `intervalMs`. */
export class RetentionPruning {
  private readonly logger = new Logger('JobStore');
  private timer: NodeJS.Timeout | undefined;

  /** Without a `retention`, finished jobs are kept for ever and nothing runs. */
  constructor(
    private readonly store: PrunableJobStore,
    private readonly retention: JobRetention | undefined,
    private readonly intervalMs: number,
  ) {}

  /** Prunes now, then every `intervalMs` (a timer that does not keep the process alive). */
  async start(): Promise<void> {
    if (this.retention === undefined) return;
    await this.prune(this.retention);
    const retention = this.retention;
    this.timer = setInterval(() => void this.prune(retention), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer; a prune under way finishes. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** A failed prune is logged; the next one tries again. */
  private async prune(retention: JobRetention): Promise<void> {
    try {
      const deleted = await this.store.prune(retention);
      if (deleted > 0) this.logger.log(`pruned ${deleted} finished jobs beyond the retention`);
    } catch (error) {
      this.logger.warn(`pruning finished jobs failed: ${errorMessageOf(error)}`);
    }
  }
}
