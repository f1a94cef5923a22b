/**
 * What crosses the thread boundary when a plugin module's manifest is read in a worker thread (see
 * `read-plugin-manifest.ts`). Plain data only; this file must stay free of imports beyond types: the
 * worker entry loads it.
 */
import type { ToolDefinition } from '@forgesyte/plugin-sdk';

/** Server to the manifest thread, as its `workerData`. */
export interface ManifestRequest {
  /** The plugin module's absolute file. */
  readonly file: string;
}

/** A plugin's declarations, read from its module in a worker thread: everything but its code. */
export interface PluginManifest {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly defaultTool?: string;
  readonly tools: Readonly<Record<string, ToolDefinition>>;
}

/** Manifest thread to server: it is about to load the module (`started`), or did (`loaded`; its `init`, if any, runs next). */
export type ManifestProgress = { readonly kind: 'started' } | { readonly kind: 'loaded' };

/** Manifest thread to server: what the module is, and so where the server may load it. */
export type ManifestReply =
  /** Every tool is `isolation: 'worker'`: registered from this manifest, never imported by the server's thread. */
  | { readonly kind: 'worker-only'; readonly manifest: PluginManifest }
  /** Some tools run inline, or its module threw while loading in the thread: the server's thread imports it. */
  | { readonly kind: 'main-thread' }
  /** The plugin cannot be used, for `reason` (phrased for the plugin's UNAVAILABLE reason); `name` when it has a valid one. */
  | { readonly kind: 'refused'; readonly name?: string; readonly reason: string };

/** Any message the manifest thread posts. */
export type ManifestMessage = ManifestProgress | ManifestReply;
