import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_BACKEND, type JobBackend } from './job-backend';

/**
 * Starts the store's upkeep with the application (a durable store is pruned to its retention) and
 * closes the store at shutdown: after the job executor has settled every job
 * (`beforeApplicationShutdown`) and the HTTP server has stopped answering.
 */
@Injectable()
export class JobStoreMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(JOB_BACKEND) private readonly backend: JobBackend) {}

  onApplicationBootstrap(): Promise<void> {
    return this.backend.startMaintenance();
  }

  onApplicationShutdown(): Promise<void> {
    return this.backend.close();
  }
}
