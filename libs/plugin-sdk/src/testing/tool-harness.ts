import type { Plugin } from '../plugin';
import type { ToolResult } from '../tool-types';
import { HarnessContext } from './harness-context';
import { cancelled, type HarnessCallTarget, type HarnessStopMode, inputInvalid, outputInvalid, pluginFailure, timedOut, toolNotFound } from './harness-errors';
import type { HarnessError, HarnessOutcome, HarnessProgress } from './harness-outcome';
import { compileToolSchemas, type HarnessValidators } from './harness-schemas';

/** The server's deadline for a tool that declares no `timeoutMs` (`FORGESYTE_TIMEOUT_MS`'s default), in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of {@link createToolHarness}. */
export interface ToolHarnessOptions {
  /** Deadline of a call whose tool declares no `timeoutMs`, in ms; {@link DEFAULT_TIMEOUT_MS} by default. */
  readonly defaultTimeoutMs?: number;
}

/** Options of one {@link ToolHarness.run} call. */
export interface HarnessCallOptions {
  /** The caller's cancel: aborting it stops the call with `CANCELLED`, as a `DELETE` of its job does. */
  readonly signal?: AbortSignal;
  /** This call's deadline in ms, instead of the tool's `timeoutMs` (or the default). */
  readonly timeoutMs?: number;
  /** `context.jobId`; `harness-job` by default. */
  readonly jobId?: string;
  /** Called with each progress report while the call runs (they are also in the outcome's `progress`). */
  readonly onProgress?: (report: HarnessProgress) => void;
}

type ToolsOf<TPlugin extends Plugin> = TPlugin['tools'];
type ToolNameOf<TPlugin extends Plugin> = keyof ToolsOf<TPlugin> & string;

/** Runs a plugin's tools with the server's semantics; made by {@link createToolHarness}. */
export interface ToolHarness<TPlugin extends Plugin> {
  /**
   * Runs `tool` (the plugin's default tool when `undefined`) as the server's ToolRunner does: checks
   * `args` against the input schema, runs the tool under its deadline and `options.signal`, checks the
   * result against the output schema, and maps a throw as the server does. Never rejects.
   */
  run<TName extends ToolNameOf<TPlugin>>(
    tool: TName | undefined,
    args: unknown,
    options?: HarnessCallOptions,
  ): Promise<HarnessOutcome<ToolResult<ToolsOf<TPlugin>[TName]>>>;
}

/**
 * A harness that runs `plugin`'s tools as a ForgeSyte server would: the same Ajv configuration
 * (formats included) for input and output, the same error codes, messages and `details`, the deadline
 * (the tool's `timeoutMs`, else 30 s), cancellation through an AbortSignal, and progress and log lines
 * captured in the outcome. Calls run in the test's thread (a `worker` tool too); `init` and `dispose`
 * are the test's to call. Throws when a schema does not compile, as registration would refuse it.
 *
 * @example
 * const harness = createToolHarness(plugin);
 * const outcome = await harness.run('analyze', { text: 'one two' });
 * expect(outcome).toMatchObject({ ok: true, result: { words: 2 } });
 */
export function createToolHarness<TPlugin extends Plugin>(plugin: TPlugin, options: ToolHarnessOptions = {}): ToolHarness<TPlugin> {
  const validators = compileToolSchemas(plugin);
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    run: (tool, args, callOptions = {}) => runTool(plugin, validators, tool ?? defaultToolOf(plugin), args, defaultTimeoutMs, callOptions),
  } as ToolHarness<TPlugin>;
}

