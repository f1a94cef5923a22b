import { Injectable } from '@nestjs/common';
import { PluginNotFoundError } from '@forgesyte/errors';
import type { ExecutionRecord } from './execution-record';
import type { PluginSnapshot } from './plugin-snapshot';
import type { RegisteredPlugin } from './registered-plugin';

/**
 * Holds every registered plugin, available or not, with its lifecycle state and metrics. The runner
 * reports each call here: {@link beginExecution} when it starts, {@link updateExecutionMetrics} once
 * in its `finally`.
 */
@Injectable()
export class PluginRegistry {
  private readonly entries = new Map<string, RegisteredPlugin>();

  /** Adds an entry; throws when its name is taken (the loader checks first). */
  add(entry: RegisteredPlugin): void {
    if (this.entries.has(entry.name)) throw new Error(`plugin name '${entry.name}' is already registered`);
    this.entries.set(entry.name, entry);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  find(name: string): RegisteredPlugin | undefined {
    return this.entries.get(name);
  }

  /** Names of all registered plugins, in registration order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  entriesList(): RegisteredPlugin[] {
    return [...this.entries.values()];
  }

  list(): PluginSnapshot[] {
    const now = Date.now();
    return this.entriesList().map((entry) => entry.snapshot(now));
  }

  /** One plugin's snapshot; throws `PLUGIN_NOT_FOUND` for an unknown name. */
  snapshot(name: string): PluginSnapshot {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new PluginNotFoundError(name, this.names());
    return entry.snapshot();
  }

  /** Marks a call of a known plugin as in flight (state RUNNING). */
  beginExecution(name: string): void {
    this.entries.get(name)?.beginExecution();
  }

  /** Records one finished call: exactly one of success/error count grows, in-flight shrinks. */
  updateExecutionMetrics(name: string, record: ExecutionRecord): void {
    this.entries.get(name)?.recordExecution(record);
  }
}
