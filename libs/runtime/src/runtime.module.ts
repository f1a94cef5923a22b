import { Module } from '@nestjs/common';
import { ConfigurableRuntimeModule } from './runtime.module-definition';
import { ToolRunner } from './tool-runner.service';
import { WorkerTier } from './worker/worker-tier.service';

/**
 * Provides the {@link ToolRunner}, the one place plugins are executed, to the module that imports it
 * (the execution lib). Not global; needs the global `RegistryModule.forRoot`. Every module that
 * imports it must import the same `RuntimeModule.forRoot(...)` object: each call makes another runner
 * with its own worker pools.
 */
@Module({
  providers: [ToolRunner, WorkerTier],
  exports: [ToolRunner],
})
export class RuntimeModule extends ConfigurableRuntimeModule {}
