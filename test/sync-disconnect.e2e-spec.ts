import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';

jest.setTimeout(30_000);

const HOLD = JSON.stringify({ plugin: 'abortable', tool: 'wait', args: {} });

describe('a sync caller that hangs up (POST /v1/analyze-execution)', () => {
  let api: E2eApp;
  let port: number;
  const inFlight = async () => ((await api.http().get('/v1/plugins/abortable/health').set('X-API-Key', ADMIN_KEY)).body as { in_flight: number }).in_flight;
  const jobs = async () => ((await api.http().get('/v1/analyze-execution/jobs?limit=100').set('X-API-Key', ADMIN_KEY)).body as { jobs: { job_id: string; status: string }[] }).jobs;

  /** Sends a sync call on its own TCP connection and leaves it open: the caller decides when to hang up. */
  const openCall = (): Socket => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `POST /v1/analyze-execution HTTP/1.1\r\nHost: localhost\r\nX-API-Key: ${ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(HOLD)}\r\n\r\n${HOLD}`,
    );
    return socket;
  };

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_MAX_SYNC: '2', FORGESYTE_MAX_SYNC_QUEUE: '2', FORGESYTE_SYNC_WAIT_MS: '2000', FORGESYTE_TIMEOUT_MS: '5000' });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  it('cancels its running calls, drops its waiting ones, and frees every slot for the next caller at once', async () => {
    const running = [openCall(), openCall()];
    await waitFor(inFlight, (count) => count === 2);
    const waiting = [openCall(), openCall()];
    await new Promise((done) => setTimeout(done, 100));

    for (const socket of [...running, ...waiting]) socket.destroy();
    const ended = await waitFor(jobs, (list) => list.length === 2 && list.every((job) => job.status === 'cancelled'), 2_000);
    const startedAt = Date.now();
    const next = await api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'echo', args: { message: 'next' } });

    expect(next.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(await inFlight()).toBe(0);
    for (const job of ended) {
      const outcome = await api.http().get(`/v1/analyze-execution/jobs/${job.job_id}/result`).set('X-API-Key', ADMIN_KEY);
      expect(outcome.body).toMatchObject({ status: 'cancelled', mode: 'sync', error: { code: 'CANCELLED', details: { stopped: 'cooperative' } } });
    }
    // The calls that were waiting never ran: only the two that ran and the echo are on record.
    expect(await jobs()).toHaveLength(3);
  });
});
