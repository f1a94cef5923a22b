import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type ErrorContext, ForgeSyteError, InternalError, PLUGIN_FAULT_CODES, PluginNotFoundError, PluginUnavailableError } from '@forgesyte/errors';
import { type CompiledTool, PluginRegistry, type RegisteredPlugin } from '@forgesyte/registry';
import type { RetryPolicy } from '@forgesyte/plugin-sdk';
import { AbandonedCalls } from './abandoned-calls';
import { CallDeadline } from './call-deadline';
import { classifyPluginFailure } from './plugin-failure';
import { resolveTool } from './resolve-tool';
import { RUNTIME_OPTIONS } from './runtime.module-definition';
import { RUNTIME_DEFAULTS, type RuntimeModuleOptions } from './runtime.options';
import { inputInvalid, outputInvalid } from './schema-failures';
import { NO_RUNTIME_METRICS, RuntimeMetrics } from './metrics/runtime-metrics';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { createToolContext } from './tool-context.factory';
import type { ExecutionOutcome, ToolRunRequest } from './tool-run-request';
import { SPAN_NAMES } from './tracing/span-names';
import { endToolRunSpans } from './tracing/tool-run-spans';
import { NO_SPAN, NO_TRACING, Tracing } from './tracing/tracing';
import { WorkerTier } from './worker/worker-tier.service';

/**
 * The one choke point of plugin execution, and the only caller of `plugin.run` in the codebase. Every
 * call: (1) resolves plugin and tool, (2) validates args against the input schema, (3) runs the tool
 * under its deadline and the caller's signal, (4) validates the result against the output schema, and
 * (5) records the plugin's metrics in a `finally`, exactly once. Never throws for an execution failure.
 */
@Injectable()
export class ToolRunner {
  private readonly logger = new Logger(ToolRunner.name);
  private readonly defaultTimeoutMs: number;
  private readonly limiters = new Map<CompiledTool, ConcurrencyLimiter>();
  private readonly abandoned: AbandonedCalls;

  constructor(
    private readonly registry: PluginRegistry,
    private readonly workers: WorkerTier,
    @Inject(RUNTIME_OPTIONS) options: RuntimeModuleOptions,
    @Optional() private readonly metrics: RuntimeMetrics = NO_RUNTIME_METRICS,
    @Optional() private readonly tracing: Tracing = NO_TRACING,
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? RUNTIME_DEFAULTS.defaultTimeoutMs;
    this.abandoned = new AbandonedCalls(options.maxAbandoned ?? RUNTIME_DEFAULTS.maxAbandoned);
  }

  async run(request: ToolRunRequest): Promise<ExecutionOutcome> {
    const startedAt = performance.now();
    const span = this.tracing.startSpan(SPAN_NAMES.toolRun, request.traceparent);
    const entry = this.registry.find(request.plugin);
    if (entry === undefined) {
      const notFound = this.pluginNotFound(request);
      endToolRunSpans(span, NO_SPAN, request.plugin, request.tool ?? '', request.jobId, notFound.code);
      return { ok: false, error: notFound, durationMs: performance.now() - startedAt, pluginVersion: undefined };
    }
    const errorContext: ErrorContext & { plugin: string; tool: string } = {
      plugin: entry.name,
      tool: request.tool ?? entry.defaultToolName ?? '',
      jobId: request.jobId,
    };
    let result: unknown;
    let error: ForgeSyteError | undefined;
    let durationMs: number;
    let pluginRun = NO_SPAN;
    this.registry.beginExecution(entry.name);
    try {
      const { plugin, tool } = resolveTool(entry, request.tool, errorContext);
      const inputViolations = tool.validateInput(request.args);
      if (inputViolations.length > 0) throw inputInvalid(inputViolations, errorContext);
      const inWorker = this.runsInWorker(entry, tool, errorContext);
      const limiter = this.limiterFor(tool);
      const release = limiter === undefined ? undefined : await limiter.acquire(request.signal, errorContext);
      const call = new CallDeadline(tool.definition.timeoutMs ?? this.defaultTimeoutMs, request.signal, errorContext);
      try {
        if (call.isStopped) throw call.notStartedError();
        const context = createToolContext(request, tool.name, call);
        if (inWorker) {
          result = await this.workers.run({ entry, tool, args: request.args, jobId: request.jobId, call, context, errorContext, traceparent: span.traceparent });
        } else {
          pluginRun = this.tracing.startSpan(SPAN_NAMES.pluginRun, span.traceparent);
          let returned: unknown;
          try {
            returned = plugin.run(tool.name, request.args, context);
          } catch (thrown) {
            throw classifyPluginFailure(thrown, errorContext);
          }
          result = !isPromiseLike(returned)
            ? call.accept(returned)
            : await call.enforce(returned, (pending) => this.abandoned.stopMode(entry, tool.name, pending)).catch((thrown: unknown) => {
                throw call.isStopped ? thrown : classifyPluginFailure(thrown, errorContext);
              });
        }
      } finally {
        call.close();
        release?.();
      }
      const outputViolations = tool.validateOutput(result);
      if (outputViolations.length > 0) throw outputInvalid(outputViolations, errorContext);
    } catch (thrown) {
      error = thrown instanceof ForgeSyteError ? thrown : new InternalError({ ...errorContext, cause: thrown });
      if (error instanceof InternalError) this.logger.error(`runner bug in ${errorContext.plugin}:${errorContext.tool}`, thrown);
    } finally {
      durationMs = performance.now() - startedAt;
      this.registry.updateExecutionMetrics(entry.name, {
        durationMs,
        ok: error === undefined,
        pluginFault: error !== undefined && PLUGIN_FAULT_CODES.has(error.code),
      });
      // A tool name nobody declared is the caller's text: one bounded label, not one series per name.
      const tool = entry.tools.has(errorContext.tool) ? errorContext.tool : UNDECLARED_TOOL;
      this.metrics.toolCallEnded(entry.name, tool, error === undefined ? 'success' : error.code, durationMs);
      endToolRunSpans(span, pluginRun, entry.name, tool, request.jobId, error?.code);
    }
    // The version of the plugin that ran (or refused) the call: a job records which one produced its result.
    const pluginVersion = entry.plugin?.version;
    return error === undefined ? { ok: true, result, durationMs, pluginVersion } : { ok: false, error, durationMs, pluginVersion };
  }

