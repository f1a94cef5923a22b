import { resolve } from 'node:path';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, REPO_ROOT, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

/** A plugin loaded by absolute path whose import error names a path and a secret. */
const BROKEN_IMPORT = resolve(REPO_ROOT, 'test/fixtures/plugins/broken-import.plugin.js');
/** An absolute path where no plugin exists. */
const MISSING = '/srv/secret/nowhere/missing.plugin.js';

/** Asserts that no server path and no secret of the fixtures appears anywhere in a response body. */
function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  for (const internal of ['/srv/', REPO_ROOT, 'SECRET123', 'hunter2', 'node_modules']) expect(text).not.toContain(internal);
}

describe('no internals reach callers', () => {
  let api: E2eApp;
  const analyze = (body: object, key = USER_KEY) => api.http().post('/v1/analyze-execution').set('X-API-Key', key).send(body);
  const get = (path: string, key = USER_KEY) => api.http().get(path).set('X-API-Key', key);

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: [
        './test/fixtures/plugins/echo.plugin.js',
        './test/fixtures/plugins/leaky.plugin.js',
        './test/fixtures/plugins/init-leaks.plugin.js',
        BROKEN_IMPORT,
        MISSING,
      ].join(','),
      FORGESYTE_SHIPPED_PLUGINS: 'none',
    });
  });
  afterAll(() => api.close());

  describe('plugin error messages', () => {
    it('redacts the path and the token in a sync PLUGIN_ERROR', async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'boom' });

      expectEnvelope(response, 400, {
        code: 'PLUGIN_ERROR',
        type: 'PluginError',
        message: "Tool 'boom' of plugin 'leaky' failed: boom at <path>:12 token=<redacted>",
      });
      expectNoInternals(response.body);
    });

    it('stores the redacted error with the job, so its result shows no internals either', async () => {
      const jobId = (await analyze({ plugin: 'leaky', tool: 'boom' })).body.error.job_id as string;

      const response = await get(`/v1/analyze-execution/jobs/${jobId}/result`);

      expect(response.body).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_ERROR', message: expect.stringContaining('<path>:12') } });
      expectNoInternals(response.body);
    });

    it('redacts the error of an async job', async () => {
      const submitted = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', USER_KEY).send({ plugin: 'leaky', tool: 'boom' });
      const result = await waitFor(
        () => get(`/v1/analyze-execution/jobs/${submitted.body.job_id}/result`),
        (response) => response.status === 200,
      );

      expect(result.body).toMatchObject({ status: 'failed', error: { code: 'PLUGIN_ERROR', message: expect.stringContaining('token=<redacted>') } });
      expectNoInternals(result.body);
    });

    it("redacts a tool's own INPUT_INVALID message and details", async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'refuse' });

      expectEnvelope(response, 400, {
        code: 'INPUT_INVALID',
        type: 'ValidationError',
        message: 'cannot read <path> with password=<redacted>',
        details: { file: '<path>' },
      });
      expectNoInternals(response.body);
    });

    it('sends no stack frame of a message that embeds a stack', async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'stack' });

      expectEnvelope(response, 400, { code: 'PLUGIN_ERROR', type: 'PluginError', message: "Tool 'stack' of plugin 'leaky' failed: wrapped: Error: x" });
      expectNoInternals(response.body);
      expect(JSON.stringify(response.body)).not.toMatch(/\bat |node:internal|probe\.plugin/);
    });

    it('redacts paths after any character, JSON-escaped, relative or with a space', async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'paths' });

      expectEnvelope(response, 400, {
        code: 'PLUGIN_ERROR',
        type: 'PluginError',
        message: `Tool 'paths' of plugin 'leaky' failed: loaded@<path> x><path> x|<path> x!<path> x+<path> "<path>" <path> <path> <path>`,
      });
      expectNoInternals(response.body);
    });

    it("redacts the keys of a tool's INPUT_INVALID details", async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'details-keys' });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', details: { '<path>': 1 } });
      expectNoInternals(response.body);
    });

    it.each(['getter', 'proxy', 'cyclic', 'details'])('answers PLUGIN_ERROR, not INTERNAL, when a tool throws an odd value (%s)', async (kind) => {
      const response = await analyze({ plugin: 'leaky', tool: 'odd', args: { kind } });

      expectEnvelope(response, 400, { code: 'PLUGIN_ERROR', type: 'PluginError', retryable: false });
      expectNoInternals(response.body);
    });

    it('redacts the uncaught error that crashed a worker thread', async () => {
      const response = await analyze({ plugin: 'leaky', tool: 'crash' });

      expectEnvelope(response, 400, { code: 'PLUGIN_CRASHED', type: 'PluginError', message: /crashed at <path>:7 password=<redacted>/ });
      expectNoInternals(response.body);
    });
  });

  describe('broken plugins', () => {
    it('shows a user key broken plugins by file name with a generic reason', async () => {
      const response = await get('/v1/plugins');

      expect(response.status).toBe(200);
      const broken = response.body.plugins.filter((plugin: { state: string }) => plugin.state === 'UNAVAILABLE');
      expect(broken.map((plugin: { name: string }) => plugin.name).sort()).toEqual(['broken-import.plugin.js', 'init-leaks', 'missing.plugin.js']);
      for (const plugin of broken) expect(plugin.reason).toMatch(/^The plugin cannot run\. An administrator can see why/);
      expectNoInternals(response.body);
    });

    it('describes a broken plugin to a user key by the name it was shown, without internals', async () => {
      const detail = await get('/v1/plugins/broken-import.plugin.js');
      const health = await get('/v1/plugins/broken-import.plugin.js/health');

      expect(detail.status).toBe(200);
      expect(health.body).toMatchObject({ name: 'broken-import.plugin.js', state: 'UNAVAILABLE' });
      expectNoInternals(detail.body);
      expectNoInternals(health.body);
    });

    it('shows the admin key why, with the path but not the secret', async () => {
      const response = await get('/v1/plugins', ADMIN_KEY);

      const plugin = response.body.plugins.find((candidate: { name: string }) => candidate.name === BROKEN_IMPORT);
      expect(plugin.reason).toBe('its module could not be loaded: cannot read /srv/secret/plugins/conf.json: token=<redacted>');
      expect(JSON.stringify(response.body)).not.toContain('SECRET123');
    });

    it('shows the admin key why init failed, with the path but not the password', async () => {
      const response = await get('/v1/plugins/init-leaks/health', ADMIN_KEY);

      expect(response.body.reason).toBe('its init failed: cannot open /srv/secret/models/model.bin with password=<redacted>');
    });

    it('answers a call of a broken plugin with PLUGIN_UNAVAILABLE without internals', async () => {
      const response = await analyze({ plugin: 'init-leaks' });

      expectEnvelope(response, 400, {
        code: 'PLUGIN_UNAVAILABLE',
        type: 'PluginError',
        message: "Plugin 'init-leaks' is unavailable: its init failed: cannot open <path> with password=<redacted>. An operator must fix the plugin and restart the server.",
      });
      expectNoInternals(response.body);
    });
  });

  describe('PLUGIN_NOT_FOUND', () => {
    it('lists plugins by name, never by path, in a failed call', async () => {
      const response = await analyze({ plugin: 'nope' });

      const error = expectEnvelope(response, 400, { code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError' });
      expect(error.details).toEqual({ available: ['echo', 'leaky', 'init-leaks', 'broken-import.plugin.js', 'missing.plugin.js'] });
      expectNoInternals(response.body);
    });

    it('lists plugins by name, never by path, for an unknown plugin URL', async () => {
      const response = await get('/v1/plugins/nope', ADMIN_KEY);

      expectEnvelope(response, 404, { code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError', message: /broken-import\.plugin\.js, missing\.plugin\.js/ });
      expectNoInternals(response.body);
    });
  });
});
