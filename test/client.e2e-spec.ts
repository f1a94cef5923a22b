import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  analyze,
  createForgeSyteClient,
  type ErrorEnvelope,
  type ForgeSyteClient,
  JobWaitTimeoutError,
  type ToolArgs,
  type ToolResult,
  waitForJob,
} from '@forgesyte/client';
import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { fixtureImageBase64 } from './support/fixture-images';

const GREY_PNG = fixtureImageBase64('grey.png');
const CHECKERBOARD_PNG = fixtureImageBase64('checkerboard.png');

describe('@forgesyte/client against a real server', () => {
  let api: E2eApp;
  let baseUrl: string;
  let admin: ForgeSyteClient;
  let user: ForgeSyteClient;

  beforeAll(async () => {
    api = await startApp();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = createForgeSyteClient({ baseUrl, apiKey: ADMIN_KEY });
    user = createForgeSyteClient({ baseUrl, apiKey: USER_KEY });
  });
  afterAll(() => api.close());

  it('reads the health route without a key', async () => {
    const { data, response } = await createForgeSyteClient({ baseUrl }).GET('/v1/health');

    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok', uptime_seconds: expect.any(Number) });
  });

  it('runs a tool synchronously with args typed by its inputSchema and a result typed by its outputSchema', async () => {
    const args: ToolArgs<'image-inspect', 'metadata'> = { image: GREY_PNG, mime_type: 'image/png' };

    const { data, error } = await analyze(admin, { plugin: 'image-inspect', tool: 'metadata', args });

    expect(error).toBeUndefined();
    const metadata: ToolResult<'image-inspect', 'metadata'> | undefined = data?.result;
    expect(data).toMatchObject({ plugin: 'image-inspect', tool: 'metadata', status: 'success' });
    expect(metadata).toMatchObject({ format: 'png', width: expect.any(Number), height: expect.any(Number) });
  });

  it('sends the image shorthand through openapi-fetch POST', async () => {
    const { data, response } = await admin.POST('/v1/analyze-execution', {
      body: { plugin: 'image-inspect', tool: 'sharpness', image: CHECKERBOARD_PNG, mime_type: 'image/png' },
    });

    expect(response.status).toBe(200);
    expect(data?.result).toMatchObject({ laplacian_variance: expect.any(Number), mean_intensity: expect.any(Number) });
  });

  it('submits a job, waits for it and finds it in the job list', async () => {
    const submitted = await user.POST('/v1/analyze-execution/async', {
      body: { plugin: 'image-inspect', tool: 'histogram', args: { image: GREY_PNG, mime_type: 'image/png' } },
      params: { header: { 'Idempotency-Key': `client-e2e-${randomUUID()}` } },
    });
    expect(submitted.response.status).toBe(202);
    const jobId = submitted.data?.job_id ?? '';
    expect(submitted.response.headers.get('location')).toBe(`/v1/analyze-execution/jobs/${jobId}`);

    const finished = await waitForJob(user, jobId, { intervalMs: 20, timeoutMs: 10_000 });
    const page = await user.GET('/v1/analyze-execution/jobs', { params: { query: { plugin: 'image-inspect', status: 'success', limit: 100 } } });

    expect(finished.data).toMatchObject({ job_id: jobId, mode: 'async', status: 'success', result: { channels: expect.any(Array) } });
    expect(page.data?.jobs.map((job) => job.job_id)).toContain(jobId);
    expect(page.data?.count).toBe(page.data?.jobs.length);
  });

  it('answers an error as the typed envelope', async () => {
    const missing = randomUUID();

    const { data, error, response } = await user.GET('/v1/analyze-execution/jobs/{job_id}', { params: { path: { job_id: missing } } });

    const envelope: ErrorEnvelope | undefined = error;
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(envelope?.error).toMatchObject({ code: 'JOB_NOT_FOUND', type: 'NotFoundError', job_id: missing, retryable: false });
    expect(envelope?.error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('answers a refused key as the typed envelope', async () => {
    const stranger = createForgeSyteClient({ baseUrl, apiKey: 'not-a-configured-key' });

    const { error, response } = await analyze(stranger, { plugin: 'image-inspect', tool: 'metadata', image: GREY_PNG, mime_type: 'image/png' });

    expect(response.status).toBe(401);
    expect(error?.error).toMatchObject({ code: 'UNAUTHENTICATED', type: 'AuthError' });
  });

  describe('waiting for a job that runs for a second', () => {
    let jobId: string;

    // slow-progress is a fixture plugin, outside the generated types: submitted over plain HTTP.
    beforeEach(async () => {
      const submitted = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'slow-progress', args: { steps: 20, delay_ms: 50 } });
      jobId = submitted.body.job_id;
    });
    afterEach(() => admin.DELETE('/v1/analyze-execution/jobs/{job_id}', { params: { path: { job_id: jobId } } }));

    it('gives up after timeoutMs with a message saying what to do', async () => {
      const waiting = waitForJob(admin, jobId, { intervalMs: 5, timeoutMs: 1 });

      await expect(waiting).rejects.toThrow(JobWaitTimeoutError);
      await expect(waiting).rejects.toThrow(`Job ${jobId} had not finished after 1 ms: pass a larger timeoutMs to waitForJob`);
    });

    it('stops between two polls when its signal aborts', async () => {
      const waiting = waitForJob(admin, jobId, { intervalMs: 10_000, signal: AbortSignal.timeout(50) });

      await expect(waiting).rejects.toMatchObject({ name: 'TimeoutError' });
    });
  });

  it('refuses a base URL that is not absolute http(s), saying what to pass', () => {
    expect(() => createForgeSyteClient({ baseUrl: '127.0.0.1:3000' })).toThrow(/baseUrl must be an absolute http\(s\) URL such as "http:\/\/127\.0\.0\.1:3000"/);
  });
});
