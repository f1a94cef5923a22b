import { Injectable } from '@nestjs/common';
import { CallForbiddenError } from '@forgesyte/errors';
import type { AnalysisRequest } from '@forgesyte/execution';
import type { PluginSnapshot } from '@forgesyte/registry';
import { PluginRegistry } from '@forgesyte/registry';
import type { Principal } from './api-key-ring';

type AllowLists = Pick<Principal, 'plugins' | 'tools'>;

/**
 * True when `caller`'s allow-lists let it call some tool of `plugin`: the plugin is in its plugins
 * list (or it has none), and its tools list (if any) names one of the plugin's tools.
 */
export function mayCallPlugin({ plugins, tools }: AllowLists, plugin: string): boolean {
  if (plugins !== null && !plugins.has(plugin)) return false;
  if (tools === null) return true;
  const prefix = `${plugin}.`;
  for (const entry of tools) if (entry.startsWith(prefix)) return true;
  return false;
}

/** True when `caller`'s allow-lists let it call `tool` of `plugin`. */
export function mayCallTool({ plugins, tools }: AllowLists, plugin: string, tool: string): boolean {
  return (plugins === null || plugins.has(plugin)) && (tools === null || tools.has(`${plugin}.${tool}`));
}

/** `plugin` with only the tools `caller` may call (the same snapshot when its key has no tools list). */
export function withCallableTools(caller: AllowLists, plugin: PluginSnapshot): PluginSnapshot {
  if (caller.tools === null) return plugin;
  const tools = Object.fromEntries(Object.entries(plugin.tools).filter(([tool]) => mayCallTool(caller, plugin.name, tool)));
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

  /** Throws {@link CallForbiddenError} when `caller` may not run `request`'s tool (its default tool when it names none). */
  check(caller: AllowLists, request: AnalysisRequest): void {
    const { plugins, tools } = caller;
    if (plugins === null && tools === null) return;
    if (plugins !== null && !plugins.has(request.plugin)) throw new CallForbiddenError(request.plugin, undefined, [...plugins]);
    if (tools === null) return;
    const tool = request.tool ?? this.registry.find(request.plugin)?.defaultToolName;
    if (tool === undefined || !tools.has(`${request.plugin}.${tool}`)) throw new CallForbiddenError(request.plugin, tool ?? '(its default tool)', [...tools]);
  }

  /** Throws {@link CallForbiddenError} when `caller` may call no tool of `plugin` (read routes of one plugin). */
  checkPlugin(caller: AllowLists, plugin: string): void {
    if (mayCallPlugin(caller, plugin)) return;
    // Refused by the tools list: the plugins it names are the ones this key may call.
    const allowed = caller.plugins !== null && !caller.plugins.has(plugin) ? caller.plugins : [...(caller.tools ?? [])].map((entry) => entry.slice(0, entry.indexOf('.')));
    throw new CallForbiddenError(plugin, undefined, [...new Set(allowed)]);
  }
}
