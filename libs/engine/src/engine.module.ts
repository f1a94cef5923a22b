import { type DynamicModule, Module } from '@nestjs/common';
import { ExecutionModule } from '@forgesyte/execution';
import { KeysModule } from '@forgesyte/keys';
import { RegistryModule, type ShippedPlugin } from '@forgesyte/registry';
import { RuntimeModule } from '@forgesyte/runtime';
import type { Logger } from 'pino';
import type { EngineConfig } from './config/engine-config';
import { type EngineRole, executionOptions, keysOptions, registryOptions, runtimeOptions } from './lib-options';
import { JobOwnerCheckModule } from './keys/job-owner-check.module';
import { ProcessLogFlush } from './logging/process-log-flush';
import { MetricsModule } from './metrics/metrics.module';
import { TracingModule } from './tracing/tracing.module';

/** What {@link EngineModule.forRoot} needs besides the configuration. */
export interface EngineModuleOptions {
  /** The plugins that ship with the product (`SHIPPED_PLUGINS` of `@forgesyte/shipped-plugins`). */
  readonly shipped: readonly ShippedPlugin[];
  readonly role: EngineRole;
  /** The process's pino logger, for the job lines; none: no job lines (Nest's own lines go where its logger says). */
  readonly log?: Logger;
}

/**
 * The ForgeSyte engine, configured from {@link EngineConfig}. The API and `apps/worker` build it the
 * same way, so a job runs through the same ToolRunner with the same plugins whichever process takes it.
 *
 * Wiring (one instance of each per process): RegistryModule is global, since the runtime and the
 * API's plugin routes both read the one registry; RuntimeModule is imported by ExecutionModule alone,
 * which runs every call through its ToolRunner; ExecutionModule is re-exported, so the importer can
 * inject `AnalysisExecutionService` (and `ExecutionReadiness`, read-only facts for readiness) and nothing below it.
 * MetricsModule gives the runtime and execution libs their metrics ports, and the importer the
 * process's `PrometheusMetrics` registry. KeysModule (`ApiKeyService`: the stored API keys, in the job
 * store's database) is the API's to authenticate with, and both roles' to check, as each queued job
 * starts, that its key may still run it (`JobOwnerCheckModule`): a revoked key's jobs do not run. TracingModule gives the
 * runtime, the execution lib and the importer one `Tracing` (OpenTelemetry only when `OTEL_*` turns it on).
 */
@Module({})
export class EngineModule {
  static forRoot(config: EngineConfig, options: EngineModuleOptions): DynamicModule {
    // One object, imported wherever tracing is needed: one tracer provider per process.
    const tracing = TracingModule.forRoot(config.tracing, options.role);
    const runtimeModule = RuntimeModule.forRoot(runtimeOptions(config));
    const runtime: DynamicModule = { ...runtimeModule, imports: [...(runtimeModule.imports ?? []), MetricsModule, tracing] };
    // One object, imported by the job owner check too: one key service per process.
    const keys = KeysModule.forRoot(keysOptions(config));
    const imports = [runtime, MetricsModule, tracing, JobOwnerCheckModule.over(keys)];
    const execution = ExecutionModule.forRoot({ ...executionOptions(config, options.role), log: options.log, imports });
    return {
      module: EngineModule,
      imports: [RegistryModule.forRoot(registryOptions(config, options.shipped)), execution, MetricsModule, tracing, keys],
      // At shutdown, once jobs were drained and the server closed: the lines written meanwhile reach the output.
      providers: [ProcessLogFlush],
      exports: [execution, MetricsModule, tracing, keys],
    };
  }
}
