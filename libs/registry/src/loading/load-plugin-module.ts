import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Loads the module a `FORGESYTE_PLUGINS` specifier names: a path (absolute, or relative to `baseDir`)
 * or a package name resolved from `baseDir`'s node_modules. Returns its default export, calling it
 * first when it is a zero-argument factory. Throws when the module cannot be loaded.
 */
export function loadPluginModule(specifier: string, baseDir: string): unknown {
  const requireFromBase = createRequire(join(baseDir, 'noop.js'));
  const target = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(baseDir, specifier) : specifier;
  return unwrapPluginExport(requireFromBase(target));
}

/** The plugin a module exports: its `default` export (or the module itself), factories called. */
export function unwrapPluginExport(moduleValue: unknown): unknown {
  const exported =
    typeof moduleValue === 'object' && moduleValue !== null && 'default' in moduleValue
      ? moduleValue.default
      : moduleValue;
  return typeof exported === 'function' && exported.length === 0 ? (exported as () => unknown)() : exported;
}
