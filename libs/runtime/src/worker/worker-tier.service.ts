import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { type ErrorContext, errorMessageOf, ForgeSyteError, type StopMode } from '@forgesyte/errors';
import type { ToolContext } from '@forgesyte/plugin-sdk';
import type { CompiledTool, RegisteredPlugin } from '@forgesyte/registry';
import type { CallDeadline } from '../call-deadline';
import { NO_RUNTIME_METRICS, RuntimeMetrics } from '../metrics/runtime-metrics';
import { RUNTIME_OPTIONS } from '../runtime.module-definition';
import { RUNTIME_DEFAULTS, type RuntimeModuleOptions } from '../runtime.options';
import { NO_TRACING, type TraceParent, Tracing } from '../tracing/tracing';
import { recordWorkerRun } from '../tracing/worker-run-span';
import { CrashBreaker } from './crash-breaker';
import { PluginWorkerPool } from './plugin-worker-pool';
import { workerCrashError, workerReplyError } from './worker-failure';
import { KillSwitch } from './kill-switch';
import type { WorkerEvent, WorkerReply, WorkerRunTimes } from './worker-protocol';

/** One call the ToolRunner hands to the worker tier, after resolving and validating it. */
export interface WorkerToolCall {
  readonly entry: RegisteredPlugin & { readonly moduleFile: string };
  readonly tool: CompiledTool;
  readonly args: unknown;
  readonly jobId: string;
  readonly call: CallDeadline;
  /** The call's ToolContext on the server side: the worker's progress and log lines are relayed to it. */
  readonly context: ToolContext;
  readonly errorContext: ErrorContext & { plugin: string; tool: string };
  /** The ToolRunner call's span, when traced: the thread times the plugin's run, recorded as its child. */
  readonly traceparent?: TraceParent;
}

/**
 * SPEC's `worker` isolation tier, used only by the ToolRunner: runs a tool in a thread of its plugin's
 * pool. On a deadline or cancel the abort is delivered into the thread first; a tool that has not
 * obeyed within the grace period has its thread terminated (and replaced). A thread that dies is
 * `PLUGIN_CRASHED`; crashes in a row trip a circuit breaker that suspends the plugin for a cool-down.
 */
