import threadProbe from '../../../../test/fixtures/in-repo-plugins/thread-probe.plugin';
import { PluginLoader } from './plugin-loader.service';
import { bootRegistry, testPlugin, testTool } from '../testing/test-plugins';

const THREAD_PROBE_FILE = require.resolve('../../../../test/fixtures/in-repo-plugins/thread-probe.plugin');

describe(PluginLoader.name, () => {
  describe('shipped plugins and worker threads', () => {
    it('registers a shipped plugin with the module file its worker threads load', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [{ plugin: threadProbe, moduleFile: THREAD_PROBE_FILE }] });

      expect(registry.snapshot('thread-probe')).toMatchObject({ state: 'INITIALIZED', source: 'shipped' });
      expect(registry.find('thread-probe')?.moduleFile).toBe(THREAD_PROBE_FILE);
      await moduleRef.close();
    });

    it('refuses a shipped plugin object with a worker tool and no module file, saying how to register it', async () => {
      const plugin = testPlugin({ name: 'objects-only', tools: { heavy: testTool({ isolation: 'worker' }), light: testTool() } });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

      expect(registry.snapshot('objects-only')).toMatchObject({
        state: 'UNAVAILABLE',
        reason:
          "its tool 'heavy' asks for isolation 'worker', but it was registered as an object, without the module file a worker thread loads: " +
          "list it in the shipped-plugin list as { plugin, moduleFile: require.resolve('<its module>') } " +
          "(in-repo: require.resolve('../../plugins/objects-only/src')), load it from FORGESYTE_PLUGINS, or declare those tools isolation 'inline'",
      });
      await moduleRef.close();
    });

    it('registers a shipped plugin object whose tools all run inline without a module file', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'inline-only' })] });

      expect(registry.snapshot('inline-only').state).toBe('INITIALIZED');
      expect(registry.find('inline-only')?.moduleFile).toBeUndefined();
      await moduleRef.close();
    });
  });
});
