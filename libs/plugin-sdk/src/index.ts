export type { ToolDefinition, ToolIsolation, JsonSchema } from './tool-definition';
export type { ToolContext, ToolLogger } from './tool-context';
export type { Plugin, PluginModuleExport } from './plugin';
export { PLUGIN_NAME_PATTERN } from './plugin';
export type { PluginDefinition } from './define-plugin';
export { definePlugin } from './define-plugin';
export { ToolInputError } from './tool-input.error';
export { unwrapPluginExport } from './unwrap-plugin-export';
