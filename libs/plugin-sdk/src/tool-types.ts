import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { ToolContext } from './tool-context';
import type { JsonSchema, ToolDefinition } from './tool-definition';

/**
 * The value a JSON Schema describes. For a schema written `as const` (its literal type kept), the type
 * `json-schema-to-ts`' `FromSchema` derives from it: `{ text: string }` for
 * `{ type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false }`.
 * For a schema typed only as {@link JsonSchema} (no `as const`, or annotated), `unknown`: nothing is
 * known about the value, so it must be checked before use, as before.
 */
export type SchemaValue<TSchema> = JsonSchema extends TSchema ? unknown : TSchema extends JSONSchema ? FromSchema<TSchema> : unknown;

/** The args a tool's `run` receives: the value of its `inputSchema` (see {@link SchemaValue}). */
export type ToolArgs<TTool extends ToolDefinition> = SchemaValue<TTool['inputSchema']>;

/** What a tool must return: the value of its `outputSchema` (see {@link SchemaValue}). */
export type ToolResult<TTool extends ToolDefinition> = SchemaValue<TTool['outputSchema']>;

/**
 * The arguments of a plugin's `run`, one tuple per tool: checking `tool` narrows `args` to that tool's
 * {@link ToolArgs}. Declare a dispatch as `run(...[tool, args, context]: ToolCall<typeof tools>)`.
 */
export type ToolCall<TTools extends Readonly<Record<string, ToolDefinition>>> = {
  [TName in keyof TTools & string]: [tool: TName, args: ToolArgs<TTools[TName]>, context: ToolContext];
}[keyof TTools & string];

/** What a plugin's `run` may return: the {@link ToolResult} of any of its tools. */
export type AnyToolResult<TTools extends Readonly<Record<string, ToolDefinition>>> = {
  [TName in keyof TTools & string]: ToolResult<TTools[TName]>;
}[keyof TTools & string];
