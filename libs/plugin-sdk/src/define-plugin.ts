import type { Plugin } from './plugin';
import type { ToolContext } from './tool-context';
import type { ToolDefinition } from './tool-definition';

/** A plugin whose tool names are known to the compiler, as `definePlugin` infers them. */
export interface PluginDefinition<TTools extends Readonly<Record<string, ToolDefinition>>> extends Plugin {
  readonly tools: TTools;
  readonly defaultTool?: keyof TTools & string;
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- documents that a promise is awaited
  run(tool: keyof TTools & string, args: unknown, context: ToolContext): Promise<unknown> | unknown;
}

/**
 * Declares a plugin with type inference: `defaultTool` and the `tool` argument of `run` are checked
 * against the declared tool names. Returns the definition unchanged.
 *
 * @example
 * export default definePlugin({
 *   name: 'hello', version: '1.0.0', description: 'Greets.',
 *   tools: { greet: { description: 'Says hello.', inputSchema: {...}, outputSchema: {...} } },
 *   run(tool, args, context) { ... },
 * });
 */
export function definePlugin<const TTools extends Readonly<Record<string, ToolDefinition>>>(
  definition: PluginDefinition<TTools>,
): PluginDefinition<TTools> {
  return definition;
}
