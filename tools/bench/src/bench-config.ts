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
 * The API configuration of every bench target, read by the product's own `loadConfig`: port 0 (the OS
 * picks), the bench key, the no-op plugin (and `extraPluginModules`) without the shipped plugins (they
 * play no part in a no-op call, and OCR's tesseract workers would only slow every boot), a large queue,
 * and the memory job store (the figures are the cost of governance, not of a disk; the job-store section
 * measures the stores); everything else (body limit, timeouts, concurrency, worker tier) at its default.
 */
export function benchConfig(extraPluginModules: readonly string[] = []): ApiConfig {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FORGESYTE_ADMIN_KEY: BENCH_API_KEY,
    FORGESYTE_PLUGINS: [BENCH_PLUGIN_MODULE, ...extraPluginModules].join(','),
    FORGESYTE_MAX_QUEUE: String(BENCH_MAX_QUEUE),
    FORGESYTE_JOB_STORE: 'memory',
    FORGESYTE_SHIPPED_PLUGINS: 'none',
  });
}
