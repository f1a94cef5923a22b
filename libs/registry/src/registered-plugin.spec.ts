import { compileTools } from './loading/compile-tools';
import { LIFECYCLE_STATES, type LifecycleState } from './lifecycle-state';
import { RegisteredPlugin } from './registered-plugin';
import { testPlugin, testTool } from './testing/test-plugins';

function loadedEntry(): RegisteredPlugin {
  const plugin = testPlugin({ name: 'lifecycle', tools: { first: testTool(), second: testTool() } });
  return RegisteredPlugin.loaded(plugin, 'shipped', compileTools(plugin));
}

function initializedEntry(): RegisteredPlugin {
  const entry = loadedEntry();
  entry.markInitialized();
  return entry;
}

const success = { durationMs: 10, ok: true, pluginFault: false } as const;
const pluginFault = { durationMs: 10, ok: false, pluginFault: true } as const;
const callerFault = { durationMs: 10, ok: false, pluginFault: false } as const;

describe(RegisteredPlugin.name, () => {
  describe('lifecycle', () => {
    it('is LOADED when registered', () => {
      expect(loadedEntry().state).toBe('LOADED');
    });

    it('becomes INITIALIZED once init is done', () => {
      expect(initializedEntry().state).toBe('INITIALIZED');
    });

    it('is RUNNING while an execution is in flight', () => {
      const entry = initializedEntry();

      entry.beginExecution();

      expect(entry.state).toBe('RUNNING');
    });

    it('stays RUNNING until the last of several in-flight executions finishes', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.beginExecution();

      entry.recordExecution(success);

      expect(entry.state).toBe('RUNNING');
      entry.recordExecution(success);
      expect(entry.state).toBe('INITIALIZED');
    });

    it('returns to INITIALIZED after a successful execution', () => {
      const entry = initializedEntry();
      entry.beginExecution();

      entry.recordExecution(success);

      expect(entry.state).toBe('INITIALIZED');
    });

    it('becomes FAILED after a plugin fault', () => {
      const entry = initializedEntry();
      entry.beginExecution();

      entry.recordExecution(pluginFault);

      expect(entry.state).toBe('FAILED');
    });

    it('shows RUNNING rather than FAILED while a FAILED plugin runs again', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.recordExecution(pluginFault);

      entry.beginExecution();

      expect(entry.state).toBe('RUNNING');
    });

    it('returns from FAILED to INITIALIZED after the next success', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.recordExecution(pluginFault);
      entry.beginExecution();

      entry.recordExecution(success);

      expect(entry.state).toBe('INITIALIZED');
    });

    it('does not become FAILED after a caller fault such as INPUT_INVALID', () => {
      const entry = initializedEntry();
      entry.beginExecution();

      entry.recordExecution(callerFault);

      expect(entry.state).toBe('INITIALIZED');
    });

    it('stays FAILED after a caller fault that follows a plugin fault', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.recordExecution(pluginFault);
      entry.beginExecution();

      entry.recordExecution(callerFault);

      expect(entry.state).toBe('FAILED');
    });

    it('is UNAVAILABLE with its reason when registered as unavailable', () => {
      const entry = RegisteredPlugin.unavailable('broken', './broken.js', 'its module could not be loaded: nope');

      expect(entry.state).toBe('UNAVAILABLE');
      expect(entry.reason).toBe('its module could not be loaded: nope');
    });

    it('lets UNAVAILABLE win over RUNNING', () => {
      const entry = initializedEntry();
      entry.beginExecution();

      entry.markUnavailable('its init failed: boom');

      expect(entry.state).toBe('UNAVAILABLE');
    });

    it('lets UNAVAILABLE win over FAILED', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.recordExecution(pluginFault);

      entry.markUnavailable('its init failed: boom');

      expect(entry.state).toBe('UNAVAILABLE');
    });

    it('is not revived by markInitialized once UNAVAILABLE', () => {
      const entry = loadedEntry();
      entry.markUnavailable('its init failed: boom');

      entry.markInitialized();

      expect(entry.state).toBe('UNAVAILABLE');
    });

    it('has no reason while it is available', () => {
      expect(initializedEntry().reason).toBeNull();
    });

    it('only ever reports one of the five lifecycle states, never SUCCESS or ERROR', () => {
      const entry = loadedEntry();
      const observed: LifecycleState[] = [entry.state];
      entry.markInitialized();
      observed.push(entry.state);
      for (const record of [success, pluginFault, callerFault, success]) {
        entry.beginExecution();
        observed.push(entry.state);
        entry.recordExecution(record);
        observed.push(entry.state);
      }
      entry.markUnavailable('gone');
      observed.push(entry.state);

      for (const state of observed) expect(LIFECYCLE_STATES).toContain(state);
      expect(observed).not.toContain('SUCCESS');
      expect(observed).not.toContain('ERROR');
      expect(new Set(observed)).toEqual(new Set(LIFECYCLE_STATES));
    });
  });

  describe('abandoned calls', () => {
    it('counts abandoned calls until they settle', () => {
      const entry = initializedEntry();

      entry.beginAbandoned(3, 'too many');
      entry.beginAbandoned(3, 'too many');
      entry.settleAbandoned();

      expect(entry.snapshot().metrics.abandoned).toBe(1);
      expect(entry.state).toBe('INITIALIZED');
    });

    it('is UNAVAILABLE with the reason while the limit of abandoned calls are unsettled, and returns after', () => {
      const entry = initializedEntry();
      for (let call = 0; call < 2; call += 1) entry.beginAbandoned(2, 'too many abandoned calls');

      expect(entry).toMatchObject({ state: 'UNAVAILABLE', reason: 'too many abandoned calls' });
      entry.settleAbandoned();
      expect(entry).toMatchObject({ state: 'INITIALIZED', reason: null });
    });

    it('keeps the reason of a plugin that is UNAVAILABLE for another cause', () => {
      const entry = initializedEntry();
      entry.markUnavailable('init failed');

      entry.beginAbandoned(1, 'too many abandoned calls');

      expect(entry.reason).toBe('init failed');
    });
  });

  describe('metrics', () => {
    it('starts with zero counts, no timings, no last use and nothing in flight', () => {
      expect(loadedEntry().snapshot().metrics).toMatchObject({
        successCount: 0,
        errorCount: 0,
        lastExecutionTimeMs: null,
        avgExecutionTimeMs: null,
        lastUsed: null,
        inFlight: 0,
      });
    });

    it('adds exactly one to success_count or error_count per recorded execution', () => {
      const entry = initializedEntry();
      const records = [success, pluginFault, callerFault, success, success];

      for (const record of records) {
        entry.beginExecution();
        entry.recordExecution(record);
      }

      const { successCount, errorCount } = entry.snapshot().metrics;
      expect(successCount).toBe(3);
      expect(errorCount).toBe(2);
      expect(successCount + errorCount).toBe(records.length);
    });

    it('averages the execution time over every call, failed ones included', () => {
      const entry = initializedEntry();

      for (const durationMs of [10, 20, 60]) {
        entry.beginExecution();
        entry.recordExecution({ durationMs, ok: durationMs !== 20, pluginFault: durationMs === 20 });
      }

      expect(entry.snapshot().metrics.avgExecutionTimeMs).toBe(30);
    });

    it('reports the duration of the latest call as last_execution_time_ms', () => {
      const entry = initializedEntry();

      for (const durationMs of [10, 42]) {
        entry.beginExecution();
        entry.recordExecution({ ...success, durationMs });
      }

      expect(entry.snapshot().metrics.lastExecutionTimeMs).toBe(42);
    });

    it('sets last_used when a call finishes', () => {
      const entry = initializedEntry();
      const before = Date.now();
      entry.beginExecution();

      entry.recordExecution(success);

      const lastUsed = entry.snapshot().metrics.lastUsed;
      expect(lastUsed).toBeInstanceOf(Date);
      expect(lastUsed?.getTime()).toBeGreaterThanOrEqual(before);
    });

    it('counts in_flight up when calls begin and down when they finish', () => {
      const entry = initializedEntry();
      entry.beginExecution();
      entry.beginExecution();

      expect(entry.snapshot().metrics.inFlight).toBe(2);
      entry.recordExecution(success);
      expect(entry.snapshot().metrics.inFlight).toBe(1);
      entry.recordExecution(callerFault);
      expect(entry.snapshot().metrics.inFlight).toBe(0);
    });

    it('never lets in_flight go below zero', () => {
      const entry = initializedEntry();

      entry.recordExecution(success);

      expect(entry.snapshot().metrics.inFlight).toBe(0);
    });

    it('derives uptime_seconds from loaded_at and the given instant', () => {
      const entry = initializedEntry();
      const loadedAt = entry.snapshot().metrics.loadedAt.getTime();

      expect(entry.snapshot(loadedAt + 5_900).metrics.uptimeSeconds).toBe(5);
      expect(entry.snapshot(loadedAt - 1_000).metrics.uptimeSeconds).toBe(0);
    });
  });

  describe('snapshot', () => {
    it('describes the plugin, its source, its default tool and its tool definitions', () => {
      const snapshot = loadedEntry().snapshot();

      expect(snapshot).toMatchObject({
        name: 'lifecycle',
        version: '1.0.0',
        description: 'A plugin built by a test.',
        source: 'shipped',
        state: 'LOADED',
        reason: null,
        defaultTool: 'first',
      });
      expect(Object.keys(snapshot.tools)).toEqual(['first', 'second']);
      expect(snapshot.tools.first.description).toBe('A tool built by a test.');
    });

    it('uses the declared defaultTool over the first declared tool', () => {
      const plugin = testPlugin({ tools: { first: testTool(), second: testTool() }, defaultTool: 'second' });

      const entry = RegisteredPlugin.loaded(plugin, 'shipped', compileTools(plugin));

      expect(entry.defaultToolName).toBe('second');
    });

    it('has no version, description, default tool or tools for a plugin that never loaded', () => {
      const snapshot = RegisteredPlugin.unavailable('./missing.js', './missing.js', 'not found').snapshot();

      expect(snapshot).toMatchObject({ version: null, description: null, defaultTool: null, tools: {} });
    });
  });
});
