import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { KillSwitch } from './kill-switch';
import type { WorkerCall, WorkerReply } from './worker-protocol';

/**
 * The worker entry: the compiled tool-worker.js in a built server, or a bootstrap that compiles the
 * TypeScript sources when the server itself runs from them (tests, benchmarks).
 */
const WORKER_ENTRY = __filename.endsWith('.ts') ? join(__dirname, 'ts-source-worker.cjs') : join(__dirname, 'tool-worker.js');

/** Size and limits of one plugin's pool. */
export interface PluginWorkerPoolOptions {
  /** Threads running at once; more calls wait in the pool's queue. */
  readonly threads: number;
  /** Old-generation heap limit of each thread, in megabytes. */
  readonly maxHeapMb: number;
  /** How long an idle thread is kept before it exits, in ms. */
  readonly idleTimeoutMs: number;
}

/**
 * The worker threads of one plugin: no other plugin's code ever runs in them, so global state one
 * plugin mutates cannot reach another. A thread that dies (crash, heap limit, `process.exit`) or is
 * terminated on a deadline is replaced by piscina for the next call.
 */
export class PluginWorkerPool {
  private readonly pool: Piscina<WorkerCall, WorkerReply>;

  constructor(options: PluginWorkerPoolOptions) {
    this.pool = new Piscina({
      filename: WORKER_ENTRY,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: options.idleTimeoutMs,
      // The event loop of a worker keeps running between calls (timers a plugin left behind fire, and
      // crash the thread now rather than in the middle of a later call).
      atomics: 'async',
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
    });
  }

  /**
   * Runs one call in a thread. Resolves with the worker's reply; rejects when the thread died before
   * replying, or when `kill` aborted (the thread running the call is then terminated).
   */
  run(call: WorkerCall, kill: KillSwitch): Promise<WorkerReply> {
    return this.pool.run(call, { transferList: [call.port], signal: kill });
  }

  /** Terminates every thread; waiting calls are rejected. */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
