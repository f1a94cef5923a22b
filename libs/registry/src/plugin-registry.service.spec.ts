import { PluginNotFoundError } from '@forgesyte/errors';
import { compileTools } from './loading/compile-tools';
import { PluginRegistry } from './plugin-registry.service';
import { RegisteredPlugin } from './registered-plugin';
import { bootRegistry, type BootedRegistry, testPlugin } from './testing/test-plugins';

describe(PluginRegistry.name, () => {
  let booted: BootedRegistry;
  let registry: PluginRegistry;

  beforeEach(async () => {
    booted = await bootRegistry({ shipped: [testPlugin({ name: 'alpha' }), testPlugin({ name: 'beta' })] });
    registry = booted.registry;
  });

  afterEach(() => booted.moduleRef.close());

  it('lists its plugins in registration order', () => {
    expect(registry.names()).toEqual(['alpha', 'beta']);
    expect(registry.list().map((plugin) => plugin.name)).toEqual(['alpha', 'beta']);
  });

  it('refuses to add a second entry under a taken name', () => {
    const plugin = testPlugin({ name: 'alpha' });

    expect(() => registry.add(RegisteredPlugin.loaded(plugin, 'again', compileTools(plugin)))).toThrow(
      "plugin name 'alpha' is already registered",
    );
  });

  it('throws PLUGIN_NOT_FOUND, listing the available plugins, for a snapshot of an unknown name', () => {
    const attempt = () => registry.snapshot('gamma');

    expect(attempt).toThrow(PluginNotFoundError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'PLUGIN_NOT_FOUND', details: { available: ['alpha', 'beta'] } }));
  });

  it('finds nothing and records nothing for an unknown name', () => {
    registry.beginExecution('gamma');
    registry.updateExecutionMetrics('gamma', { durationMs: 1, ok: true, pluginFault: false });

    expect(registry.has('gamma')).toBe(false);
    expect(registry.find('gamma')).toBeUndefined();
    expect(registry.names()).toEqual(['alpha', 'beta']);
  });

  it('marks a plugin RUNNING between beginExecution and updateExecutionMetrics', () => {
    registry.beginExecution('alpha');

    expect(registry.snapshot('alpha').state).toBe('RUNNING');
    registry.updateExecutionMetrics('alpha', { durationMs: 5, ok: true, pluginFault: false });
    expect(registry.snapshot('alpha').state).toBe('INITIALIZED');
  });

  it('records metrics on the named plugin only', () => {
    registry.beginExecution('alpha');
    registry.updateExecutionMetrics('alpha', { durationMs: 5, ok: false, pluginFault: true });

    expect(registry.snapshot('alpha').metrics).toMatchObject({ errorCount: 1, successCount: 0 });
    expect(registry.snapshot('beta').metrics).toMatchObject({ errorCount: 0, successCount: 0 });
    expect(registry.snapshot('alpha').state).toBe('FAILED');
    expect(registry.snapshot('beta').state).toBe('INITIALIZED');
  });
});
