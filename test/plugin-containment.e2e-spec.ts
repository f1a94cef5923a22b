import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from './support/app-process';
import { sleep, waitFor } from './support/async';
import { type ApiCall, apiCall } from './support/process-api-client';

// The API boots from TypeScript sources, and every worker thread compiles them again.
jest.setTimeout(120_000);

const KEY = 'containment-admin-key-0123456789';
const PLUGINS = [
  'echo',
  'polluter',
  'worker-timer-throws',
  'worker-top-rejection',
  'inline-timer-throws',
  'inline-timer-rejects',
].map((name) => `./test/fixtures/plugins/${name}.plugin.js`);

interface PluginView {
  readonly name: string;
  readonly state: string;
  readonly reason: string | null;
}

interface Load {
  readonly plugin: string;
  readonly isMainThread: boolean;
}

/**
 * Plugins that poison built-ins or let errors escape, against the real API process: its process-level
 * handlers only exist there (jest replaces them in its own workers).
 */
async function plugin(call: ApiCall, name: string): Promise<PluginView> {
  return (await (await call(`/v1/plugins/${name}`)).json()) as PluginView;
}

describe('plugin containment (the API in its own process)', () => {
  let api: ApiProcess;
  let call: ApiCall;
  let marker: string;

  const analyze = (body: object): Promise<Response> => call('/v1/analyze-execution', { method: 'POST', body: JSON.stringify(body) });
  const loadsOf = (name: string): Load[] =>
    readFileSync(marker, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Load)
      .filter((load) => load.plugin === name);
  const expectAlive = async (): Promise<void> => {
    expect((await call('/v1/health')).status).toBe(200);
    const echoed = await analyze({ plugin: 'echo', args: { message: 'still here' } });
    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toMatchObject({ status: 'success', result: { message: 'still here' } });
    expect(api.child.exitCode).toBeNull();
  };

  beforeAll(async () => {
    marker = join(mkdtempSync(join(tmpdir(), 'forgesyte-loads-')), 'loads.jsonl');
    const port = await freePort();
    api = new ApiProcess({
      PORT: String(port),
      FORGESYTE_ADMIN_KEY: KEY,
      FORGESYTE_JOB_STORE: 'memory',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_PLUGINS: PLUGINS.join(','),
      FORGESYTE_TEST_MARKER: marker,
    });
    await api.waitForOutput(/listening on/);
    call = apiCall(port, KEY);
  });

  afterAll(() => api.stop());

  describe('a plugin that pollutes Object.prototype while loading', () => {
    it('is UNAVAILABLE, saying what it changed, and the change is undone', async () => {
      const polluter = await plugin(call, 'polluter');

      expect(polluter.state).toBe('UNAVAILABLE');
      expect(polluter.reason).toMatch(/^it changed built-ins the server relies on while loading: Object\.prototype\.polluted \(added\); the change was undone\. /);
    });

    it('poisons nothing: other plugins initialize, calls succeed, and validation sees only real properties', async () => {
      expect((await plugin(call, 'echo')).state).toBe('INITIALIZED');
      await expectAlive();

      const refused = await analyze({ plugin: 'echo', args: { message: 'x', extra: 1 } });

      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('/extra') } });
      expect(JSON.stringify(await (await analyze({ plugin: 'echo', args: { message: 'y' } })).json())).not.toContain('polluted');
    });
  });

  describe('a plugin whose tools all run in workers, and whose module throws from a timer', () => {
    it('is never imported in the server thread, and its threads dying between calls do not kill the API', async () => {
      for (let i = 0; i < 3; i += 1) {
        const response = await analyze({ plugin: 'worker-timer-throws', args: { i } });
        const body = (await response.json()) as { status?: string; error?: { code: string } };
        // A call shorter than the module's 50 ms timer succeeds; a longer one sees its thread crash.
        expect(body.status === 'success' || body.error?.code === 'PLUGIN_CRASHED').toBe(true);
        await sleep(200);
      }

      await expectAlive();
      expect(['INITIALIZED', 'FAILED']).toContain((await plugin(call, 'worker-timer-throws')).state);
      expect(loadsOf('worker-timer-throws').length).toBeGreaterThanOrEqual(2);
      expect(loadsOf('worker-timer-throws').every((load) => !load.isMainThread)).toBe(true);
      expect(api.stdout).toContain("plugin 'worker-timer-throws': a worker thread died between calls: boom from a timer at the top level");
    });
  });

  describe('a plugin whose tools all run in workers, and whose module leaves a rejection unhandled', () => {
    it('is UNAVAILABLE with the reason, was loaded only in a worker thread, and the API lives', async () => {
      expect(await plugin(call, 'worker-top-rejection')).toMatchObject({
        state: 'UNAVAILABLE',
        reason: 'its code left an unhandled rejection (rejected at the top level) while loading; a plugin must handle its own errors',
      });
      expect(loadsOf('worker-top-rejection').map((load) => load.isMainThread)).toEqual([false]);

      const refused = await analyze({ plugin: 'worker-top-rejection', args: {} });
      expect(await refused.json()).toMatchObject({ error: { code: 'PLUGIN_UNAVAILABLE' } });
      await expectAlive();
    });
  });

  describe('an inline plugin that leaves a non-Error rejection unhandled (no stack names it)', () => {
    it('is logged, the plugin keeps running, and the API lives', async () => {
      const armed = await analyze({ plugin: 'inline-timer-rejects', tool: 'reject_value_later', args: {} });
      expect(await armed.json()).toMatchObject({ status: 'success', result: { armed: true } });

      const logged = 'an unhandled rejection not traced to any plugin; carrying on: a string rejected from an inline timer';
      await waitFor(async () => api.stderr, (stderr) => stderr.includes(logged), 10_000);

      expect((await plugin(call, 'inline-timer-rejects')).state).toBe('INITIALIZED');
      await expectAlive();
    });
  });

  describe.each([
    ['inline-timer-throws', 'throw_later', 'uncaught exception', 'boom from an inline timer'],
    ['inline-timer-rejects', 'reject_later', 'unhandled rejection', 'rejection from an inline timer'],
  ])('an inline plugin (%s) that lets an error escape from a timer', (name, tool, kind, message) => {
    it(`is made UNAVAILABLE with the reason (an ${kind}), and the API lives`, async () => {
      const armed = await analyze({ plugin: name, tool, args: {} });
      expect(await armed.json()).toMatchObject({ status: 'success', result: { armed: true } });

      const faulted = await waitFor(() => plugin(call, name), (view) => view.state === 'UNAVAILABLE', 10_000);

      expect(faulted.reason).toBe(
        `its code running in the server's thread let an ${kind} escape (${message}); it is disabled until the server restarts. ` +
          `Catch errors in its callbacks and promises, or declare all its tools isolation 'worker' so that its code runs only in its own threads.`,
      );
      expect(await (await analyze({ plugin: name, tool, args: {} })).json()).toMatchObject({ error: { code: 'PLUGIN_UNAVAILABLE' } });
      await expectAlive();
    });
  });
});

describe('an uncaught exception no plugin explains: a thrown string has no stack (the API in its own process)', () => {
  it('is logged and ends the process with code 1, as Node would', async () => {
    const port = await freePort();
    const api = new ApiProcess({
      PORT: String(port),
      FORGESYTE_ADMIN_KEY: KEY,
      FORGESYTE_JOB_STORE: 'memory',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_PLUGINS: './test/fixtures/plugins/signal-listener-throws.plugin.js',
    });
    try {
      await api.waitForOutput(/listening on/);
      expect(await plugin(apiCall(port, KEY), 'signal-listener-throws')).toMatchObject({ state: 'INITIALIZED' });

      api.child.kill('SIGUSR2');

      expect(await api.exited).toEqual({ code: 1, signal: null });
      expect(api.stdout + api.stderr).toContain('an uncaught exception not traced to any plugin; exiting (code 1): thrown from a SIGUSR2 listener');
    } finally {
      await api.stop();
    }
  });
});
