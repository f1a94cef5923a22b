import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ExecutionModule, type JobStoreChoice } from '@forgesyte/execution';
import type { PluginModuleExport } from '@forgesyte/plugin-sdk';
import { RegistryModule } from '@forgesyte/registry';
import { RuntimeModule } from '@forgesyte/runtime';
import type { EngineConfig } from './config/engine-config';
import { selectShippedPlugins } from './select-shipped-plugins';

/** Which process the engine runs in: the API (takes jobs) or `apps/worker` (runs queued jobs). */
export type EngineRole = 'api' | 'worker';

/** What {@link EngineModule.forRoot} needs besides the configuration. */
export interface EngineModuleOptions {
  /** The plugins that ship with the product (the API app's `SHIPPED_PLUGINS`). */
  readonly shipped: readonly PluginModuleExport[];
  readonly role: EngineRole;
}

/** The job store the config names: SQLite in `<FORGESYTE_DATA_DIR>/jobs.sqlite` unless told otherwise. */
function jobStoreChoice(config: EngineConfig): JobStoreChoice {
  switch (config.jobStore) {
    case 'memory':
      return { kind: 'memory' };
    case 'sqlite':
      return { kind: 'sqlite', file: resolve(config.dataDir, 'jobs.sqlite'), retention: config.jobRetention };
    case 'redis':
      return { kind: 'redis', url: config.redisUrl as string, retention: config.jobRetention, lockMs: config.jobLockMs, commandTimeoutMs: config.redisTimeoutMs };
  }
}

/**
 * The ForgeSyte engine, configured from {@link EngineConfig}: RegistryModule, RuntimeModule and
 * ExecutionModule, re-exported. The API and `apps/worker` build it the same way, so a job runs through
 * the same ToolRunner with the same plugins whichever process takes it. With Redis, only workers run
 * async jobs; with the other stores, the API does.
 */
@Module({})
export class EngineModule {
  static forRoot(config: EngineConfig, options: EngineModuleOptions): DynamicModule {
    const store = jobStoreChoice(config);
    const modules = [
      RegistryModule.forRoot({
        shipped: selectShippedPlugins(options.shipped, config.shippedPlugins),
        specifiers: config.plugins,
        initTimeoutMs: config.timeoutMs,
      }),
      RuntimeModule.forRoot({
        defaultTimeoutMs: config.timeoutMs,
        maxAbandoned: config.maxAbandoned,
        worker: { threads: config.maxConcurrency, graceMs: config.workerGraceMs, maxHeapMb: config.workerHeapMb },
        breaker: { crashes: config.breakerCrashes, windowMs: config.breakerWindowMs, cooldownMs: config.breakerCooldownMs },
      }),
      ExecutionModule.forRoot({
        maxConcurrency: config.maxConcurrency,
        maxQueue: config.maxQueue,
        maxSync: config.maxSync,
        maxSyncQueue: config.maxSyncQueue,
        syncWaitMs: config.syncWaitMs,
        store,
        consumeJobs: options.role === 'worker' || store.kind !== 'redis',
        shutdownGraceMs: config.shutdownGraceMs,
      }),
    ];
    return { module: EngineModule, imports: modules, exports: modules };
  }
}
