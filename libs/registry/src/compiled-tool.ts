import type { ToolDefinition } from '@forgesyte/plugin-sdk';
import type { SchemaValidator } from './schema/schema-violation';

/** A tool with its schemas compiled at registration, ready for the runner. */
export interface CompiledTool {
  readonly name: string;
  readonly definition: ToolDefinition;
  readonly validateInput: SchemaValidator;
  readonly validateOutput: SchemaValidator;
}
