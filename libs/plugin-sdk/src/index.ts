export type { ToolDefinition, ToolIsolation, JsonSchema, ToolAnnotations } from './tool-definition';
export type { AnyToolResult, SchemaValue, ToolArgs, ToolCall, ToolResult } from './tool-types';
export type { ToolContext, ToolLogger } from './tool-context';
export type { RetryBackoff, RetryBackoffType, RetryPolicy } from './retry-policy';
export { RETRY_LIMITS } from './retry-policy';
export type { Plugin, PluginModuleExport } from './plugin';
export { PLUGIN_NAME_PATTERN } from './plugin';
export type { PluginDefinition } from './define-plugin';
export { definePlugin } from './define-plugin';
export { defineTool } from './define-tool';
export { ToolInputError } from './tool-input.error';
export { unwrapPluginExport } from './unwrap-plugin-export';
// The server's validation semantics, shared by the registry and @forgesyte/plugin-sdk/testing.
export { SCHEMA_VALIDATION_OPTIONS } from './schema/schema-validation-options';
export { FULL_CHECK_MAX_VALUES, schemaValidator, type CompiledSchemaLike, type ValidationErrorLike } from './schema/schema-check';
export { MAX_LISTED_VIOLATIONS, violationList, type SchemaValidator, type SchemaViolation, type SchemaViolations } from './schema/schema-violation';
export { summarizeViolations, violationDetails } from './schema/violation-report';
