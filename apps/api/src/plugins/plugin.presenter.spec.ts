import type { PluginSnapshot } from '@forgesyte/registry';
import { presentPluginDetail, presentPluginHealth, presentPluginSummary } from './plugin.presenter';

const schema = { type: 'object' };

function snapshot(overrides: Partial<PluginSnapshot> = {}): PluginSnapshot {
  return {
    name: 'echo',
    version: '1.0.0',
    description: 'Echoes.',
    source: './echo.plugin.js',
    state: 'INITIALIZED',
    reason: null,
    defaultTool: 'echo',
    tools: {
      echo: { description: 'Echo.', inputSchema: schema, outputSchema: schema },
      shout: { description: 'Shout.', inputSchema: schema, outputSchema: schema, timeoutMs: 500, isolation: 'worker', maxConcurrency: 2 },
    },
    metrics: {
      successCount: 3,
      errorCount: 1,
      lastExecutionTimeMs: 1.23456,
      avgExecutionTimeMs: 2.5,
      lastUsed: new Date('2026-01-01T00:00:05.000Z'),
      loadedAt: new Date('2026-01-01T00:00:00.000Z'),
      uptimeSeconds: 5,
      inFlight: 0,
      abandoned: 0,
    },
    ...overrides,
  };
}

describe('presentPluginHealth', () => {
  it('maps state and metrics to snake_case', () => {
    expect(presentPluginHealth(snapshot())).toEqual({
      name: 'echo',
      state: 'INITIALIZED',
      reason: null,
      success_count: 3,
      error_count: 1,
      last_execution_time_ms: 1.235,
      avg_execution_time_ms: 2.5,
      last_used: '2026-01-01T00:00:05.000Z',
      loaded_at: '2026-01-01T00:00:00.000Z',
      uptime_seconds: 5,
      in_flight: 0,
      abandoned: 0,
    });
  });

  it('shows a never-used plugin with null times', () => {
    const unused = snapshot();
    const json = presentPluginHealth({ ...unused, metrics: { ...unused.metrics, lastUsed: null, lastExecutionTimeMs: null, avgExecutionTimeMs: null } });

    expect(json).toMatchObject({ last_used: null, last_execution_time_ms: null, avg_execution_time_ms: null });
  });
});

describe('presentPluginSummary', () => {
  it('adds version, description, default tool and tool names', () => {
    expect(presentPluginSummary(snapshot())).toMatchObject({
      version: '1.0.0',
      description: 'Echoes.',
      default_tool: 'echo',
      tools: ['echo', 'shout'],
    });
  });

  it('never shows the plugin source', () => {
    expect(JSON.stringify(presentPluginSummary(snapshot()))).not.toContain('echo.plugin.js');
  });
});

describe('presentPluginDetail', () => {
  it('lists each tool with snake_case schemas and limits', () => {
    expect(presentPluginDetail(snapshot()).tools).toEqual([
      { name: 'echo', description: 'Echo.', input_schema: schema, output_schema: schema, timeout_ms: null, isolation: 'inline', max_concurrency: null },
      { name: 'shout', description: 'Shout.', input_schema: schema, output_schema: schema, timeout_ms: 500, isolation: 'worker', max_concurrency: 2 },
    ]);
  });
});
