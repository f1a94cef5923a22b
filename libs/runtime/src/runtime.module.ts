import { Module } from '@nestjs/common';
import { ConfigurableRuntimeModule } from './runtime.module-definition';
import { ToolRunner } from './tool-runner.service';
import { WorkerTier } from './worker/worker-tier.service';

/** Provides the {@link ToolRunner}, the one place plugins are executed. Needs `RegistryModule.forRoot`. */
@Module({
  providers: [ToolRunner, WorkerTier],
  exports: [ToolRunner],
})
export class RuntimeModule extends ConfigurableRuntimeModule {}
