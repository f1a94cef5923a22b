import { type Plugin } from '@forgesyte/plugin-sdk';
import { PluginLoader } from './plugin-loader.service';
import { bootRegistry, compileRegistry, deferred, fixture, sleep, testPlugin } from '../testing/test-plugins';

describe(PluginLoader.name, () => {
  describe('registration', () => {
    it('registers a shipped plugin and initializes it', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'shipped-one' })] });

      expect(registry.snapshot('shipped-one')).toMatchObject({ state: 'INITIALIZED', reason: null, source: 'shipped' });
      await moduleRef.close();
    });

    it('calls a shipped zero-argument factory and registers the plugin it returns', async () => {
      const factory = jest.fn(() => testPlugin({ name: 'from-factory' }));

      const { moduleRef, registry } = await bootRegistry({ shipped: [factory] });

      expect(factory).toHaveBeenCalledTimes(1);
      expect(registry.snapshot('from-factory').state).toBe('INITIALIZED');
      await moduleRef.close();
    });

    it('loads a plugin module by path and calls its default-exported factory', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('echo.plugin.js')] });

      expect(registry.snapshot('echo')).toMatchObject({
        state: 'INITIALIZED',
        version: '1.0.0',
        source: fixture('echo.plugin.js'),
        defaultTool: 'echo',
      });
      await moduleRef.close();
    });

    it('gives every boot a fresh instance from a factory module', async () => {
      const first = await bootRegistry({ specifiers: [fixture('abortable.plugin.js')] });
      const second = await bootRegistry({ specifiers: [fixture('abortable.plugin.js')] });

      expect(first.registry.find('abortable')?.plugin).not.toBe(second.registry.find('abortable')?.plugin);
      await first.moduleRef.close();
      await second.moduleRef.close();
    });

    it('loads a module whose default export is a plugin object', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('duplicate-echo.plugin.js')] });

      expect(registry.snapshot('echo')).toMatchObject({ state: 'INITIALIZED', version: '2.0.0' });
      await moduleRef.close();
    });

    it('registers plugins in the order shipped first, then specifiers', async () => {
      const { moduleRef, registry } = await bootRegistry({
        shipped: [testPlugin({ name: 'zeta' })],
        specifiers: [fixture('echo.plugin.js'), fixture('throws.plugin.js')],
      });

      expect(registry.names()).toEqual(['zeta', 'echo', 'thrower']);
      await moduleRef.close();
    });
  });


  describe('init', () => {
    it('calls init once, with the plugin as this', async () => {
      const seen: unknown[] = [];
      const plugin = testPlugin({
        name: 'with-init',
        init(this: Plugin) {
          seen.push(this);
        },
      });

      const { moduleRef } = await bootRegistry({ shipped: [plugin] });

      expect(seen).toEqual([plugin]);
      await moduleRef.close();
    });

    it('keeps a plugin LOADED until its init resolves', async () => {
      const gate = deferred();
      const { moduleRef, registry } = await compileRegistry({
        shipped: [testPlugin({ name: 'slow-start', init: () => gate.promise })],
      });

      const starting = moduleRef.init();
      await sleep(20);

      expect(registry.snapshot('slow-start').state).toBe('LOADED');
      gate.resolve();
      await starting;
      expect(registry.snapshot('slow-start').state).toBe('INITIALIZED');
      await moduleRef.close();
    });
  });


  describe('shutdown', () => {
    it('disposes initialized plugins when the module closes', async () => {
      const dispose = jest.fn();
      const { moduleRef } = await bootRegistry({ shipped: [testPlugin({ name: 'disposable', dispose })] });
      expect(dispose).not.toHaveBeenCalled();

      await moduleRef.close();

      expect(dispose).toHaveBeenCalledTimes(1);
    });

    it('does not dispose a plugin whose init failed', async () => {
      const dispose = jest.fn();
      const plugin = testPlugin({
        name: 'never-ready',
        init: () => {
          throw new Error('nope');
        },
        dispose,
      });
      const { moduleRef } = await bootRegistry({ shipped: [plugin] });

      await moduleRef.close();

      expect(dispose).not.toHaveBeenCalled();
    });

    it('does not dispose a plugin that was refused at registration', async () => {
      const dispose = jest.fn();
      const { moduleRef } = await bootRegistry({
        shipped: [testPlugin({ name: 'twin' }), testPlugin({ name: 'twin', dispose })],
      });

      await moduleRef.close();

      expect(dispose).not.toHaveBeenCalled();
    });

    it('closes cleanly and still disposes the others when one dispose throws', async () => {
      const dispose = jest.fn();
      const failing = testPlugin({
        name: 'bad-dispose',
        dispose: () => {
          throw new Error('handle leaked');
        },
      });
      const { moduleRef } = await bootRegistry({ shipped: [failing, testPlugin({ name: 'good-dispose', dispose })] });

      await expect(moduleRef.close()).resolves.toBeUndefined();

      expect(dispose).toHaveBeenCalledTimes(1);
    });
  });
});
