export { RegistryModule } from './registry.module';
export { REGISTRY_DEFAULTS, type RegistryModuleOptions } from './registry.options';
export { type PluginWithModuleFile, type ShippedPlugin, shippedPluginParts } from './shipped-plugin';
export { PluginRegistry } from './plugin-registry.service';
export type { RegisteredPlugin } from './registered-plugin';
export { LIFECYCLE_STATES, type LifecycleState } from './lifecycle-state';
export type { PluginSnapshot, PluginMetrics } from './plugin-snapshot';
export type { CompiledTool } from './compiled-tool';
export type { ExecutionRecord } from './execution-record';
export { JsonSchemaCompiler } from './schema/json-schema-compiler';
export {
  MAX_LISTED_VIOLATIONS,
  type SchemaViolation,
  type SchemaViolations,
  type SchemaValidator,
  summarizeViolations,
  violationDetails,
} from '@forgesyte/plugin-sdk';
