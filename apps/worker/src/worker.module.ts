import { type DynamicModule, Module } from '@nestjs/common';
import { type EngineConfig, EngineModule } from '@forgesyte/engine';
// The worker runs exactly the plugins the API ships: one list, where `nest g plugin` registers new ones.
import { SHIPPED_PLUGINS } from '@forgesyte/shipped-plugins';
import type { Logger } from 'pino';
import { WORKER_METRICS_ENDPOINT, WorkerMetricsServer } from './metrics/worker-metrics.server';

/**
 * The worker process: the engine without HTTP. Its ExecutionModule takes jobs from the BullMQ queue
 * on Redis and runs them through the ToolRunner, exactly as the API would. With `FORGESYTE_METRICS_PORT`
 * it serves its own Prometheus metrics there.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: EngineConfig, log?: Logger): DynamicModule {
    const endpoint = config.metricsPort === undefined ? undefined : { host: config.metricsHost, port: config.metricsPort };
    return {
      module: WorkerModule,
      imports: [EngineModule.forRoot(config, { shipped: SHIPPED_PLUGINS, role: 'worker', log })],
      providers: [{ provide: WORKER_METRICS_ENDPOINT, useValue: endpoint }, WorkerMetricsServer],
    };
  }
}
