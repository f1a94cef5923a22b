import { Injectable } from '@nestjs/common';
import { CallForbiddenError } from '@forgesyte/errors';
import type { AnalysisRequest } from '@forgesyte/execution';
import { keyAllows, type KeyAllowLists } from '@forgesyte/keys';
import type { PluginSnapshot } from '@forgesyte/registry';
import { PluginRegistry } from '@forgesyte/registry';

// The rule of what a key may call is the keys lib's (keyAllows); this file applies it to requests and plugin listings.

/** True when `caller`'s allow-lists let it call some tool of `plugin`. */
export function mayCallPlugin(caller: KeyAllowLists, plugin: string): boolean {
  return keyAllows(caller, plugin);
}

/** True when `caller`'s allow-lists let it call `tool` of `plugin`. */
export function mayCallTool(caller: KeyAllowLists, plugin: string, tool: string): boolean {
  return keyAllows(caller, plugin, tool);
}

/** `plugin` with only the tools `caller` may call (the same snapshot when its key has no tools list). */
export function withCallableTools(caller: KeyAllowLists, plugin: PluginSnapshot): PluginSnapshot {
  if (caller.tools === null) return plugin;
  const tools = Object.fromEntries(Object.entries(plugin.tools).filter(([tool]) => keyAllows(caller, plugin.name, tool)));
  return { ...plugin, tools };
}

/**
 * Enforces a stored key's allow-lists on the calls it makes: a plugin or tool outside them is
 * `FORBIDDEN` naming it, whether or not it exists (so the answer does not tell which plugins exist).
 * A key without allow-lists (every bootstrap key) passes at the cost of two comparisons.
 */
@Injectable()
export class CallPermission {
  constructor(private readonly registry: PluginRegistry) {}

  /**
   * Throws {@link CallForbiddenError} when `caller` may not run `request`'s tool: the one it names, else
   * the plugin's default tool; for a plugin this server does not know, when the key may call no tool of it.
   */
  check(caller: KeyAllowLists, request: AnalysisRequest): void {
    if (caller.plugins === null && caller.tools === null) return;
    const tool = request.tool ?? this.registry.find(request.plugin)?.defaultToolName;
    if (!keyAllows(caller, request.plugin, tool)) throw refusal(caller, request.plugin, tool);
  }

  /** Throws {@link CallForbiddenError} when `caller` may call no tool of `plugin` (read routes of one plugin). */
  checkPlugin(caller: KeyAllowLists, plugin: string): void {
    if (!keyAllows(caller, plugin)) throw refusal(caller, plugin, undefined);
  }
}

/** The refusal of a call of `plugin` (and `tool`, when known), naming the allow-list that refused it. */
function refusal(caller: KeyAllowLists, plugin: string, tool: string | undefined): CallForbiddenError {
  if (caller.plugins !== null && !caller.plugins.has(plugin)) return new CallForbiddenError(plugin, undefined, [...caller.plugins]);
  const tools = [...(caller.tools ?? [])];
  // No tool known: refused because no entry of the tools list names this plugin; those entries' plugins are the ones it may call.
  if (tool === undefined) return new CallForbiddenError(plugin, undefined, [...new Set(tools.map((entry) => entry.slice(0, entry.indexOf('.'))))]);
  return new CallForbiddenError(plugin, tool, tools);
}
