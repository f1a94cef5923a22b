import type { SchemaValidator, ToolDefinition } from '@forgesyte/plugin-sdk';

/** A tool with its schemas compiled at registration, ready for the runner. */
export interface CompiledTool {
  readonly name: string;
  readonly definition: ToolDefinition;
  readonly validateInput: SchemaValidator;
  readonly validateOutput: SchemaValidator;
}
