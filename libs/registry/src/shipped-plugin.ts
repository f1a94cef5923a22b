import type { PluginModuleExport } from '@forgesyte/plugin-sdk';

/**
 * A plugin the app registers in code, together with the module file it is the default export of (in
 * the repository: `require.resolve('../../plugins/<name>/src')` from the shipped-plugin list, which
 * finds `index.ts` when run from sources and `index.js` in `dist`). A worker thread `require`s that
 * file to run the plugin's `isolation: 'worker'` tools.
 */
export interface PluginWithModuleFile {
  readonly plugin: PluginModuleExport;
  /** The absolute file whose default export is {@link plugin}. */
  readonly moduleFile: string;
}

/**
 * An entry of the registry's `shipped` list: a plugin with its module file, or a plugin object alone,
 * which can only run inline (a `worker` tool of it makes it UNAVAILABLE at start).
 */
export type ShippedPlugin = PluginModuleExport | PluginWithModuleFile;

/** The plugin export of a shipped-plugin entry, and its module file when the entry names one. */
export function shippedPluginParts(entry: ShippedPlugin): { readonly exported: PluginModuleExport; readonly moduleFile?: string } {
  return isWithModuleFile(entry) ? { exported: entry.plugin, moduleFile: entry.moduleFile } : { exported: entry };
}

function isWithModuleFile(entry: ShippedPlugin): entry is PluginWithModuleFile {
  return typeof entry === 'object' && entry !== null && 'moduleFile' in entry && 'plugin' in entry;
}