async function runTool(
  plugin: Plugin,
  validators: ReadonlyMap<string, HarnessValidators>,
  tool: string,
  args: unknown,
  defaultTimeoutMs: number,
  options: HarnessCallOptions,
): Promise<HarnessOutcome> {
  const startedAt = performance.now();
  const target: HarnessCallTarget = { plugin: plugin.name, tool };
  const timeoutMs = options.timeoutMs ?? plugin.tools[tool]?.timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  const context = new HarnessContext(controller.signal, options.jobId ?? 'harness-job', Date.now() + timeoutMs, options.onProgress);
  const ended = (outcome: { ok: true; result: unknown } | { ok: false; error: HarnessError }): HarnessOutcome => {
    context.active = false;
    return { ...outcome, durationMs: performance.now() - startedAt, progress: context.progressReports, logs: context.logLines };
  };
  const schemas = validators.get(tool);
  if (schemas === undefined) return ended({ ok: false, error: toolNotFound(target, Object.keys(plugin.tools)) });
  const inputViolations = schemas.input(args);
  if (inputViolations.length > 0) return ended({ ok: false, error: inputInvalid(target, inputViolations) });
  if (options.signal?.aborted) return ended({ ok: false, error: cancelled(target, 'not_started') });
  const stop = new CallStop(controller, timeoutMs, options.signal, () => (context.active = false));
  let result: unknown;
  try {
    result = await callTool(plugin, tool, args, context, stop);
  } catch (thrown) {
    return ended({ ok: false, error: thrown instanceof CallStopped ? stop.error(target, thrown.mode) : pluginFailure(target, thrown) });
  } finally {
    stop.close();
  }
  if (stop.reason !== undefined) return ended({ ok: false, error: stop.error(target, 'cooperative') });
  const outputViolations = schemas.output(result);
  if (outputViolations.length > 0) return ended({ ok: false, error: outputInvalid(target, outputViolations) });
  return ended({ ok: true, result });
}

/** Thrown by {@link callTool} once the call was stopped, with how the tool ended. */
class CallStopped extends Error {
  constructor(readonly mode: HarnessStopMode) {
    super(`the call was stopped (${mode})`);
  }
}

/**
 * Calls the tool as the server's inline tier does: settles with its result or rejects with what it
 * threw (a synchronous throw too), or with {@link CallStopped} once the deadline or the caller stopped it.
 */
async function callTool(plugin: Plugin, tool: string, args: unknown, context: HarnessContext, stop: CallStop): Promise<unknown> {
  const returned: unknown = plugin.run(tool, args, context);
  if (typeof (returned as { then?: unknown } | null)?.then !== 'function') {
    // A synchronous result counts unless the caller cancelled while the tool ran.
    stop.checkCaller();
    return returned;
  }
  const pending = Promise.resolve(returned);
  pending.catch(() => undefined);
  try {
    return await Promise.race([pending, stop.stopped]);
  } catch (thrown) {
    if (stop.reason === undefined) throw thrown;
    throw new CallStopped(await stopModeOf(pending));
  }
}

/** The deadline and the caller's cancel of one call: aborts the tool's signal when either comes first. */
class CallStop {
  reason: 'timeout' | 'cancel' | undefined;
  readonly stopped: Promise<never>;
  private readonly timer: NodeJS.Timeout;
  private rejectStopped: (reason: Error) => void = () => undefined;
  private readonly onCallerAbort = (): void => this.stop('cancel');

  constructor(
    private readonly controller: AbortController,
    private readonly timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly onStop: () => void,
  ) {
    this.stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stopped.catch(() => undefined);
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Marks the call cancelled when the caller's signal fired (e.g. during a synchronous tool). */
  checkCaller(): void {
    if (this.callerSignal?.aborted) this.stop('cancel');
  }

  error(target: HarnessCallTarget, mode: HarnessStopMode): HarnessError {
    return this.reason === 'timeout' ? timedOut(target, this.timeoutMs, mode) : cancelled(target, mode);
  }

  close(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private stop(reason: 'timeout' | 'cancel'): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.onStop();
    this.controller.abort(new Error(reason === 'timeout' ? 'deadline exceeded' : 'cancelled by the caller'));
    this.rejectStopped(new Error(reason));
  }
}

/** Whether a stopped tool obeyed its signal: it settled within one turn of the event loop. */
function stopModeOf(pending: Promise<unknown>): Promise<HarnessStopMode> {
  const settled = pending.then(
    () => 'cooperative' as const,
    () => 'cooperative' as const,
  );
  const turn = new Promise<HarnessStopMode>((resolve) => setImmediate(() => resolve('abandoned')));
  return Promise.race([settled, turn]);
}

/** The tool a call that names none runs: the plugin's `defaultTool`, else its first declared tool. */
function defaultToolOf(plugin: Plugin): string {
  return plugin.defaultTool ?? Object.keys(plugin.tools)[0] ?? '';
}
