import type { PluginSnapshot } from '@forgesyte/registry';
import type { PluginDetailResponse, PluginHealthResponse, PluginSummaryResponse } from './dto/plugin.response';

/** A plugin's state and metrics on the wire (snake_case). */
export function presentPluginHealth(plugin: PluginSnapshot): PluginHealthResponse {
  const { metrics } = plugin;
  return {
    name: plugin.name,
    state: plugin.state,
    reason: plugin.reason,
    success_count: metrics.successCount,
    error_count: metrics.errorCount,
    last_execution_time_ms: roundMs(metrics.lastExecutionTimeMs),
    avg_execution_time_ms: roundMs(metrics.avgExecutionTimeMs),
    last_used: metrics.lastUsed?.toISOString() ?? null,
    loaded_at: metrics.loadedAt.toISOString(),
    uptime_seconds: metrics.uptimeSeconds,
    in_flight: metrics.inFlight,
    abandoned: metrics.abandoned,
  };
}

/** A plugin in the listing: identity, tool names, state and metrics. */
export function presentPluginSummary(plugin: PluginSnapshot): PluginSummaryResponse {
  return {
    ...presentPluginHealth(plugin),
    version: plugin.version,
    description: plugin.description,
    default_tool: plugin.defaultTool,
    tools: Object.keys(plugin.tools),
  };
}

/** One plugin in full: its tools with their schemas and limits. */
export function presentPluginDetail(plugin: PluginSnapshot): PluginDetailResponse {
  const tools = Object.entries(plugin.tools).map(([name, tool]) => ({
    name,
    description: tool.description,
    input_schema: tool.inputSchema,
    output_schema: tool.outputSchema,
    timeout_ms: tool.timeoutMs ?? null,
    isolation: tool.isolation ?? 'inline',
    max_concurrency: tool.maxConcurrency ?? null,
  }));
  return { ...presentPluginSummary(plugin), tools };
}

function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}
