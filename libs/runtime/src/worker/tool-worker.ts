import { BroadcastChannel, parentPort } from 'node:worker_threads';
import { type Plugin, type ToolContext, type ToolLogger, unwrapPluginExport } from '@forgesyte/plugin-sdk';
import type { AbortMessage, WorkerCall, WorkerError, WorkerEvent, WorkerEventMessage, WorkerReply } from './worker-protocol';

/**
 * The worker-thread side of a `worker` tool: piscina calls the default export once per call. The
 * plugin's module is loaded and `init`ed once per thread; each call gets a ToolContext whose signal
 * fires when the server broadcasts an abort for its call id on the pool's abort channel, and whose
 * progress and log lines go back through the thread's parentPort, tagged with the call id. The result
 * or the plugin's error returns as plain data; a crash of this thread is seen by the server instead.
 */
export default async function runToolInWorker(call: WorkerCall): Promise<WorkerReply> {
  // Created on first use: an AbortController costs microseconds, and most calls never read their signal.
  let controller: AbortController | undefined;
  let abortReason: Error | undefined;
  const signal = (): AbortSignal => {
    controller ??= new AbortController();
    if (abortReason !== undefined) controller.abort(abortReason);
    return controller.signal;
  };
  listenForAborts(call.abortChannel);
  aborts.set(call.callId, (reason) => {
    abortReason = reason;
    controller?.abort(reason);
  });
  try {
    let plugin: Plugin;
    try {
      plugin = plugins.get(call.moduleFile)?.loaded ?? (await pluginIn(call.moduleFile));
    } catch (error) {
      return { ok: false, error: plainError(error, 'load') };
    }
    // A traced call's run is timed by this thread's clock and the times go back with the reply, for the
    // server to record the `forgesyte.plugin_run` span (no tracer runs in a worker thread).
    const startMs = call.traceparent === undefined ? undefined : epochMs();
    let reply: WorkerReply;
    try {
      reply = { ok: true, result: await plugin.run(call.tool, call.args, new WorkerToolContext(call, signal)) };
    } catch (error) {
      reply = { ok: false, error: plainError(error, 'run') };
    }
    return startMs === undefined ? reply : { ...reply, ran: { startMs, endMs: epochMs() } };
  } finally {
    aborts.delete(call.callId);
  }
}

/** Now in epoch milliseconds, with the sub-millisecond precision of the thread's monotonic clock. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** How to abort each call running in this thread, by call id. */
const aborts = new Map<number, (reason: Error) => void>();
/** The pools' abort channels this thread listens on (one per pool, so one in practice). */
const abortChannels = new Map<string, BroadcastChannel>();

function listenForAborts(name: string): void {
  if (abortChannels.has(name)) return;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (message: unknown) => {
    const { callId, reason } = (message as { data: AbortMessage }).data;
    aborts.get(callId)?.(new Error(reason));
  };
  channel.unref();
  abortChannels.set(name, channel);
}

/** Plugins of this thread by module file: loaded and initialised on first use (`loaded` once done). */
const plugins = new Map<string, { readonly ready: Promise<Plugin>; loaded?: Plugin }>();

function pluginIn(moduleFile: string): Promise<Plugin> {
  let entry = plugins.get(moduleFile);
  if (entry === undefined) {
    const ready = loadPlugin(moduleFile);
    const created: { readonly ready: Promise<Plugin>; loaded?: Plugin } = { ready };
    entry = created;
    plugins.set(moduleFile, created);
    // A failed load is retried by the next call rather than cached.
    ready.then((plugin) => (created.loaded = plugin)).catch(() => plugins.delete(moduleFile));
  }
  return entry.ready;
}

async function loadPlugin(moduleFile: string): Promise<Plugin> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are CommonJS modules found at run time
  const plugin = unwrapPluginExport(require(moduleFile)) as Plugin;
  await plugin.init?.();
  return plugin;
}

/**
 * A call's ToolContext in the thread: a class, so that its accessors live once on the prototype (an
 * object literal with getters builds new ones per call); `progress` is an own arrow function, so that
 * a tool may destructure it, and the logger is made on first use.
 */
class WorkerToolContext implements ToolContext {
  readonly jobId: string;
  readonly deadline: number;
  private readonly callId: number;
  private logger: ToolLogger | undefined;

  constructor(
    call: WorkerCall,
    private readonly signalOf: () => AbortSignal,
  ) {
    this.jobId = call.jobId;
    this.deadline = call.deadline;
    this.callId = call.callId;
  }

  get signal(): AbortSignal {
    return this.signalOf();
  }

  get log(): ToolLogger {
    return (this.logger ??= { info: this.line('info'), warn: this.line('warn'), error: this.line('error') });
  }

  readonly progress = (fraction: number, message?: string): void =>
    this.post({ type: 'progress', fraction, message: typeof message === 'string' ? message : undefined });

  private line(level: 'info' | 'warn' | 'error'): (message: string, data?: object) => void {
    return (message, data) => this.post({ type: 'log', level, message: String(message), data: cloneable(data) });
  }

  private post(event: WorkerEvent): void {
    parentPort?.postMessage({ callId: this.callId, event } satisfies WorkerEventMessage);
  }
}

/** A thrown value as the fields the server matches on (`name`, `code`, `details`), never the object itself. */
function plainError(error: unknown, phase: WorkerError['phase']): WorkerError {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error), phase };
  const { name, message, code, details } = error as Record<string, unknown>;
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : `non-Error value thrown: ${safeJson(error)}`,
    code: typeof code === 'string' ? code : undefined,
    details: cloneable(details),
    phase,
  };
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `value` if it survives a structured clone (as `postMessage` needs), else a JSON copy or nothing. */
function cloneable<T>(value: T): T | undefined {
  if (value === undefined) return undefined;
  try {
    return structuredClone(value);
  } catch {
    try {
      return JSON.parse(JSON.stringify(value)) as T;
    } catch {
      return undefined;
    }
  }
}
