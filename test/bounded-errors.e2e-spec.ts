import { ToolRunner } from '@forgesyte/runtime';
import { type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

/** An object of `count` keys `k0`, `k1`, …: unknown keys to a tool with `additionalProperties: false`. */
function unknownKeys(count: number): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0; i < count; i += 1) keys[`k${i}`] = i;
  return keys;
}

/** Asserts a violation list is capped at 100 with its total count, and returns the details. */
function expectCapped(details: unknown, total: number): void {
  expect(details).toEqual({ violations: expect.any(Array), violation_count: total, truncated: true });
  expect((details as { violations: unknown[] }).violations).toHaveLength(100);
}

describe('bounded error bodies', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(body);
  const result = (jobId: string) => api.http().get(`/v1/analyze-execution/jobs/${jobId}/result`).set('X-API-Key', USER_KEY);

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: ['./test/fixtures/plugins/echo.plugin.js', './test/fixtures/plugins/leaky.plugin.js'].join(','),
      FORGESYTE_SHIPPED_PLUGINS: 'none',
    });
    // Listening once: concurrent supertest requests on a server that is not listening each listen and
    // close it, resetting one another's connections.
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api.close());

  it('lists the first 100 of 5,000 INPUT_INVALID violations with their count, in the response and the stored job', async () => {
    const response = await analyze({ plugin: 'echo', args: { message: 'x', ...unknownKeys(5000) } });

    const error = expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', message: /\/k0 is not an allowed property; remove it \(and 4999 more\)/ });
    expectCapped(error.details, 5000);
    expect(response.text.length).toBeLessThan(20_000);
    const stored = await result(error.job_id as string);
    expectCapped(stored.body.error.details, 5000);
    expect(stored.text.length).toBeLessThan(20_000);
  });

  it('refuses an async submission with the same capped INPUT_INVALID', async () => {
    const response = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', USER_KEY).send({ plugin: 'echo', args: { message: 'x', ...unknownKeys(5000) } });

    const error = expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
    expectCapped(error.details, 5000);
  });

  it('lists the first 100 of 1,000 OUTPUT_INVALID violations, in the response and the stored job', async () => {
    const response = await analyze({ plugin: 'leaky', tool: 'sprawl', args: { count: 1000 } });

    const error = expectEnvelope(response, 400, { code: 'OUTPUT_INVALID', type: 'PluginError', message: /\/items\/0 must be integer \(and 999 more\)/ });
    expectCapped(error.details, 1000);
    expectCapped((await result(error.job_id as string)).body.error.details, 1000);
  });

  it('lists the first 100 of 5,000 REQUEST_INVALID violations', async () => {
    const response = await analyze({ plugin: 'echo', ...unknownKeys(5000) });

    const error = expectEnvelope(response, 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });
    expectCapped(error.details, 5000);
    expect(response.text.length).toBeLessThan(20_000);
  });

  it('says nothing was left out of a short list', async () => {
    const response = await analyze({ plugin: 'echo', args: { message: 7 } });

    expectEnvelope(response, 400, {
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      details: { violations: [{ path: '/message', message: 'must be string' }], violation_count: 1, truncated: false },
    });
  });

  it('answers a body with a million unknown keys in args with a small 400', async () => {
    // About 12 MB: under the 16 MB body limit.
    const body = `{"plugin":"echo","args":{"message":"x",${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":0`).join(',')}}}`;
    const started = performance.now();

    const response = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).set('Content-Type', 'application/json').send(body);

    // The HTTP edge refuses an object with too many members before parsing (REQUEST_INVALID); were it to
    // let the body through, the runner would answer a capped INPUT_INVALID. Either way: small.
    expect(response.status).toBe(400);
    expect(['REQUEST_INVALID', 'INPUT_INVALID']).toContain(response.body.error.code);
    expect(response.text.length).toBeLessThan(20_000);
    process.stdout.write(`million-key body over HTTP: ${response.body.error.code} in ${(performance.now() - started).toFixed(0)} ms, ${response.text.length} bytes\n`);
  }, 60_000);

  it('validates a million unknown keys in process with a capped list, in about one pass over them', async () => {
    const runner = api.app.get(ToolRunner);
    const args = { message: 'x', ...unknownKeys(1_000_000) };
    const started = performance.now();

    const outcome = await runner.run({ plugin: 'echo', args, jobId: 'in-process-1m' });

    const elapsedMs = performance.now() - started;
    if (outcome.ok) throw new Error('a million unknown keys passed validation');
    expect(outcome.error.code).toBe('INPUT_INVALID');
    const details = outcome.error.details as { violations: unknown[]; truncated: boolean };
    expect(details.violations.length).toBeLessThanOrEqual(100);
    expect(details.truncated).toBe(true);
    expect(JSON.stringify(details).length).toBeLessThan(20_000);
    // Generous for a noisy machine: before the cap, this check took 2-3 s and built a 70 MB list.
    expect(elapsedMs).toBeLessThan(5000);
    process.stdout.write(`million unknown keys through ToolRunner.run: ${elapsedMs.toFixed(0)} ms\n`);
  }, 60_000);
});
