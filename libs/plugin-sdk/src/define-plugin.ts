import type { Plugin } from './plugin';
import type { ToolDefinition } from './tool-definition';
import type { AnyToolResult, ToolCall } from './tool-types';

/**
 * A plugin whose tool names are known to the compiler, as `definePlugin` infers them. For tools whose
 * schemas are written `as const`, `run` receives each tool's typed args (checking `tool` narrows them)
 * and must return one of the tools' typed results; see {@link ToolCall}.
 */
export interface PluginDefinition<TTools extends Readonly<Record<string, ToolDefinition>>> extends Plugin {
  readonly tools: TTools;
  readonly defaultTool?: keyof TTools & string;
  run(...call: ToolCall<TTools>): Promise<AnyToolResult<TTools>> | AnyToolResult<TTools>;
}

/**
 * Declares a plugin with type inference: `defaultTool` and the `tool` argument of `run` are checked
 * against the declared tool names, and `run`'s args and result against each tool's schemas when they
 * are written `as const`. Returns the definition unchanged.
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
