import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { KillSwitch } from './kill-switch';
import type { AbortMessage, WorkerCall, WorkerEvent, WorkerEventMessage, WorkerReply } from './worker-protocol';

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
  /**
   * A thread died while running no call: an uncaught exception or unhandled rejection from a timer or
   * promise the plugin's code left behind (its module's top level, an earlier call). The thread is
   * replaced for the next call.
   */
  readonly onIdleThreadDied: (error: Error) => void;
  /** A thread of the pool started (for the metrics). */
  readonly onThreadStarted?: () => void;
}

/**
 * The worker threads of one plugin: no other plugin's code ever runs in them, so global state one
 * plugin mutates cannot reach another. A thread that dies (crash, heap limit, `process.exit`) or is
 * terminated on a deadline is replaced by piscina for the next call.
 */
export class PluginWorkerPool {
  private readonly pool: Piscina<WorkerCall, WorkerReply>;
  /** Aborts go to every thread of the pool on one channel (rare, so broadcasting costs nothing). */
  private readonly abortChannel = new BroadcastChannel(`forgesyte-aborts-${randomUUID()}`);
  /** Where each running call's progress and log events go, by call id. */
  private readonly listeners = new Map<number, (event: WorkerEvent) => void>();
  private nextCallId = 1;

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
    // Events a thread posts on its parentPort, which piscina re-emits on the pool.
    this.pool.on('message', (message: WorkerEventMessage) => this.listeners.get(message.callId)?.(message.event));
    // Without a listener, piscina's 'error' for such a thread would be thrown in the server's thread.
    this.pool.on('error', (error: Error) => options.onIdleThreadDied(error));
    if (options.onThreadStarted !== undefined) this.pool.on('workerCreate', options.onThreadStarted);
    this.abortChannel.unref();
  }

  /**
   * Starts one call in a thread; `onEvent` receives its progress and log events. The reply resolves
   * with the worker's answer, or rejects when the thread died before replying or `kill` aborted (the
   * thread running the call is then terminated). Call `end` once the call is over.
   */
  run(task: PoolTask, kill: KillSwitch, onEvent: (event: WorkerEvent) => void): PoolCall {
    const callId = this.nextCallId++;
    this.listeners.set(callId, onEvent);
    // Written out, not spread: a spread copy costs microseconds and clones slower into the thread.
    const call: WorkerCall = {
      moduleFile: task.moduleFile,
      tool: task.tool,
      args: task.args,
      jobId: task.jobId,
      deadline: task.deadline,
      callId,
      abortChannel: this.abortChannel.name,
      traceparent: task.traceparent,
    };
    const reply = this.pool.run(call, { signal: kill });
    return {
      reply,
      abort: (reason) => this.abortChannel.postMessage({ callId, reason } satisfies AbortMessage),
      end: () => this.listeners.delete(callId),
    };
  }

  /** Terminates every thread; waiting calls are rejected. */
  async destroy(): Promise<void> {
    this.abortChannel.close();
    await this.pool.destroy();
  }
}

/** What a call of {@link PluginWorkerPool.run} asks for: the {@link WorkerCall} without what the pool adds. */
export type PoolTask = Omit<WorkerCall, 'callId' | 'abortChannel'>;

/** One call started in a {@link PluginWorkerPool}. */
export interface PoolCall {
  readonly reply: Promise<WorkerReply>;
  /** Fires the call's signal inside its thread. */
  abort(reason: string): void;
  /** Stops relaying the call's events. */
  end(): void;
}
