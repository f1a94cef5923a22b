import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import { EXECUTION_OPTIONS } from '../execution.module-definition';
import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from '../execution.options';
import type { PrunableJobStore } from './job-retention';
import { JOB_STORE, type JobStore } from './job-store';

/**
 * Keeps a durable store within its retention (a prune at start, then every `pruneIntervalMs`) and
 * closes it at shutdown, after the job executor has settled every job (`beforeApplicationShutdown`).
 */
@Injectable()
export class JobStoreMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobStore');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(JOB_STORE) private readonly store: JobStore,
    @Inject(EXECUTION_OPTIONS) private readonly options: ExecutionModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const store = this.durableStore;
    const retention = this.options.store?.kind === 'memory' ? undefined : this.options.store?.retention;
    if (store === undefined || retention === undefined) return;
    const prune = async (): Promise<void> => {
      try {
        const deleted = await store.prune(retention);
        if (deleted > 0) this.logger.log(`pruned ${deleted} finished jobs beyond the retention`);
      } catch (error) {
        this.logger.warn(`pruning finished jobs failed: ${errorMessageOf(error)}`);
      }
    };
    await prune();
    this.timer = setInterval(() => void prune(), this.options.pruneIntervalMs ?? EXECUTION_DEFAULTS.pruneIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.durableStore?.close();
  }

  private get durableStore(): PrunableJobStore | undefined {
    const candidate = this.store as Partial<PrunableJobStore>;
    return typeof candidate.prune === 'function' && typeof candidate.close === 'function' ? (candidate as PrunableJobStore) : undefined;
  }
}
