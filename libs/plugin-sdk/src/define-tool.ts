import type { JsonSchema, ToolDefinition } from './tool-definition';

/**
 * Declares a tool and keeps its schemas' literal types (as if written `as const`), so that
 * `ToolArgs<typeof tool>` and `ToolResult<typeof tool>` are the types its schemas describe. Returns the
 * definition unchanged. Without a run-time import, `{ … } satisfies ToolDefinition` with `as const`
 * schemas does the same.
 *
 * @example
 * export const greetTool = defineTool({
 *   description: 'Says hello.',
 *   inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
 *   outputSchema: { type: 'string' },
 * });
 * export function greet(args: ToolArgs<typeof greetTool>): ToolResult<typeof greetTool> { return `Hello, ${args.name}`; }
 */
export function defineTool<const TInputSchema extends JsonSchema, const TOutputSchema extends JsonSchema>(
  definition: ToolDefinition<TInputSchema, TOutputSchema>,
): ToolDefinition<TInputSchema, TOutputSchema> {
  return definition;
}
