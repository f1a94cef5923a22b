import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import { PLUGIN_NAME_PATTERN, type Plugin, unwrapPluginExport } from '@forgesyte/plugin-sdk';
import { BuiltinsGuard } from '../containment/builtins-guard';
import { type PluginCodeLocation, PluginCodeLocations } from '../containment/plugin-code-locations';
import { UncaughtErrorContainment } from '../containment/uncaught-error-containment.service';
import { PluginRegistry } from '../plugin-registry.service';
import { RegisteredPlugin } from '../registered-plugin';
import { REGISTRY_OPTIONS } from '../registry.module-definition';
import { REGISTRY_DEFAULTS, type RegistryModuleOptions } from '../registry.options';
import { type ShippedPlugin, shippedPluginParts } from '../shipped-plugin';
import { compileTools } from './compile-tools';
import { loadFailureOf } from './load-failure';
import { loadPluginModule, resolvePluginFile } from './load-plugin-module';
import type { ManifestReply } from './manifest-protocol';
import { pluginCodeRoot } from './plugin-code-root';
import { findShapeProblems } from './plugin-shape';
import { readPluginManifest } from './read-plugin-manifest';
import { unbuiltPackageReason } from './unbuilt-package';
import { workerOnlyPlugin } from './worker-only-plugin';
import { workerToolsWithoutModuleReason } from './worker-tools-without-module';

/** A specifier's module, read in a worker thread (see {@link readPluginManifest}), or why it could not be found. */
type Probe = { readonly file: string; readonly reply: ManifestReply } | { readonly missing: string };

/** What a plugin candidate is, once its code has run (or its manifest was read). */
interface Candidate {
  readonly exported: unknown;
  /** The module file worker threads load; absent for a plugin object registered without one. */
  readonly file?: string;
}

/**
 * Registers the shipped plugins and the `FORGESYTE_PLUGINS` specifiers at start, then runs every
 * plugin's `init`; disposes them at shutdown. A plugin that fails any step is registered UNAVAILABLE
 * with its reason, and start-up carries on. A plugin's `isolation: 'worker'` tools run in threads that
 * load its module file: a shipped plugin comes with it (`{ plugin, moduleFile }`), and one registered
 * as an object without it is UNAVAILABLE when it has such a tool (never run inline instead).
 * Containment: every specifier's module is first loaded in a
 * worker thread of its own, which reads its manifest; a plugin whose tools all run in workers is
 * registered from that manifest and never imported by the server's thread. A module that is imported
 * has its code's location recorded ({@link PluginCodeLocations}), so that an error escaping from it is
 * charged to its plugin; a change it makes to the built-ins is undone and refuses the plugin
 * ({@link BuiltinsGuard}), which then locks the built-in prototypes.
 */