@Injectable()
export class WorkerTier implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkerTier');
  private readonly pools = new Map<string, PluginWorkerPool>();
  private readonly breaker: CrashBreaker;
  private readonly worker: Required<NonNullable<RuntimeModuleOptions['worker']>>;
  private readonly cooldownMs: number;

  constructor(
    @Inject(RUNTIME_OPTIONS) options: RuntimeModuleOptions,
    @Optional() private readonly metrics: RuntimeMetrics = NO_RUNTIME_METRICS,
    @Optional() private readonly tracing: Tracing = NO_TRACING,
  ) {
    this.worker = { ...RUNTIME_DEFAULTS.worker, ...options.worker };
    const breaker = { ...RUNTIME_DEFAULTS.breaker, ...options.breaker };
    this.breaker = new CrashBreaker(breaker);
    this.cooldownMs = breaker.cooldownMs;
  }

  /** Runs the call in a worker thread; resolves with the tool's result or throws a ForgeSyteError. */
  async run(request: WorkerToolCall): Promise<unknown> {
    const { entry, call, errorContext } = request;
    const kill = new KillSwitch();
    const dispatchedMs = request.traceparent === undefined ? 0 : Date.now();
    const started = this.poolFor(entry).run(
      { moduleFile: entry.moduleFile, tool: request.tool.name, args: request.args, jobId: request.jobId, deadline: call.deadline, traceparent: request.traceparent },
      kill,
      (event) => relay(event, request.context),
    );
    let reply: WorkerReply;
    try {
      reply = await call.enforce(started.reply, (pending) => {
        // Stopped (deadline or cancel): the abort goes into the thread first. Sent from here rather than
        // from a listener on call.signal, which would cost every call an AbortController.
        started.abort(errorMessageOf(call.signal.reason));
        return this.stopWithin(pending, kill, entry.name);
      });
    } catch (thrown) {
      if (thrown instanceof ForgeSyteError) {
        this.breaker.recordSurvival(entry.name);
        this.traceRun(request, undefined, dispatchedMs, thrown.code);
        throw thrown;
      }
      const crash = this.crashed(entry, thrown, errorContext);
      this.traceRun(request, undefined, dispatchedMs, crash.code);
      throw crash;
    } finally {
      started.end();
    }
    if (reply.ok) {
      this.traceRun(request, reply.ran, dispatchedMs, undefined);
      this.breaker.recordSurvival(entry.name);
      return reply.result;
    }
    const error = workerReplyError(reply.error, errorContext);
    this.traceRun(request, reply.ran, dispatchedMs, error.code);
    if (error.code === 'PLUGIN_CRASHED') throw this.crashed(entry, error, errorContext);
    this.breaker.recordSurvival(entry.name);
    throw error;
  }

  async onApplicationShutdown(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(pools.map((pool) => pool.destroy()));
  }

  /**
   * Records the call's `forgesyte.plugin_run` span when it is traced: timed by the thread when it
   * replied, else (deadline, cancel, crash) from dispatch until now by this thread's clock.
   */
  private traceRun(request: WorkerToolCall, ran: WorkerRunTimes | undefined, dispatchedMs: number, errorCode: string | undefined): void {
    if (request.traceparent === undefined) return;
    recordWorkerRun(this.tracing, request.traceparent, request.errorContext, ran ?? { startMs: dispatchedMs, endMs: Date.now() }, ran === undefined ? 'server' : 'thread', errorCode);
  }

  /** After a stop: the grace period for the tool to obey its signal, then its thread is terminated. */
  private async stopWithin(pending: Promise<WorkerReply>, kill: KillSwitch, plugin: string): Promise<StopMode> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.worker.graceMs)));
    const obeyed = await Promise.race([pending.then(() => true, () => true), graceOver]);
    clearTimeout(timer);
    if (obeyed) return 'cooperative';
    kill.abort();
    await pending.catch(() => undefined);
    this.metrics.workerThread(plugin, 'terminated');
    return 'terminated';
  }

  /** The crash error of a call, counted by the breaker, which may suspend the plugin. */
  private crashed(entry: RegisteredPlugin, thrown: unknown, errorContext: ErrorContext & { plugin: string; tool: string }): ForgeSyteError {
    const error = thrown instanceof ForgeSyteError ? thrown : workerCrashError(thrown, errorContext);
    this.logger.warn(`${errorContext.plugin}:${errorContext.tool} crashed its worker: ${error.message}`);
    this.metrics.workerThread(entry.name, 'crashed');
    if (this.breaker.recordCrash(entry.name)) this.suspend(entry, error.message);
    return error;
  }

  /** The breaker tripped: the plugin is UNAVAILABLE for the cool-down. */
  private suspend(entry: RegisteredPlugin, lastCrash: string): void {
    const reason = `its worker threads crashed repeatedly (last: ${lastCrash}); it is suspended for ${this.cooldownMs} ms, then retried`;
    entry.suspend(reason, this.cooldownMs);
    this.logger.error(`plugin '${entry.name}' is UNAVAILABLE: ${reason}`);
  }

  /** A thread of the plugin died between calls: logged, and counted as a crash by the breaker. */
  private idleThreadDied(entry: RegisteredPlugin, error: Error): void {
    const reason = `a worker thread died between calls: ${errorMessageOf(error).split('\n')[0]}`;
    this.logger.warn(`plugin '${entry.name}': ${reason}; it was replaced`);
    this.metrics.workerThread(entry.name, 'crashed');
    if (this.breaker.recordCrash(entry.name)) this.suspend(entry, reason);
  }

  private poolFor(entry: RegisteredPlugin): PluginWorkerPool {
    let pool = this.pools.get(entry.name);
    if (pool === undefined) {
      pool = new PluginWorkerPool({
        ...this.poolLimits(entry),
        idleTimeoutMs: this.worker.idleTimeoutMs,
        onIdleThreadDied: (error) => this.idleThreadDied(entry, error),
        onThreadStarted: () => this.metrics.workerThread(entry.name, 'started'),
      });
      this.pools.set(entry.name, pool);
    }
    return pool;
  }

  /** Threads: the plugin's worker tools' `maxConcurrency` summed, capped by the server's; heap: the largest asked for. */
  private poolLimits(entry: RegisteredPlugin): { threads: number; maxHeapMb: number } {
    const tools = [...entry.tools.values()].map((tool) => tool.definition).filter((tool) => tool.isolation === 'worker');
    const wanted = tools.reduce((sum, tool) => sum + (tool.maxConcurrency ?? this.worker.threads), 0);
    const heaps = tools.map((tool) => tool.maxHeapMb ?? this.worker.maxHeapMb);
    return {
      threads: Math.max(1, Math.min(this.worker.threads, wanted)),
      maxHeapMb: heaps.length > 0 ? Math.max(...heaps) : this.worker.maxHeapMb,
    };
  }
}

function relay(event: WorkerEvent, context: ToolContext): void {
  if (event.type === 'progress') context.progress(event.fraction, event.message);
  else context.log[event.level](event.message, event.data);
}
