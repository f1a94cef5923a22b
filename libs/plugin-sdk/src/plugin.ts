import type { ToolContext } from './tool-context';
import type { ToolDefinition } from './tool-definition';

/**
 * An analysis plugin: named tools with JSON contracts. Only the ToolRunner calls `run`; everything
 * else executes a plugin through the runner so that validation, deadlines and metrics always apply.
 */
export interface Plugin {
  /** Unique name matching {@link PLUGIN_NAME_PATTERN}. */
  readonly name: string;
  /** Semantic version of the plugin, e.g. `1.2.0`. */
  readonly version: string;
  readonly description: string;
  readonly tools: Readonly<Record<string, ToolDefinition>>;
  /** Tool used when a request names none; otherwise the first declared tool. */
  readonly defaultTool?: string;
  /** Runs one tool; may return the result or a promise of it. Only the ToolRunner calls it. */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- documents that a promise is awaited
  run(tool: string, args: unknown, context: ToolContext): Promise<unknown> | unknown;
  /** Called once at load; a throw makes the plugin UNAVAILABLE. */
  init?(): Promise<void> | void;
  /** Called once at shutdown. */
  dispose?(): Promise<void> | void;
}

/** What a plugin module exports by default: a plugin, or a zero-argument factory of one. */
export type PluginModuleExport = Plugin | (() => Plugin);

/** Plugin names: lower-case letters, digits and dashes, starting with a letter, at most 64 characters. */
export const PLUGIN_NAME_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