  /**
   * Steps 1 and 2 without running anything or touching metrics: the error the request would fail
   * with before reaching the tool, if any. Lets async submission refuse bad requests at once.
   */
  check(request: Pick<ToolRunRequest, 'plugin' | 'tool' | 'args'>): ForgeSyteError | undefined {
    const entry = this.registry.find(request.plugin);
    if (entry === undefined) return this.pluginNotFound(request);
    const errorContext = { plugin: entry.name, tool: request.tool ?? entry.defaultToolName };
    try {
      const { tool } = resolveTool(entry, request.tool, errorContext);
      const violations = tool.validateInput(request.args);
      return violations.length > 0 ? inputInvalid(violations, errorContext) : undefined;
    } catch (thrown) {
      return thrown instanceof ForgeSyteError ? thrown : new InternalError({ ...errorContext, cause: thrown });
    }
  }

  /** The tool a request for `plugin` and `tool` runs (the default tool when none is named), if known. */
  toolNameFor(plugin: string, tool?: string): string | undefined {
    const entry = this.registry.find(plugin);
    if (entry === undefined) return tool;
    return tool ?? entry.defaultToolName;
  }

  /** The `maxConcurrency` of the tool a request for `plugin` and `tool` runs, if it declares one. */
  concurrencyLimitOf(plugin: string, tool?: string): number | undefined {
    const entry = this.registry.find(plugin);
    const name = tool ?? entry?.defaultToolName;
    return name === undefined ? undefined : entry?.tools.get(name)?.definition.maxConcurrency;
  }

  /** The `retry` policy of the tool a request for `plugin` and `tool` runs, if it declares one. */
  retryPolicyOf(plugin: string, tool?: string): RetryPolicy | undefined {
    const entry = this.registry.find(plugin);
    const name = tool ?? entry?.defaultToolName;
    return name === undefined ? undefined : entry?.tools.get(name)?.definition.retry;
  }

  private pluginNotFound(request: Pick<ToolRunRequest, 'plugin' | 'tool'> & { jobId?: string }): PluginNotFoundError {
    return new PluginNotFoundError(request.plugin, this.registry.names(), { tool: request.tool, jobId: request.jobId });
  }

  private limiterFor(tool: CompiledTool): ConcurrencyLimiter | undefined {
    const limit = tool.definition.maxConcurrency;
    if (limit === undefined) return undefined;
    let limiter = this.limiters.get(tool);
    if (limiter === undefined) {
      limiter = new ConcurrencyLimiter(limit);
      this.limiters.set(tool, limiter);
    }
    return limiter;
  }

  /**
   * Whether a call runs in the worker tier: its tool asks for `worker`. Such a tool never runs inline:
   * the loader registers its plugin with the module file threads load, or refuses it (UNAVAILABLE);
   * an entry that still lacks one (registered around the loader) is refused here as well.
   */
  private runsInWorker(entry: RegisteredPlugin, tool: CompiledTool, context: ErrorContext): entry is RegisteredPlugin & { moduleFile: string } {
    if (tool.definition.isolation !== 'worker') return false;
    if (entry.moduleFile !== undefined) return true;
    throw new PluginUnavailableError(
      entry.name,
      `its tool '${tool.name}' asks for isolation 'worker', but no module file a worker thread can load was registered with it`,
      context,
    );
  }
}

/** The `tool` reported to the metrics for a call that named a tool its plugin does not declare. */
const UNDECLARED_TOOL = '(undeclared)';

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
