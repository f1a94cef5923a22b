// BENCHMARK-ONLY. This is the one file outside the ToolRunner that calls a plugin's `run` directly: it
// is the baseline the ToolRunner's overhead is measured against (no validation, deadline, metrics or
// job). Product code must never do this; the `forgesyte/no-direct-plugin-run` lint rule allows this
// file, and only this file, by name.
import type { Plugin, ToolContext } from '@forgesyte/plugin-sdk';

/**
 * BENCHMARK-ONLY: calls `plugin.run` directly and awaits it, as the cheapest possible caller of a
 * plugin would (a plugin may return a promise, so every caller awaits).
 */
export function callPluginDirectly(plugin: Plugin, tool: string, args: unknown, context: ToolContext): Promise<unknown> {
  return Promise.resolve(plugin.run(tool, args, context));
}
