import { join } from 'node:path';
import { Piscina } from 'piscina';
import { RUNTIME_DEFAULTS } from '../../../../libs/runtime/src/runtime.options';
import type { ApiConfig } from '../../../../apps/api/src/config/api-config';

/** The baseline's worker file: plain CommonJS, so no TypeScript bootstrap runs in its threads. */
const NOOP_TASK = join(__dirname, 'noop-task.worker.cjs');

/**
 * BENCHMARK-ONLY: a bare piscina pool built with the options PluginWorkerPool
 * (libs/runtime/src/worker/plugin-worker-pool.ts) gets for the bench's worker plugin under `config`:
 * the same threads, idle timeout, heap limit and `atomics: 'async'`. Its `run(args)` returns the no-op
 * tool's result; nothing else crosses the thread boundary (no port, no abort signal).
 */
export function rawPiscinaPool(config: Pick<ApiConfig, 'maxConcurrency' | 'workerHeapMb'>): Piscina<unknown, unknown> {
  return new Piscina({
    filename: NOOP_TASK,
    minThreads: 0,
    maxThreads: config.maxConcurrency,
    idleTimeout: RUNTIME_DEFAULTS.worker.idleTimeoutMs,
    atomics: 'async',
    resourceLimits: { maxOldGenerationSizeMb: config.workerHeapMb },
  });
}
