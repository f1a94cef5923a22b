import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { UncaughtErrorContainment } from '../containment/uncaught-error-containment.service';
import { PluginLoader } from './plugin-loader.service';
import { bootRegistry, fixture, REPO_ROOT, testPlugin } from '../testing/test-plugins';

/** Node's own module cache (not jest's): what the server's thread has imported. */
const serverThreadModules = createRequire(__filename).cache;

/** An Error thrown from a timer in `file`, as V8 writes its stack. */
function thrownFromTimerIn(file: string): Error {
  const error = new Error('boom');
  error.stack = `Error: boom\n    at Timeout._onTimeout (${file}:12:13)\n    at listOnTimeout (node:internal/timers:581:17)`;
  return error;
}

/** Another realm, whose built-ins the loader guards: a test changes and locks them, not jest's. */
function realm(): { builtinsRealm: typeof globalThis; run: (code: string) => unknown } {
  const context = createContext();
  return { builtinsRealm: runInContext('globalThis', context) as typeof globalThis, run: (code) => runInContext(code, context) };
}

describe(PluginLoader.name, () => {
  describe('containment', () => {
    it('registers a plugin whose tools all run in workers from its manifest, without importing it in the server thread', async () => {
      const file = resolve(REPO_ROOT, 'test/fixtures/plugins/worker-timer-throws.plugin.js');

      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('worker-timer-throws.plugin.js')] });

      expect(registry.snapshot('worker-timer-throws')).toMatchObject({
        state: 'INITIALIZED',
        version: '1.0.0',
        defaultTool: 'echo',
        tools: { echo: { isolation: 'worker' } },
      });
      expect(registry.find('worker-timer-throws')?.moduleFile).toBe(file);
      expect(serverThreadModules[file]).toBeUndefined();
      await moduleRef.close();
    });

    it('refuses a worker-only plugin whose module leaves a rejection unhandled, never importing it', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('worker-top-rejection.plugin.js')] });

      expect(registry.snapshot('worker-top-rejection')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its code left an unhandled rejection (rejected at the top level) while loading; a plugin must handle its own errors',
      });
      expect(serverThreadModules[resolve(REPO_ROOT, 'test/fixtures/plugins/worker-top-rejection.plugin.js')]).toBeUndefined();
      await moduleRef.close();
    });

    it('refuses a module that calls process.exit while loading: only its thread ends', async () => {
      const specifier = fixture('exits-on-load.plugin.js');

      const { moduleRef, registry } = await bootRegistry({ specifiers: [specifier, fixture('echo.plugin.js')] });

      expect(registry.snapshot(specifier)).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its module could not be loaded: it ended its thread with exit code 3 (process.exit?) while loading',
      });
      expect(registry.snapshot('echo').state).toBe('INITIALIZED');
      await moduleRef.close();
    });

    it('refuses a module that does not finish loading in time, and start-up goes on', async () => {
      const specifier = fixture('hangs-on-load.plugin.js');

      const { moduleRef, registry } = await bootRegistry({ specifiers: [specifier, fixture('echo.plugin.js')], initTimeoutMs: 300 });

      expect(registry.snapshot(specifier)).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its module could not be loaded: it did not finish loading within 300 ms',
      });
      expect(registry.snapshot('echo').state).toBe('INITIALIZED');
      await moduleRef.close();
    });

    it('still imports a plugin with inline tools in the server thread', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('echo.plugin.js')] });

      expect(registry.snapshot('echo').state).toBe('INITIALIZED');
      expect(serverThreadModules[resolve(REPO_ROOT, 'test/fixtures/plugins/echo.plugin.js')]).toBeDefined();
      await moduleRef.close();
    });

    it('charges an error whose stack runs through an imported module to its plugin, and only to it', async () => {
      const { moduleRef, registry } = await bootRegistry({
        specifiers: [fixture('inline-timer-throws.plugin.js'), fixture('echo.plugin.js')],
      });
      const containment = moduleRef.get(UncaughtErrorContainment);

      const contained = containment.contain(thrownFromTimerIn(resolve(REPO_ROOT, 'test/fixtures/plugins/inline-timer-throws.plugin.js')), 'uncaught exception');

      expect(contained).toBe(true);
      expect(registry.snapshot('inline-timer-throws')).toMatchObject({ state: 'UNAVAILABLE', reason: expect.stringContaining('let an uncaught exception escape (boom)') });
      expect(registry.snapshot('echo').state).toBe('INITIALIZED');
      await moduleRef.close();
    });

    it('charges nothing to a worker-only plugin, whose module the server thread never imported, nor to a neighbouring file', async () => {
      const { moduleRef } = await bootRegistry({ specifiers: [fixture('worker-timer-throws.plugin.js'), fixture('echo.plugin.js')] });
      const containment = moduleRef.get(UncaughtErrorContainment);

      const inWorkerOnly = thrownFromTimerIn(resolve(REPO_ROOT, 'test/fixtures/plugins/worker-timer-throws.plugin.js'));
      const inHelper = thrownFromTimerIn(resolve(REPO_ROOT, 'test/fixtures/plugins/load-marker.js'));

      expect([containment.contain(inWorkerOnly, 'uncaught exception'), containment.contain(inHelper, 'uncaught exception')]).toEqual([false, false]);
      await moduleRef.close();
    });

    it('refuses a plugin that pollutes Object.prototype while loading, undoes it, and loads the others', async () => {
      const { builtinsRealm, run } = realm();
      const polluting = (): ReturnType<typeof testPlugin> => {
        run("Object.prototype.polluted = 'yes'");
        return testPlugin({ name: 'polluting' });
      };

      const { moduleRef, registry } = await bootRegistry({
        shipped: [testPlugin({ name: 'before' }), polluting, testPlugin({ name: 'after' })],
        builtinsRealm,
      });

      expect(registry.snapshot('polluting')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringMatching(/^it changed built-ins the server relies on while loading: Object\.prototype\.polluted \(added\); the change was undone\. /),
      });
      expect(run('({}).polluted')).toBeUndefined();
      expect(registry.snapshot('before').state).toBe('INITIALIZED');
      expect(registry.snapshot('after').state).toBe('INITIALIZED');
      await moduleRef.close();
    });

    it('refuses a plugin whose init replaces a built-in method, and puts the method back', async () => {
      const { builtinsRealm, run } = realm();
      const plugin = testPlugin({
        name: 'patcher',
        init() {
          run('Array.prototype.includes = () => true');
        },
      });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin], builtinsRealm });

      expect(registry.snapshot('patcher')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringContaining('in its init: Array.prototype.includes (replaced); the change was undone'),
      });
      expect(run('[1].includes(2)')).toBe(false);
      await moduleRef.close();
    });

    it('locks the built-in prototypes once plugins are loaded: a later addition fails', async () => {
      const { builtinsRealm, run } = realm();
      const { moduleRef } = await bootRegistry({ shipped: [testPlugin()], builtinsRealm });

      expect(() => run("'use strict'; Object.prototype.later = 1")).toThrow(/not extensible/);
      expect(run("Object.prototype.sloppy = 1; ({}).sloppy")).toBeUndefined();
      await moduleRef.close();
    });
  });
});
