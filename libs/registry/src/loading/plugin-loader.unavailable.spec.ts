import { type Plugin } from '@forgesyte/plugin-sdk';
import { PluginLoader } from './plugin-loader.service';
import { bootRegistry, fixture, malformed, testPlugin, testTool } from '../testing/test-plugins';

describe(PluginLoader.name, () => {
  describe('plugins that cannot be used', () => {
    it('registers a module that cannot be loaded as UNAVAILABLE under its specifier, saying why', async () => {
      const specifier = fixture('missing.plugin.js');

      const { moduleRef, registry } = await bootRegistry({ specifiers: [specifier] });

      const snapshot = registry.snapshot(specifier);
      expect(snapshot.state).toBe('UNAVAILABLE');
      expect(snapshot.reason).toMatch(/^its module could not be loaded: /);
      expect(snapshot.reason).toContain('missing.plugin.js');
      await moduleRef.close();
    });

    it('registers a package name that does not resolve as UNAVAILABLE', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: ['forgesyte-plugin-that-does-not-exist'] });

      expect(registry.snapshot('forgesyte-plugin-that-does-not-exist')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringContaining('could not be loaded'),
      });
      await moduleRef.close();
    });

    it('registers a factory that throws as UNAVAILABLE with its message', async () => {
      const factory = (): Plugin => {
        throw new Error('no GPU found');
      };

      const { moduleRef, registry } = await bootRegistry({ shipped: [factory] });

      expect(registry.snapshot('shipped')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its module could not be loaded: no GPU found',
      });
      await moduleRef.close();
    });

    it('registers a module that exports something other than a plugin as UNAVAILABLE', async () => {
      const specifier = fixture('not-a-plugin.js');

      const { moduleRef, registry } = await bootRegistry({ specifiers: [specifier] });

      expect(registry.snapshot(specifier)).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'it is not a valid plugin: the module does not export a plugin object',
      });
      await moduleRef.close();
    });

    it('registers a plugin with an invalid name under its source, saying what the name must match', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'Not A Name' })] });

      const snapshot = registry.snapshot('shipped');
      expect(snapshot.state).toBe('UNAVAILABLE');
      expect(snapshot.reason).toContain('name must match /^[a-z][a-z0-9-]{0,63}$/');
      await moduleRef.close();
    });

    it('gives several unnamed broken plugins from one source distinct keys', async () => {
      const { moduleRef, registry } = await bootRegistry({
        shipped: [testPlugin({ name: 'Bad' }), testPlugin({ name: '' }), testPlugin({ name: '9lives' })],
      });

      expect(registry.names()).toEqual(['shipped', 'shipped#2', 'shipped#3']);
      expect(registry.list().map((plugin) => plugin.state)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']);
      await moduleRef.close();
    });

    it('registers a plugin whose version is not semver as UNAVAILABLE under its name', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'versionless', version: 'one' })] });

      expect(registry.snapshot('versionless')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringContaining('version must be a semantic version'),
      });
      await moduleRef.close();
    });

    it('registers a plugin without a run function as UNAVAILABLE', async () => {
      const { run: _run, ...withoutRun } = testPlugin({ name: 'no-run' });

      const { moduleRef, registry } = await bootRegistry({ shipped: [malformed(withoutRun)] });

      expect(registry.snapshot('no-run')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringContaining('run must be a function'),
      });
      await moduleRef.close();
    });

    it.each([0, -5, 1.5, Number.NaN])('registers a tool with timeoutMs %p as UNAVAILABLE', async (timeoutMs) => {
      const plugin = testPlugin({ name: 'bad-timeout', tools: { slow: testTool({ timeoutMs }) } });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

      expect(registry.snapshot('bad-timeout')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: expect.stringContaining("tool 'slow': timeoutMs must be a positive integer when present"),
      });
      await moduleRef.close();
    });

    it('registers a plugin that declares no tools as UNAVAILABLE', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'toolless', tools: {} })] });

      expect(registry.snapshot('toolless').reason).toContain('tools must be an object declaring at least one tool');
      await moduleRef.close();
    });

    it('registers a plugin whose defaultTool names no declared tool as UNAVAILABLE', async () => {
      const { moduleRef, registry } = await bootRegistry({ shipped: [testPlugin({ name: 'lost-default', defaultTool: 'nope' })] });

      expect(registry.snapshot('lost-default').reason).toContain('defaultTool must name one of the declared tools (noop)');
      await moduleRef.close();
    });

    it('lists every shape problem of a plugin in its reason', async () => {
      const plugin = malformed({ name: 'many-problems', version: 'x', description: 1, tools: { t: null } });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

      const reason = registry.snapshot('many-problems').reason ?? '';
      expect(reason).toContain('version must be a semantic version');
      expect(reason).toContain('description must be a string');
      expect(reason).toContain('run must be a function');
      expect(reason).toContain("tool 't' must be an object");
      await moduleRef.close();
    });

    it('refuses a second plugin with a taken name, keeping the first', async () => {
      const { moduleRef, registry } = await bootRegistry({
        specifiers: [fixture('echo.plugin.js'), fixture('duplicate-echo.plugin.js')],
      });

      expect(registry.snapshot('echo')).toMatchObject({ state: 'INITIALIZED', version: '1.0.0' });
      expect(registry.snapshot(fixture('duplicate-echo.plugin.js'))).toMatchObject({
        state: 'UNAVAILABLE',
        reason: `its name 'echo' is already taken by ${fixture('echo.plugin.js')}`,
      });
      await moduleRef.close();
    });

    it('registers a plugin whose schema does not compile as UNAVAILABLE, naming the tool and schema', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('bad-schema.plugin.js')] });

      const snapshot = registry.snapshot('bad-schema');
      expect(snapshot).toMatchObject({ state: 'UNAVAILABLE', version: '1.0.0' });
      expect(snapshot.reason).toMatch(/^tool 'broken' inputSchema does not compile: /);
      await moduleRef.close();
    });

    it('registers a plugin whose output schema uses an unknown keyword as UNAVAILABLE', async () => {
      const plugin = testPlugin({
        name: 'typo-schema',
        tools: { t: testTool({ outputSchema: { type: 'object', requird: ['x'] } }) },
      });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

      expect(registry.snapshot('typo-schema').reason).toMatch(/^tool 't' outputSchema does not compile: .*requird/);
      await moduleRef.close();
    });

    it('registers a plugin whose init throws as UNAVAILABLE with the error message', async () => {
      const { moduleRef, registry } = await bootRegistry({ specifiers: [fixture('init-throws.plugin.js')] });

      expect(registry.snapshot('init-throws')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its init failed: model file missing',
      });
      await moduleRef.close();
    });

    it('registers a plugin whose init rejects as UNAVAILABLE', async () => {
      const plugin = testPlugin({ name: 'init-rejects', init: () => Promise.reject(new Error('weights corrupt')) });

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin] });

      expect(registry.snapshot('init-rejects')).toMatchObject({ state: 'UNAVAILABLE', reason: 'its init failed: weights corrupt' });
      await moduleRef.close();
    });

    it('registers a plugin whose init hangs past initTimeoutMs as UNAVAILABLE', async () => {
      const plugin = testPlugin({ name: 'init-hangs', init: () => new Promise<void>(() => undefined) });
      const startedAt = Date.now();

      const { moduleRef, registry } = await bootRegistry({ shipped: [plugin], initTimeoutMs: 50 });

      expect(registry.snapshot('init-hangs')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its init failed: it did not finish within 50 ms',
      });
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      await moduleRef.close();
    });

    it('still loads and initializes the good plugins next to every kind of broken one', async () => {
      const { moduleRef, registry } = await bootRegistry({
        shipped: [testPlugin({ name: 'good-shipped' }), testPlugin({ name: 'slow-init', init: () => new Promise<void>(() => undefined) })],
        specifiers: [
          fixture('missing.plugin.js'),
          fixture('not-a-plugin.js'),
          fixture('echo.plugin.js'),
          fixture('duplicate-echo.plugin.js'),
          fixture('bad-schema.plugin.js'),
          fixture('init-throws.plugin.js'),
          fixture('throws.plugin.js'),
        ],
        initTimeoutMs: 50,
      });

      const states = Object.fromEntries(registry.list().map((plugin) => [plugin.name, plugin.state]));
      expect(states).toEqual({
        'good-shipped': 'INITIALIZED',
        'slow-init': 'UNAVAILABLE',
        [fixture('missing.plugin.js')]: 'UNAVAILABLE',
        [fixture('not-a-plugin.js')]: 'UNAVAILABLE',
        echo: 'INITIALIZED',
        [fixture('duplicate-echo.plugin.js')]: 'UNAVAILABLE',
        'bad-schema': 'UNAVAILABLE',
        'init-throws': 'UNAVAILABLE',
        thrower: 'INITIALIZED',
      });
      for (const plugin of registry.list()) {
        expect(plugin.reason === null).toBe(plugin.state !== 'UNAVAILABLE');
      }
      await moduleRef.close();
    });

    it('lets two plugins use the same schema $id', async () => {
      const schema = { $id: 'https://example.com/args.json', type: 'object' };
      const tools = { t: testTool({ inputSchema: schema }) };

      const { moduleRef, registry } = await bootRegistry({
        shipped: [testPlugin({ name: 'first', tools }), testPlugin({ name: 'second', tools })],
      });

      expect(registry.list().map((plugin) => plugin.state)).toEqual(['INITIALIZED', 'INITIALIZED']);
      await moduleRef.close();
    });
  });

});
