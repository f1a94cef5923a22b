import type { Response } from 'supertest';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, FIXTURE_PLUGINS, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

jest.setTimeout(60_000);

const MAX_ABANDONED = 3;
const MAX_SYNC = 16;
/**
 * Few calls may wait for a sync slot, so that a flood overflows admission (OVERLOADED) even when its
 * requests arrive slowly on a loaded machine: with the default 64, more than 80 had to be in flight
 * within the tool's 100 ms deadline, which a busy CI run did not always manage.
 */
const MAX_SYNC_QUEUE = 4;

interface PluginHealth {
  readonly state: string;
  readonly reason: string | null;
  readonly in_flight: number;
  readonly abandoned: number;
}

describe('abandoned inline calls (FORGESYTE_MAX_ABANDONED)', () => {
  let api: E2eApp;
  const linger = (lingerMs: number): Promise<Response> =>
    api
      .http()
      .post('/v1/analyze-execution')
      .set('X-API-Key', ADMIN_KEY)
      .send({ plugin: 'ignores-signal', tool: 'linger', args: { linger_ms: lingerMs } })
      .then((response) => response);
  const health = async (): Promise<PluginHealth> =>
    (await api.http().get('/v1/plugins/ignores-signal/health').set('X-API-Key', ADMIN_KEY)).body as PluginHealth;
  const settled = () => waitFor(health, (plugin) => plugin.abandoned === 0, 15_000);

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: [...FIXTURE_PLUGINS, './test/fixtures/plugins/ignores-signal.plugin.js'].join(','),
      FORGESYTE_MAX_ABANDONED: String(MAX_ABANDONED),
      FORGESYTE_MAX_SYNC: String(MAX_SYNC),
      FORGESYTE_MAX_SYNC_QUEUE: String(MAX_SYNC_QUEUE),
    });
  });
  afterAll(() => api.close());

  it('shows abandoned calls in the metrics, not in in_flight, until their code settles', async () => {
    const response = await linger(800);

    expectEnvelope(response, 400, { code: 'PLUGIN_TIMEOUT', type: 'ExecutionError', details: { stopped: 'abandoned' } });
    expect(await health()).toMatchObject({ abandoned: 1, in_flight: 0 });
    await settled();
  });

  it('makes the plugin UNAVAILABLE, saying how to fix it, at the limit, and brings it back once they settle', async () => {
    for (let call = 0; call < MAX_ABANDONED; call += 1) await linger(1_500);

    expect(await health()).toMatchObject({ state: 'UNAVAILABLE', abandoned: MAX_ABANDONED, in_flight: 0 });
    expect((await health()).reason).toEqual(expect.stringContaining('context.signal'));
    const refused = await linger(0);
    expectEnvelope(refused, 400, { code: 'PLUGIN_UNAVAILABLE', type: 'PluginError', plugin: 'ignores-signal' });

    await settled();
    expect(await health()).toMatchObject({ state: 'FAILED', reason: null, abandoned: 0 });
    expect((await linger(0)).status).toBe(200);
  });

  it('keeps 200 concurrent calls of a tool that ignores its signal from leaving 200 live tasks', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, () => linger(3_000)));

    const codes = responses.map((response) => (response.body as { error?: { code: string } }).error?.code);
    expect(new Set(codes)).toEqual(new Set(['PLUGIN_TIMEOUT', 'PLUGIN_UNAVAILABLE', 'OVERLOADED']));
    const ran = codes.filter((code) => code === 'PLUGIN_TIMEOUT').length;
    // At most MAX_SYNC calls run at once; once MAX_ABANDONED are abandoned no new one starts.
    expect(ran).toBeLessThanOrEqual(MAX_ABANDONED + MAX_SYNC - 1);
    expect((await health()).abandoned).toBe(ran);
    await settled();
  });
});
