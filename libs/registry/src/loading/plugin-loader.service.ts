import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import { PLUGIN_NAME_PATTERN, type Plugin, unwrapPluginExport } from '@forgesyte/plugin-sdk';
import { PluginRegistry } from '../plugin-registry.service';
import { RegisteredPlugin } from '../registered-plugin';
import { REGISTRY_OPTIONS } from '../registry.module-definition';
import { REGISTRY_DEFAULTS, type RegistryModuleOptions } from '../registry.options';
import { compileTools } from './compile-tools';
import { loadPluginModule } from './load-plugin-module';
import { findShapeProblems } from './plugin-shape';

/**
 * Registers the shipped plugins and the `FORGESYTE_PLUGINS` specifiers at start, then runs every
 * plugin's `init`; disposes them at shutdown. A plugin that fails any step is registered UNAVAILABLE
 * with its reason, and start-up carries on.
 */
@Injectable()
export class PluginLoader implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('PluginLoader');
  private readonly initialized: RegisteredPlugin[] = [];

  constructor(
    @Inject(REGISTRY_OPTIONS) private readonly options: RegistryModuleOptions,
    private readonly registry: PluginRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const baseDir = this.options.baseDir ?? process.cwd();
    for (const shipped of this.options.shipped ?? []) {
      this.register('shipped', () => ({ exported: unwrapPluginExport(shipped), file: undefined }));
    }
    for (const specifier of this.options.specifiers ?? []) {
      this.register(specifier, () => loadPluginModule(specifier, baseDir));
    }
    await Promise.all(this.registry.entriesList().map((entry) => this.initialize(entry)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.initialized.splice(0).map((entry) => this.dispose(entry)));
  }

  private register(source: string, load: () => { exported: unknown; file: string | undefined }): void {
    let candidate: unknown;
    let file: string | undefined;
    try {
      ({ exported: candidate, file } = load());
    } catch (error) {
      this.addUnavailable(this.freeKey(source), source, `its module could not be loaded: ${loadFailureOf(source, error)}`);
      return;
    }
    const name = nameOf(candidate);
    if (name !== undefined && this.registry.has(name)) {
      const owner = this.registry.find(name)?.source ?? 'another plugin';
      this.addUnavailable(this.freeKey(source), source, `its name '${name}' is already taken by ${owner}`);
      return;
    }
    const problems = findShapeProblems(candidate);
    if (problems.length > 0) {
      this.addUnavailable(name ?? this.freeKey(source), source, `it is not a valid plugin: ${problems.join('; ')}`);
      return;
    }
    const plugin = candidate as Plugin;
    try {
      this.registry.add(RegisteredPlugin.loaded(plugin, source, compileTools(plugin), file));
    } catch (error) {
      this.addUnavailable(plugin.name, source, errorMessageOf(error), plugin);
    }
  }

  private async initialize(entry: RegisteredPlugin): Promise<void> {
    if (entry.state !== 'LOADED') return;
    try {
      await withTimeout(Promise.resolve(entry.plugin?.init?.()), this.initTimeoutMs);
      entry.markInitialized();
      this.initialized.push(entry);
      this.logger.log(`plugin '${entry.name}' initialized (${entry.source})`);
    } catch (error) {
      entry.markUnavailable(`its init failed: ${errorMessageOf(error)}`);
      this.logger.error(`plugin '${entry.name}' is UNAVAILABLE: ${entry.reason}`);
    }
  }

  private async dispose(entry: RegisteredPlugin): Promise<void> {
    try {
      await withTimeout(Promise.resolve(entry.plugin?.dispose?.()), this.initTimeoutMs);
    } catch (error) {
      this.logger.warn(`plugin '${entry.name}' dispose failed: ${errorMessageOf(error)}`);
    }
  }

  private addUnavailable(key: string, source: string, reason: string, plugin?: Plugin): void {
    this.registry.add(RegisteredPlugin.unavailable(key, source, reason, plugin));
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

/** Why a module did not load, without the absolute paths and require stack Node puts in its messages. */
function loadFailureOf(specifier: string, error: unknown): string {
  if ((error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') {
    return `no module '${specifier}' was found; check the path or install the package`;
  }
  return errorMessageOf(error).split('\n')[0];
}

function nameOf(candidate: unknown): string | undefined {
  const name = (candidate as { name?: unknown } | null)?.name;
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

