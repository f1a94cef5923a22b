import { PluginUnavailableError, ToolNotFoundError, type ErrorContext } from '@forgesyte/errors';
import type { CompiledTool, RegisteredPlugin } from '@forgesyte/registry';
import type { Plugin } from '@forgesyte/plugin-sdk';

/** A runnable plugin and the tool a request resolved to. */
export interface ResolvedTool {
  readonly plugin: Plugin;
  readonly tool: CompiledTool;
}

/**
 * Step 1 of an execution: the tool the request names (or the plugin's default tool) of an available
 * plugin. Throws `PLUGIN_UNAVAILABLE` or `TOOL_NOT_FOUND`.
 */
export function resolveTool(entry: RegisteredPlugin, requested: string | undefined, context: ErrorContext): ResolvedTool {
  if (entry.state === 'UNAVAILABLE' || entry.plugin === undefined) {
    throw new PluginUnavailableError(entry.name, entry.reason ?? 'it is not loaded', context);
  }
  const name = requested ?? entry.defaultToolName;
  const tool = name === undefined ? undefined : entry.tools.get(name);
  if (tool === undefined) {
    throw new ToolNotFoundError(entry.name, name ?? '', [...entry.tools.keys()], context);
  }
  return { plugin: entry.plugin, tool };
}
