import { type DynamicModule, Module } from '@nestjs/common';
import { type EngineConfig, EngineModule } from '@forgesyte/engine';
// The worker runs exactly the plugins the API ships: one list, where `nest g plugin` registers new ones.
import { SHIPPED_PLUGINS } from '@forgesyte/shipped-plugins';

/**
 * The worker process: the engine without HTTP. Its ExecutionModule takes jobs from the BullMQ queue
 * on Redis and runs them through the ToolRunner, exactly as the API would.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return { module: WorkerModule, imports: [EngineModule.forRoot(config, { shipped: SHIPPED_PLUGINS, role: 'worker' })] };
  }
}
