import type { Plugin } from '@forgesyte/plugin-sdk';
import type { PluginManifest } from './manifest-protocol';

/**
 * The server-side stand-in of a plugin whose tools all run in worker threads, built from the manifest
 * read in a thread: its declarations, and no code. The ToolRunner sends its calls to the plugin's
 * worker pool, which loads the real module; `run` here only says so.
 */
export function workerOnlyPlugin(manifest: PluginManifest): Plugin {
  return {
    ...manifest,
    run(): never {
      throw new Error(
        `plugin '${manifest.name}' runs only in its worker threads: its module is not loaded in the server's thread, so its tools must be called through the worker tier`,
      );
    },
  };
}
