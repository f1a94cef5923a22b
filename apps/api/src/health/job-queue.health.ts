import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ExecutionReadiness, type QueueAcceptance } from '@forgesyte/execution';
import { checkWithin } from './check-within';

const DOWN_MESSAGES: Readonly<Record<Exclude<QueueAcceptance, 'accepting'>, string>> = {
  full: 'The job queue is full: async submissions get OVERLOADED until jobs finish (FORGESYTE_MAX_QUEUE sets its size).',
  stopped: 'The job queue stopped: the server is shutting down.',
};

/** Readiness of the job queue: up while an async submission would find a place in it. */
@Injectable()
export class JobQueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly readiness: ExecutionReadiness,
  ) {}

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    return checkWithin((message) => indicator.down({ message }), async () => {
      let acceptance: QueueAcceptance;
      try {
        acceptance = await this.readiness.queue();
      } catch {
        return indicator.down({ message: 'The job queue could not be asked how full it is: its Redis does not answer.' });
      }
      return acceptance === 'accepting' ? indicator.up({ acceptance }) : indicator.down({ acceptance, message: DOWN_MESSAGES[acceptance] });
    });
  }
}
