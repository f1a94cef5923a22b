import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { unwrapPluginExport } from '@forgesyte/plugin-sdk';

/**
 * The file a `FORGESYTE_PLUGINS` specifier names: a path (absolute, or relative to `baseDir`) or a
 * package name resolved from `baseDir`'s node_modules. Runs none of its code; throws when nothing
 * is found.
 */
export function resolvePluginFile(specifier: string, baseDir: string): string {
  const target = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(baseDir, specifier) : specifier;
  return createRequire(join(baseDir, 'noop.js')).resolve(target);
}

/**
 * Loads the plugin module `file` into the server's thread and returns its plugin export (see
 * {@link unwrapPluginExport}): its default export, called first when it is a zero-argument factory.
 * Throws what loading it throws.
 */
export function loadPluginModule(file: string): unknown {
  return unwrapPluginExport(createRequire(file)(file));
}
