import { ApiProcess, freePort } from './support/api-process';
import { SHIPPED_PLUGIN_NAMES } from './support/e2e-app';

jest.setTimeout(90_000);

describe('starting the API process', () => {
  it('starts with no configuration on 127.0.0.1, prints a generated admin key once, and it works', async () => {
    const port = await freePort();
    const api = new ApiProcess({ PORT: String(port) });
    try {
      const [, key] = await api.waitForOutput(/FORGESYTE_ADMIN_KEY=(\S+)\n/);
      await api.waitForOutput(new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));

      const plugins = await fetch(`http://127.0.0.1:${port}/v1/plugins`, { headers: { 'X-API-Key': key } });
      const denied = await fetch(`http://127.0.0.1:${port}/v1/plugins`);

      expect(plugins.status).toBe(200);
      expect(((await plugins.json()) as { plugins: Array<{ name: string }> }).plugins.map((p) => p.name)).toEqual(SHIPPED_PLUGIN_NAMES);
      expect(denied.status).toBe(401);
      expect(api.stdout.split(key).length - 1).toBe(1);
    } finally {
      expect(await api.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    }
  });

  it.each([
    ['FORGESYTE_TIMEOUT_MS', 'soon', "FORGESYTE_TIMEOUT_MS must be a whole number from 1 to 86400000; got 'soon'."],
    ['FORGESYTE_ADMIN_KEY', 'short', 'FORGESYTE_ADMIN_KEY must be at least 16 characters'],
    ['FORGESYTE_JOB_STORE', 'postgres', "FORGESYTE_JOB_STORE must be 'memory'; got 'postgres'."],
  ])('refuses to start when %s is invalid, naming it', async (variable, value, message) => {
    const api = new ApiProcess({ PORT: String(await freePort()), [variable]: value });

    expect(await api.exited).toEqual({ code: 1, signal: null });
    expect(api.stderr).toContain(`ForgeSyte failed to start: Invalid configuration: ${message}`);
  });
});
