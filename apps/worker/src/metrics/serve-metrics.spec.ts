import type { Server } from 'node:http';
import { Counter, Registry } from 'prom-client';
import { portOf, serveMetrics } from './serve-metrics';

describe(serveMetrics.name, () => {
  let server: Server;
  let base: string;
  const serverErrors: Error[] = [];

  beforeAll(async () => {
    const registry = new Registry();
    new Counter({ name: 'forgesyte_test_total', help: 'A counter for the test.', registers: [registry] }).inc(3);
    server = await serveMetrics(registry, { host: '127.0.0.1', port: 0 }, (error) => serverErrors.push(error));
    base = `http://127.0.0.1:${portOf(server)}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the registry in the Prometheus text format at GET /metrics', async () => {
    const response = await fetch(`${base}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('forgesyte_test_total 3');
  });

  it('answers any other path 404 with what it serves', async () => {
    const response = await fetch(`${base}/v1/health`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found: this worker serves GET /metrics only.\n');
  });

  it('answers another method 405 with the methods it allows', async () => {
    const response = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses to start on a port already taken', async () => {
    await expect(serveMetrics(new Registry(), { host: '127.0.0.1', port: portOf(server) }, () => undefined)).rejects.toThrow(/EADDRINUSE/);
  });

  it('hands a failure of the listening server to its error handler, and keeps serving', async () => {
    const failure = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' });

    expect(() => server.emit('error', failure)).not.toThrow();

    expect(serverErrors).toEqual([failure]);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});