@Injectable()
export class PluginLoader implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('PluginLoader');
  private readonly initialized: RegisteredPlugin[] = [];
  private guard: BuiltinsGuard | undefined;

  constructor(
    @Inject(REGISTRY_OPTIONS) private readonly options: RegistryModuleOptions,
    private readonly registry: PluginRegistry,
    private readonly containment: UncaughtErrorContainment,
    private readonly locations: PluginCodeLocations,
  ) {}

  async onModuleInit(): Promise<void> {
    this.containment.install();
    const guard = (this.guard = new BuiltinsGuard(this.options.builtinsRealm));
    const baseDir = this.options.baseDir ?? process.cwd();
    const specifiers = this.options.specifiers ?? [];
    // Every module is read in its own thread at once. Then plugin code runs in this thread in one
    // synchronous stretch, in the declared order: no timer of one module fires while the next loads.
    const probes = await Promise.all(specifiers.map((specifier) => this.probe(specifier, baseDir)));
    for (const shipped of this.options.shipped ?? []) this.registerShipped(shipped);
    for (const [i, specifier] of specifiers.entries()) this.registerProbed(specifier, probes[i], baseDir);
    guard.lock();
    await Promise.all(this.registry.entriesList().map((entry) => this.initialize(entry)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.initialized.splice(0).map((entry) => this.dispose(entry)));
  }

  private async probe(specifier: string, baseDir: string): Promise<Probe> {
    let file: string;
    try {
      file = resolvePluginFile(specifier, baseDir);
    } catch (error) {
      return { missing: unbuiltPackageReason(specifier, baseDir) ?? loadFailureOf(specifier, error, baseDir) };
    }
    return { file, reply: await readPluginManifest(file, this.initTimeoutMs) };
  }

  private registerShipped(shipped: ShippedPlugin): void {
    const { exported, moduleFile } = shippedPluginParts(shipped);
    this.register('shipped', undefined, () => ({ exported: unwrapPluginExport(exported), file: moduleFile }));
  }

  private registerProbed(specifier: string, probe: Probe, baseDir: string): void {
    if ('missing' in probe) return this.addUnavailable(this.freeKey(specifier), specifier, `its module could not be loaded: ${probe.missing}`);
    const { file, reply } = probe;
    switch (reply.kind) {
      case 'refused': {
        const name = validName(reply.name);
        const key = name !== undefined && !this.registry.has(name) ? name : this.freeKey(specifier);
        return this.addUnavailable(key, specifier, reply.reason);
      }
      case 'worker-only':
        return this.register(specifier, undefined, () => ({ exported: workerOnlyPlugin(reply.manifest), file }));
      case 'main-thread': {
        // Known before its code runs: a timer its module sets and then fails to load still names it.
        const code = { root: pluginCodeRoot(file, baseDir), file };
        return this.register(specifier, code, () => ({ exported: loadPluginModule(file), file }));
      }
    }
  }

  /** Registers what `load` gives; `code` is where its code lives when `load` imports it into this thread. */
  private register(source: string, code: PluginCodeLocation | undefined, load: () => Candidate): void {
    let candidate: Candidate;
    try {
      candidate = load();
    } catch (error) {
      const reason = this.builtinsChangedReason('while loading') ?? `its module could not be loaded: ${loadFailureOf(source, error)}`;
      this.addUnavailable(this.freeKey(source), source, reason, code);
      return;
    }
    const name = validName(nameOf(candidate.exported));
    if (this.refuseIfBuiltinsChanged(source, code, name)) return;
    if (name !== undefined && this.registry.has(name)) {
      const owner = this.registry.find(name)?.source ?? 'another plugin';
      this.addUnavailable(this.freeKey(source), source, `its name '${name}' is already taken by ${owner}`, code);
      return;
    }
    const problems = findShapeProblems(candidate.exported);
    if (problems.length > 0) {
      this.addUnavailable(name ?? this.freeKey(source), source, `it is not a valid plugin: ${problems.join('; ')}`, code);
      return;
    }
    const plugin = candidate.exported as Plugin;
    const noModule = workerToolsWithoutModuleReason(plugin, candidate.file);
    if (noModule !== undefined) return this.addUnavailable(plugin.name, source, noModule, code, plugin);
    try {
      const entry = RegisteredPlugin.loaded(plugin, source, compileTools(plugin), candidate.file);
      this.registry.add(entry);
      if (code !== undefined) this.locations.add(code, entry);
    } catch (error) {
      this.addUnavailable(plugin.name, source, errorMessageOf(error), code, plugin);
    }
  }

  /** Undoes what the code just run changed in the built-ins; when it changed any, refuses the plugin. */
  private refuseIfBuiltinsChanged(source: string, code: PluginCodeLocation | undefined, name: string | undefined): boolean {
    const reason = this.builtinsChangedReason('while loading');
    if (reason === undefined) return false;
    const key = name !== undefined && !this.registry.has(name) ? name : this.freeKey(source);
    this.addUnavailable(key, source, reason, code);
    return true;
  }

  private async initialize(entry: RegisteredPlugin): Promise<void> {
    if (entry.state !== 'LOADED') return;
    try {
      await withTimeout(Promise.resolve(entry.plugin?.init?.()), this.initTimeoutMs);
      const changed = this.builtinsChangedReason('in its init');
      if (changed !== undefined) {
        entry.markUnavailable(changed);
        this.logger.error(`plugin '${entry.name}' is UNAVAILABLE: ${changed}`);
        return;
      }
      entry.markInitialized();
      this.initialized.push(entry);
      this.logger.log(`plugin '${entry.name}' initialized (${entry.source})`);
    } catch (error) {
      entry.markUnavailable(`its init failed: ${errorMessageOf(error)}`);
      this.logger.error(`plugin '${entry.name}' is UNAVAILABLE: ${entry.reason}`);
    }
  }

  /**
   * The UNAVAILABLE reason for changes made to the built-ins since the last check (undone now), if
   * any. Inits run concurrently: a change is charged to the init that finishes next.
   */
  private builtinsChangedReason(when: string): string | undefined {
    const { changes, permanent } = this.guard?.restore() ?? { changes: [], permanent: [] };
    if (changes.length === 0) return undefined;
    const undone =
      permanent.length === 0
        ? 'the change was undone'
        : `${permanent.join(', ')} could not be undone: restart the server without this plugin`;
    return (
      `it changed built-ins the server relies on ${when}: ${changes.join(', ')}; ${undone}. ` +
      `A plugin must not add to or replace members of built-in prototypes, JSON, Reflect, Math or their globals; ` +
      `keep its helpers in its own module, or declare all its tools isolation 'worker' so that its code runs only in its own threads.`
    );
  }

  private async dispose(entry: RegisteredPlugin): Promise<void> {
    try {
      await withTimeout(Promise.resolve(entry.plugin?.dispose?.()), this.initTimeoutMs);
    } catch (error) {
      this.logger.warn(`plugin '${entry.name}' dispose failed: ${errorMessageOf(error)}`);
    }
  }

  /** Registers `key` UNAVAILABLE; `code` is where its code lives, if it was imported into this thread. */
  private addUnavailable(key: string, source: string, reason: string, code?: PluginCodeLocation, plugin?: Plugin): void {
    const entry = RegisteredPlugin.unavailable(key, source, reason, plugin);
    this.registry.add(entry);
    if (code !== undefined) this.locations.add(code, entry);
    this.logger.error(`plugin '${key}' is UNAVAILABLE: ${reason}`);
  }

  /** A registry key for a plugin without a usable name: its source, suffixed until free. */
  private freeKey(source: string): string {
    let key = source;
    for (let n = 2; this.registry.has(key); n += 1) key = `${source}#${n}`;
    return key;
  }

  private get initTimeoutMs(): number {
    return this.options.initTimeoutMs ?? REGISTRY_DEFAULTS.initTimeoutMs;
  }
}

function nameOf(candidate: unknown): unknown {
  return (candidate as { name?: unknown } | null)?.name;
}

function validName(name: unknown): string | undefined {
  return typeof name === 'string' && PLUGIN_NAME_PATTERN.test(name) ? name : undefined;
}

async function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
