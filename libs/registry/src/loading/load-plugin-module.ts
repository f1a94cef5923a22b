import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { unwrapPluginExport } from '@forgesyte/plugin-sdk';

/** A plugin module found from a `FORGESYTE_PLUGINS` specifier. */
export interface LoadedPluginModule {
  /** The module's plugin export (see {@link unwrapPluginExport}). */
  readonly exported: unknown;
  /** The module's absolute file: what a worker thread `require`s to load the same plugin. */
  readonly file: string;
}

/**
 * Loads the module a `FORGESYTE_PLUGINS` specifier names: a path (absolute, or relative to `baseDir`)
 * or a package name resolved from `baseDir`'s node_modules. Returns its default export, calling it
 * first when it is a zero-argument factory, and the file it came from. Throws when it cannot be loaded.
 */
export function loadPluginModule(specifier: string, baseDir: string): LoadedPluginModule {
  const requireFromBase = createRequire(join(baseDir, 'noop.js'));
  const target = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(baseDir, specifier) : specifier;
  const file = requireFromBase.resolve(target);
  return { exported: unwrapPluginExport(requireFromBase(file)), file };
}
