import type { PluginSnapshot } from '@forgesyte/registry';

/** A plugin as the registry lists it, for tests: INITIALIZED, no tools, zeroed metrics; `overrides` win. */
export function pluginSnapshot(overrides: Partial<PluginSnapshot> = {}): PluginSnapshot {
  return {
    name: 'test-plugin',
    version: '1.0.0',
    description: null,
    source: 'test',
    state: 'INITIALIZED',
    reason: null,
    defaultTool: null,
    tools: {},
    metrics: {
      successCount: 0,
      errorCount: 0,
      lastExecutionTimeMs: null,
      avgExecutionTimeMs: null,
      lastUsed: null,
      loadedAt: new Date(0),
      uptimeSeconds: 0,
      inFlight: 0,
      abandoned: 0,
    },
    ...overrides,
  };
}
