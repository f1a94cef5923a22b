import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { type LifecycleState, PluginRegistry, type RegisteredPlugin } from '@forgesyte/registry';
import { checkWithin } from './check-within';

/** States in which a plugin takes calls: initialized, running some, or FAILED by its last call (it still runs). */
const CALLABLE_STATES: ReadonlySet<LifecycleState> = new Set<LifecycleState>(['INITIALIZED', 'RUNNING', 'FAILED']);

/** Whether a call to this plugin would run: it loaded, took calls, and has a tool. */
function isCallable(entry: RegisteredPlugin): boolean {
  return entry.plugin !== undefined && entry.tools.size > 0 && CALLABLE_STATES.has(entry.state);
}

/**
 * Readiness of the plugins: up while at least one plugin can be called. Counts only: plugin names need
 * the `plugins:read` scope, and readiness is public.
 */
@Injectable()
export class PluginsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly registry: PluginRegistry,
  ) {}

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    return checkWithin((message) => indicator.down({ message }), () => {
      const entries = this.registry.entriesList();
      const data = { callable: entries.filter(isCallable).length, registered: entries.length };
      if (data.callable > 0) return Promise.resolve(indicator.up(data));
      return Promise.resolve(
        indicator.down({ ...data, message: 'No plugin can be called: each is unavailable, not initialized or without tools. GET /v1/plugins (with a key) says why.' }),
      );
    });
  }
}
