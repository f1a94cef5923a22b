import { join, resolve } from 'node:path';
import type { ApiConfig } from '../../../apps/api/src/config/api-config';
import { loadConfig } from '../../../apps/api/src/config/load-config';

/** The repository root: every bench child process runs from it. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The admin API key every bench target is configured with and every bench request sends. */
export const BENCH_API_KEY = 'bench-admin-key-0123456789abcdef';

/** The bench's no-op plugin module, as `FORGESYTE_PLUGINS` lists it (loaded through ts-node). */
export const BENCH_PLUGIN_MODULE = join(__dirname, 'plugins', 'bench-noop.plugin.ts');

/** The worker variant of the no-op plugin, loaded only by the worker-tier section (plain CommonJS: a worker thread requires it itself). */
export const BENCH_WORKER_PLUGIN_MODULE = join(__dirname, 'plugins', 'bench-noop-worker.plugin.cjs');

/** The name {@link BENCH_WORKER_PLUGIN_MODULE} registers under; its one tool is `detect`, like bench-noop's. */
export const BENCH_WORKER_PLUGIN = 'bench-noop-worker';

/** `FORGESYTE_MAX_QUEUE` of every bench target: large enough for every async batch. */
export const BENCH_MAX_QUEUE = 100_000;

/**
 * The job store of a governed HTTP target: SQLite in a data directory of its own (the default, what
 * `npm start` runs), or memory.
 */
export type GovernedStore = { readonly kind: 'sqlite'; readonly dataDir: string } | { readonly kind: 'memory' };

/**
 * The environment a governed target starts with, read by the product's own `loadConfig` as `npm start`
 * reads it. Only what the bench must set: port 0 (the OS picks), the bench key, the no-op plugin without
 * the shipped plugins (they play no part in a no-op call, and OCR's tesseract workers would only slow
 * every boot). On SQLite everything else is at its default (job store, logging, limits, queue,
 * retention); on memory, the store and a queue large enough for every async batch differ.
 */
export function governedEnv(store: GovernedStore): Record<string, string> {
  const common = {
    PORT: '0',
    HOST: '127.0.0.1',
    FORGESYTE_ADMIN_KEY: BENCH_API_KEY,
    FORGESYTE_PLUGINS: BENCH_PLUGIN_MODULE,
    FORGESYTE_SHIPPED_PLUGINS: 'none',
  };
  return store.kind === 'sqlite'
    ? { ...common, FORGESYTE_DATA_DIR: store.dataDir }
    : // One key submits every job: its share of the queue is the whole queue.
      { ...common, FORGESYTE_JOB_STORE: 'memory', FORGESYTE_MAX_QUEUE: String(BENCH_MAX_QUEUE), FORGESYTE_KEY_MAX_QUEUE: String(BENCH_MAX_QUEUE) };
}

/** `FORGESYTE_RATE_LIMIT` of the rate-limited variant: far above any rate the bench reaches, so every request is counted and none refused. */
export const BENCH_RATE_LIMIT = '10000000/m';

/** How many stored API keys the stored-keys variant holds (issue 21: authentication stays O(1) with 10,000 keys). */
export const BENCH_STORED_KEYS = 10_000;

/** The governed memory target with {@link BENCH_RATE_LIMIT} set: what counting every request costs. */
export function rateLimitedEnv(): Record<string, string> {
  return { ...governedEnv({ kind: 'memory' }), FORGESYTE_RATE_LIMIT: BENCH_RATE_LIMIT };
}

/** The governed memory target, told to hold {@link BENCH_STORED_KEYS} stored keys (`servers/governed-stored-keys.server.ts`). */
export function storedKeysEnv(): Record<string, string> {
  return { ...governedEnv({ kind: 'memory' }), BENCH_STORED_KEYS: String(BENCH_STORED_KEYS) };
}

/**
 * The API configuration of the in-process sections and the baselines: {@link governedEnv} on the memory
 * store (their figures are the cost of governance, not of a disk; the job-store section measures the
 * stores), with `extraPluginModules` loaded too.
 */
export function benchConfig(extraPluginModules: readonly string[] = []): ApiConfig {
  const env = governedEnv({ kind: 'memory' });
  return loadConfig({ ...env, FORGESYTE_PLUGINS: [env.FORGESYTE_PLUGINS, ...extraPluginModules].join(',') });
}
