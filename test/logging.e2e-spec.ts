import type { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/load-config';
import { waitFor } from './support/async';
import { ADMIN_KEY, FIXTURE_PLUGINS, USER_KEY } from './support/e2e-app';
import { fixtureImageBase64 } from './support/fixture-images';

// Worker-isolated calls start a thread.
jest.setTimeout(30_000);

/** A pino destination keeping every line the app writes. */
class CapturedLines extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }

  /** The JSON lines written so far. */
  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  with(fields: Record<string, unknown>): Record<string, unknown>[] {
    return this.lines.filter((line) => Object.entries(fields).every(([key, value]) => line[key] === value));
  }
}

describe('structured logs', () => {
  const captured = new CapturedLines();
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  const analyze = (body: object, requestId: string) => http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).set('X-Request-Id', requestId).send(body);

  beforeAll(async () => {
    const config = loadConfig({
      FORGESYTE_ADMIN_KEY: ADMIN_KEY,
      FORGESYTE_USER_KEY: USER_KEY,
      FORGESYTE_PLUGINS: [...FIXTURE_PLUGINS, './test/fixtures/plugins/worker-faults.plugin.js'].join(','),
      FORGESYTE_JOB_STORE: 'memory',
      FORGESYTE_SHUTDOWN_GRACE_MS: '0',
      FORGESYTE_LOG_LEVEL: 'debug',
    });
    app = await createApp(config, { log: { destination: captured } });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('writes one line for a sync request and lines for its job, all carrying its X-Request-Id', async () => {
    const response = await analyze({ plugin: 'echo', tool: 'echo', args: { message: 'hi' } }, 'abc');
    expect(response.status).toBe(200);

    const [requestLine] = await waitFor(async () => captured.with({ request_id: 'abc', msg: 'request completed' }), (lines) => lines.length === 1);
    expect(requestLine).toMatchObject({ level: 30, method: 'POST', route: '/v1/analyze-execution', path: '/v1/analyze-execution', status: 200 });
    expect(requestLine.key_id).toMatch(/^key_[0-9a-f]{16}$/);
    expect(typeof requestLine.duration_ms).toBe('number');
    const jobId = response.body.job_id as string;
    expect(captured.with({ request_id: 'abc', msg: 'job ended' })).toEqual([
      expect.objectContaining({ job_id: jobId, plugin: 'echo', tool: 'echo', mode: 'sync', status: 'success', outcome: 'success', key_id: requestLine.key_id, context: 'JobExecution' }),
    ]);
    expect(captured.with({ request_id: 'abc', msg: 'job started' })).toEqual([expect.objectContaining({ job_id: jobId, level: 20 })]);
  });

  it("writes a failed job's outcome as its error code", async () => {
    await analyze({ plugin: 'thrower', tool: 'boom', args: {} }, 'failing-call');

    const [ended] = await waitFor(async () => captured.with({ request_id: 'failing-call', msg: 'job ended' }), (lines) => lines.length === 1);
    expect(ended).toMatchObject({ plugin: 'thrower', tool: 'boom', status: 'failed', outcome: 'PLUGIN_ERROR' });
  });

  it('links an async job to its request on the line that queues it, and ends it under its job id', async () => {
    const response = await http()
      .post('/v1/analyze-execution/async')
      .set('X-API-Key', USER_KEY)
      .set('X-Request-Id', 'async-abc')
      .send({ plugin: 'echo', tool: 'echo', args: { message: 'later' } });
    expect(response.status).toBe(202);
    const jobId = response.body.job_id as string;

    expect(captured.with({ request_id: 'async-abc', msg: 'job queued' })).toEqual([expect.objectContaining({ job_id: jobId, plugin: 'echo', mode: 'async' })]);
    await waitFor(async () => captured.with({ job_id: jobId, msg: 'job ended' }), (lines) => lines.length === 1);
    expect(captured.with({ request_id: 'async-abc', msg: 'request completed' })).toEqual([expect.objectContaining({ status: 202, route: '/v1/analyze-execution/async' })]);
  });

  it("tags a worker-isolated tool's ctx.log lines with its plugin, tool and job id", async () => {
    const response = await analyze({ plugin: 'worker-faults', tool: 'ok', args: { n: 7 } }, 'worker-call');
    expect(response.status).toBe(200);

    expect(captured.with({ msg: 'ok ran' })).toEqual([
      expect.objectContaining({ plugin: 'worker-faults', tool: 'ok', job_id: response.body.job_id, data: { args: { n: 7 } }, level: 30 }),
    ]);
  });

  it('logs requests refused before their body is read, with their id and path and no key id', async () => {
    const response = await http().post('/v1/analyze-execution').set('X-API-Key', 'not-a-key-0123456789').set('X-Request-Id', 'refused').send({ plugin: 'echo' });
    expect(response.status).toBe(401);

    const [line] = await waitFor(async () => captured.with({ request_id: 'refused' }), (lines) => lines.length === 1);
    expect(line).toMatchObject({ status: 401, method: 'POST', path: '/v1/analyze-execution' });
    expect(line).not.toHaveProperty('key_id');
  });

  it('gives a request without an id the one X-Request-Id echoes', async () => {
    const response = await http().get('/v1/health');

    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () => captured.with({ request_id: id }), (lines) => lines.length === 1);
  });

  it('never writes a key, a header or an image body', async () => {
    const image = fixtureImageBase64('gradient.jpg');
    const response = await analyze({ plugin: 'image-inspect', tool: 'metadata', image, mime_type: 'image/jpeg' }, 'image-call');
    expect(response.status).toBe(200);
    await http().get('/v1/plugins').set('Authorization', `Bearer ${USER_KEY}`).set('Cookie', 'session=cookie-secret-0123');
    await waitFor(async () => captured.with({ request_id: 'image-call', msg: 'request completed' }), (lines) => lines.length === 1);

    expect(captured.text).not.toContain(ADMIN_KEY);
    expect(captured.text).not.toContain(USER_KEY);
    expect(captured.text).not.toContain('cookie-secret-0123');
    expect(captured.text).not.toContain(image.slice(0, 64));
    expect(captured.text).not.toContain(image.slice(-64));
    expect(captured.text.toLowerCase()).not.toContain('x-api-key');
  });
});
