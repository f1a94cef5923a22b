import type { ToolDefinition } from '@forgesyte/plugin-sdk';
import type { LifecycleState } from './lifecycle-state';

/** A plugin's metrics at one instant. */
export interface PluginMetrics {
  readonly successCount: number;
  readonly errorCount: number;
  readonly lastExecutionTimeMs: number | null;
  readonly avgExecutionTimeMs: number | null;
  readonly lastUsed: Date | null;
  readonly loadedAt: Date;
  readonly uptimeSeconds: number;
  readonly inFlight: number;
  /** Inline calls abandoned at their deadline or cancel whose code is still running. */
  readonly abandoned: number;
}

/** A registered plugin as the outside world sees it: identity, state, metrics, tools. */
export interface PluginSnapshot {
  readonly name: string;
  readonly version: string | null;
  readonly description: string | null;
  readonly source: string;
  readonly state: LifecycleState;
  readonly reason: string | null;
  readonly defaultTool: string | null;
  readonly tools: Readonly<Record<string, ToolDefinition>>;
  readonly metrics: PluginMetrics;
}
