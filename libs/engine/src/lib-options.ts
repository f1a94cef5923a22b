import { resolve } from 'node:path';
import type { ExecutionModuleOptions, JobStoreChoice } from '@forgesyte/execution';
import type { KeysModuleOptions } from '@forgesyte/keys';
import type { RegistryModuleOptions, ShippedPlugin } from '@forgesyte/registry';
import type { RuntimeModuleOptions } from '@forgesyte/runtime';
import type { EngineConfig } from './config/engine-config';
import { selectShippedPlugins } from './select-shipped-plugins';

/** Which process the engine runs in: the API (takes jobs) or `apps/worker` (runs queued jobs). */
export type EngineRole = 'api' | 'worker';

/** The registry's options: the shipped plugins the config selects, and the extra ones it names. */
export function registryOptions(config: EngineConfig, shipped: readonly ShippedPlugin[]): RegistryModuleOptions {
  return {
    shipped: selectShippedPlugins(shipped, config.shippedPlugins),
    specifiers: config.plugins,
    initTimeoutMs: config.timeoutMs,
  };
}

/** The runtime's options: deadlines, abandoned calls, worker pools and their breaker. */
export function runtimeOptions(config: EngineConfig): RuntimeModuleOptions {
  return {
    defaultTimeoutMs: config.timeoutMs,
    maxAbandoned: config.maxAbandoned,
    worker: { threads: config.maxConcurrency, graceMs: config.workerGraceMs, maxHeapMb: config.workerHeapMb },
    breaker: { crashes: config.breakerCrashes, windowMs: config.breakerWindowMs, cooldownMs: config.breakerCooldownMs },
  };
}

/**
 * The execution lib's options. With Redis, only workers run async jobs; with the other stores, the
 * API does.
 */
export function executionOptions(config: EngineConfig, role: EngineRole): ExecutionModuleOptions {
  return {
    maxConcurrency: config.maxConcurrency,
    maxQueue: config.maxQueue,
    // Unset: the lib's own defaults (half the queue; no cap).
    ...(config.keyMaxQueue !== undefined && { keyMaxQueue: config.keyMaxQueue }),
    ...(config.keyMaxConcurrency !== undefined && { keyMaxConcurrency: config.keyMaxConcurrency }),
    maxSync: config.maxSync,
    maxSyncQueue: config.maxSyncQueue,
    syncWaitMs: config.syncWaitMs,
    store: jobStoreChoice(config),
    // A shared (Redis) queue is taken by workers only; a process's own queue is always taken by it.
    consumeJobs: role === 'worker',
    shutdownGraceMs: config.shutdownGraceMs,
  };
}

/** The stored API keys' options: in the job store's database, with the configured rotation grace. */
export function keysOptions(config: EngineConfig): KeysModuleOptions {
  return { store: jobStoreChoice(config), rotationGraceSeconds: config.keyRotationGraceSeconds };
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
