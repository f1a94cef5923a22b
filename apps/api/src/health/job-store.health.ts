import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ExecutionReadiness } from '@forgesyte/execution';
import { checkWithin } from './check-within';

/**
 * Readiness of the job store: up while a real write succeeds (a SQLite transaction of its own, a Redis
 * `SET` on the store's connection; memory always) and no job outcome the store refused waits to be
 * written again. Why a probe failed (which may name the file or server) goes to the log, not here.
 */
@Injectable()
export class JobStoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly readiness: ExecutionReadiness,
  ) {}

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    return checkWithin((message) => indicator.down({ message }), async () => {
      const store = await this.readiness.store();
      const data = { kind: store.kind, unwritten_outcomes: store.unwrittenOutcomes };
      if (!store.takesWrites) {
        return indicator.down({
          ...data,
          message: 'The job store does not take writes (a full disk or read-only file for SQLite; Redis down, out of memory or read-only). The server log says which.',
        });
      }
      if (store.unwrittenOutcomes > 0) {
        return indicator.down({ ...data, message: `${store.unwrittenOutcomes} finished jobs' outcomes the store refused still wait to be written again.` });
      }
      return indicator.up(data);
    });
  }
}
