import type { Plugin, ToolDefinition } from '@forgesyte/plugin-sdk';
import type { CompiledTool } from './compiled-tool';
import type { ExecutionRecord } from './execution-record';
import type { LifecycleState } from './lifecycle-state';
import type { PluginSnapshot } from './plugin-snapshot';

type Phase = 'LOADED' | 'INITIALIZED' | 'UNAVAILABLE';

/**
 * One entry of the registry: the plugin instance (absent when it never loaded), its compiled tools, its
 * lifecycle and its metrics. The state is derived, never stored twice: UNAVAILABLE wins, then RUNNING
 * while calls are in flight, then LOADED until `init` is done, then FAILED or INITIALIZED by the last
 * success or plugin fault.
 */
export class RegisteredPlugin {
  readonly loadedAt = new Date();
  private phase: Phase;
  private unavailableReason: string | null;
  private faulted = false;
  /** While `Date.now()` is before this, the plugin is suspended (UNAVAILABLE) by a circuit breaker. */
  private suspendedUntil = 0;
  private suspensionReason: string | null = null;
  /** Inline calls abandoned at their deadline or cancel whose code has not settled yet. */
  private abandoned = 0;
  /** While {@link abandoned} is at least this, the plugin is UNAVAILABLE with {@link abandonedReason}. */
  private abandonedLimit = Number.POSITIVE_INFINITY;
  private abandonedReason: string | null = null;
  private inFlight = 0;
  private successCount = 0;
  private errorCount = 0;
  private totalExecutionMs = 0;
  private lastExecutionMs: number | null = null;
  private lastUsed: Date | null = null;

  private constructor(
    readonly name: string,
    readonly source: string,
    readonly plugin: Plugin | undefined,
    readonly tools: ReadonlyMap<string, CompiledTool>,
    reason: string | null,
    /** The plugin's module file, which worker threads load; absent for a plugin object registered without one (it then has no `worker` tool: the loader refuses such a plugin). */
    readonly moduleFile?: string,
  ) {
    this.phase = reason === null ? 'LOADED' : 'UNAVAILABLE';
    this.unavailableReason = reason;
  }

  /** A plugin that loaded and whose schemas compiled: LOADED until `init` is done. */
  static loaded(plugin: Plugin, source: string, tools: ReadonlyMap<string, CompiledTool>, moduleFile?: string): RegisteredPlugin {
    return new RegisteredPlugin(plugin.name, source, plugin, tools, null, moduleFile);
  }

  /** A plugin that cannot run, registered so that operators and callers see why. */
  static unavailable(name: string, source: string, reason: string, plugin?: Plugin): RegisteredPlugin {
    return new RegisteredPlugin(name, source, plugin, new Map(), reason);
  }

  get state(): LifecycleState {
    if (this.phase === 'UNAVAILABLE' || this.isSuspended || this.tooManyAbandoned) return 'UNAVAILABLE';
    if (this.inFlight > 0) return 'RUNNING';
    if (this.phase === 'LOADED') return 'LOADED';
    return this.faulted ? 'FAILED' : 'INITIALIZED';
  }

  get reason(): string | null {
    if (this.phase !== 'UNAVAILABLE' && !this.isSuspended && this.tooManyAbandoned) return this.abandonedReason;
    return this.isSuspended ? this.suspensionReason : this.unavailableReason;
  }

  /** The tool a request without a tool name gets: `defaultTool`, else the first declared tool. */
  get defaultToolName(): string | undefined {
    return this.plugin?.defaultTool ?? this.tools.keys().next().value;
  }

  markInitialized(): void {
    if (this.phase === 'LOADED') this.phase = 'INITIALIZED';
  }

  markUnavailable(reason: string): void {
    this.phase = 'UNAVAILABLE';
    this.unavailableReason = reason;
  }

  /**
   * Makes the plugin UNAVAILABLE for `cooldownMs` (a circuit breaker tripped), with `reason`; afterwards
   * it runs again, in the state its last call left it (FAILED after crashes).
   */
  suspend(reason: string, cooldownMs: number): void {
    this.suspendedUntil = Date.now() + cooldownMs;
    this.suspensionReason = reason;
  }

  /** Whether a circuit breaker suspended the plugin and its cool-down is not over. */
  get isSuspended(): boolean {
    return this.suspendedUntil > 0 && Date.now() < this.suspendedUntil;
  }

  /**
   * Counts an inline call the runner abandoned (its tool ignored the abort signal) until
   * {@link settleAbandoned}. While `limit` or more are unsettled, the plugin is UNAVAILABLE with
   * `reason`; it returns by itself once enough of them settle.
   */
  beginAbandoned(limit: number, reason: string): void {
    this.abandoned += 1;
    this.abandonedLimit = limit;
    this.abandonedReason = reason;
  }

  /** An abandoned call's code finally settled. */
  settleAbandoned(): void {
    this.abandoned = Math.max(0, this.abandoned - 1);
  }

  private get tooManyAbandoned(): boolean {
    return this.abandoned >= this.abandonedLimit;
  }

  beginExecution(): void {
    this.inFlight += 1;
  }

  recordExecution(record: ExecutionRecord): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastUsed = new Date();
    this.lastExecutionMs = record.durationMs;
    this.totalExecutionMs += record.durationMs;
    if (record.ok) {
      this.successCount += 1;
      this.faulted = false;
    } else {
      this.errorCount += 1;
      if (record.pluginFault) this.faulted = true;
    }
  }

  snapshot(now: number = Date.now()): PluginSnapshot {
    const calls = this.successCount + this.errorCount;
    const tools: Record<string, ToolDefinition> = {};
    for (const [name, tool] of this.tools) tools[name] = tool.definition;
    return {
      name: this.name,
      version: this.plugin?.version ?? null,
      description: this.plugin?.description ?? null,
      source: this.source,
      state: this.state,
      reason: this.reason,
      defaultTool: this.defaultToolName ?? null,
      tools,
      metrics: {
        successCount: this.successCount,
        errorCount: this.errorCount,
        lastExecutionTimeMs: this.lastExecutionMs,
        avgExecutionTimeMs: calls === 0 ? null : this.totalExecutionMs / calls,
        lastUsed: this.lastUsed,
        loadedAt: this.loadedAt,
        uptimeSeconds: Math.max(0, Math.floor((now - this.loadedAt.getTime()) / 1000)),
        inFlight: this.inFlight,
        abandoned: this.abandoned,
      },
    };
  }
}
