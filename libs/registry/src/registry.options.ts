import type { ShippedPlugin } from './shipped-plugin';

/** How the registry finds its plugins. */
export interface RegistryModuleOptions {
  /**
   * Plugins shipped with the product: their modules' default exports, each with the module file a
   * worker thread loads (a plugin object alone can only run inline).
   */
  readonly shipped?: readonly ShippedPlugin[];
  /** Extra plugin module specifiers (package names or paths), as `FORGESYTE_PLUGINS` lists them. */
  readonly specifiers?: readonly string[];
  /** Directory relative paths and package names in `specifiers` are resolved from. Default: the cwd. */
  readonly baseDir?: string;
  /** How long one plugin's `init` may take before the plugin is UNAVAILABLE. Default 30000. */
  readonly initTimeoutMs?: number;
  /**
   * The global object whose built-ins are protected from plugin code (see `BuiltinsGuard`). Default:
   * this realm's `globalThis`, where plugin modules run; tests pass another realm's (`node:vm`).
   */
  readonly builtinsRealm?: typeof globalThis;
}

/** Defaults of {@link RegistryModuleOptions}. */
export const REGISTRY_DEFAULTS = Object.freeze({ initTimeoutMs: 30_000 });
