import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { waitFor } from './support/async';

const JOB_STATUSES = ['pending', 'running', 'success', 'failed', 'cancelled'];

describe('async jobs over /v1/analyze-execution', () => {
  let api: E2eApp;
  const submit = (body: object, key = ADMIN_KEY) => api.http().post('/v1/analyze-execution/async').set('X-API-Key', key).send(body);
  const getJob = (id: string, key = ADMIN_KEY) => api.http().get(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', key);
  const getResult = (id: string, key = ADMIN_KEY) => api.http().get(`/v1/analyze-execution/jobs/${id}/result`).set('X-API-Key', key);
  const cancel = (id: string, key = ADMIN_KEY) => api.http().delete(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', key);
  const statusOf = async (id: string) => (await getJob(id)).body.status as string;
  const abortsSeen = async () =>
    (await api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'abortable', tool: 'aborts_seen' })).body
      .result.aborts as number;

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(() => api.close());

  it('accepts a job with 202, a Location header and status pending', async () => {
    const response = await submit({ plugin: 'echo', args: { message: 'later' } });

    expect(response.status).toBe(202);
    expect(response.headers.location).toBe(`/v1/analyze-execution/jobs/${response.body.job_id}`);
    expect(response.body).toEqual({
      job_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      plugin: 'echo',
      tool: 'echo',
      mode: 'async',
      status: 'pending',
      priority: 5,
      created_at: expect.any(String),
      started_at: null,
      completed_at: null,
      duration_ms: null,
      progress: null,
      attempt: 1,
      attempts: 1,
      attempt_errors: [],
      next_attempt_at: null,
      plugin_version: null,
    });
  });

  it('runs the job in the background to success and serves its result', async () => {
    const { body } = await submit({ plugin: 'echo', tool: 'shout', args: { message: 'later' } });

    await waitFor(() => statusOf(body.job_id), (status) => status === 'success');
    const result = await getResult(body.job_id);

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ job_id: body.job_id, mode: 'async', status: 'success', result: { message: 'LATER' }, plugin_version: '1.0.0' });
    expect(result.body.duration_ms).toEqual(expect.any(Number));
    expect(result.body.error).toBeUndefined();
  });

  it('shows progress while the job runs and only ever the five job statuses', async () => {
    const { body } = await submit({ plugin: 'slow-progress', args: { steps: 10, delay_ms: 40 } });
    const seen = new Set<string>();
    const fractions: number[] = [];

    await waitFor(
      async () => (await getJob(body.job_id)).body,
      (job) => {
        seen.add(job.status);
        if (job.progress !== null) fractions.push(job.progress.fraction);
        return job.status === 'success';
      },
    );

    expect([...seen].every((status) => JOB_STATUSES.includes(status))).toBe(true);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((fraction) => fraction > 0 && fraction <= 1)).toBe(true);
  });

  it('stores a failed job with its error envelope object', async () => {
    const { body } = await submit({ plugin: 'thrower', tool: 'boom' });

    await waitFor(() => statusOf(body.job_id), (status) => status === 'failed');
    const result = await getResult(body.job_id);

    expect(result.body.error).toEqual({
      code: 'PLUGIN_ERROR',
      type: 'PluginError',
      message: "Tool 'boom' of plugin 'thrower' failed: kaboom",
      details: {},
      plugin: 'thrower',
      tool: 'boom',
      job_id: body.job_id,
      retryable: false,
    });
    expect(result.body.result).toBeUndefined();
  });

  it('keeps the priority a job was sent with, and lists jobs by priority', async () => {
    const urgent = await submit({ plugin: 'echo', args: { message: 'urgent' }, priority: 1 });
    await submit({ plugin: 'echo', args: { message: 'normal' } });

    const listed = await api.http().get('/v1/analyze-execution/jobs?priority=1&limit=100').set('X-API-Key', ADMIN_KEY);

    expect(urgent.body.priority).toBe(1);
    expect(listed.status).toBe(200);
    expect(listed.body.jobs.map((job: { job_id: string }) => job.job_id)).toContain(urgent.body.job_id);
    expect(listed.body.jobs.every((job: { priority: number }) => job.priority === 1)).toBe(true);
  });

  it.each([0, 11, 2.5, '1'])('refuses priority %p with 400 REQUEST_INVALID naming the range', async (priority) => {
    const error = expectEnvelope(await submit({ plugin: 'echo', args: {}, priority }), 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });

    expect(JSON.stringify(error)).toContain('from 1 (runs first) to 10 (runs last)');
  });

  it('refuses a priority filter outside 1 to 10 with 400', async () => {
    expectEnvelope(await api.http().get('/v1/analyze-execution/jobs?priority=11').set('X-API-Key', ADMIN_KEY), 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });
  });

  it('refuses a job for an unknown plugin at once with 400, creating no job', async () => {
    const response = await submit({ plugin: 'nope' });

    const error = expectEnvelope(response, 400, { code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError' });
    expect(error.job_id).toBeNull();
  });

  it('refuses args that break the input schema at once with 400 INPUT_INVALID', async () => {
    expectEnvelope(await submit({ plugin: 'echo', args: {} }), 400, {
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      details: { violations: [{ path: '/message', message: 'is required' }] },
    });
  });

  it('answers the result of an unfinished job with 409 JOB_NOT_FINISHED', async () => {
    const { body } = await submit({ plugin: 'abortable', tool: 'wait' });

    expectEnvelope(await getResult(body.job_id), 409, { code: 'JOB_NOT_FINISHED', type: 'ConflictError', retryable: true });
    await cancel(body.job_id);
  });

  it('cancels a running job: the plugin sees its signal abort and the job ends cancelled', async () => {
    const before = await abortsSeen();
    const { body } = await submit({ plugin: 'abortable', tool: 'wait' });
    await waitFor(() => statusOf(body.job_id), (status) => status === 'running');

    const response = await cancel(body.job_id);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ job_id: body.job_id, status: 'cancelled' });
    expect(await statusOf(body.job_id)).toBe('cancelled');
    expect(await abortsSeen()).toBe(before + 1);
    const result = await getResult(body.job_id);
    expect(result.body.error).toMatchObject({ code: 'CANCELLED', details: { stopped: 'cooperative' } });
  });

  it('cancels a job that ignores its signal without waiting for it', async () => {
    const { body } = await submit({ plugin: 'never-resolves' });
    await waitFor(() => statusOf(body.job_id), (status) => status === 'running');

    const response = await cancel(body.job_id);

    expect(response.body).toEqual({ job_id: body.job_id, status: 'cancelled' });
    expect((await getResult(body.job_id)).body.error).toMatchObject({ code: 'CANCELLED', details: { stopped: 'abandoned' } });
  });

  it('answers a cancel of a finished job with 409 JOB_ALREADY_FINISHED', async () => {
    const { body } = await submit({ plugin: 'echo', args: { message: 'quick' } });
    await waitFor(() => statusOf(body.job_id), (status) => status === 'success');

    expectEnvelope(await cancel(body.job_id), 409, {
      code: 'JOB_ALREADY_FINISHED',
      type: 'ConflictError',
      details: { status: 'success' },
    });
  });

  it.each([
    ['GET', (id: string) => getJob(id)],
    ['GET result', (id: string) => getResult(id)],
    ['DELETE', (id: string) => cancel(id)],
  ])('answers %s of an unknown job with 404 JOB_NOT_FOUND', async (_, call) => {
    const id = '00000000-0000-4000-8000-000000000000';

    const error = expectEnvelope(await call(id), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
    expect(error.job_id).toBe(id);
  });

  describe('ownership', () => {
    it('hides a job of one key from another key as if it did not exist', async () => {
      const { body } = await submit({ plugin: 'echo', args: { message: 'mine' } }, ADMIN_KEY);
      await waitFor(() => statusOf(body.job_id), (status) => status === 'success');

      expectEnvelope(await getJob(body.job_id, USER_KEY), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
      expectEnvelope(await getResult(body.job_id, USER_KEY), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
      expectEnvelope(await cancel(body.job_id, USER_KEY), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
      const list = await api.http().get('/v1/analyze-execution/jobs?limit=100').set('X-API-Key', USER_KEY);
      expect(list.body.jobs.map((job: { job_id: string }) => job.job_id)).not.toContain(body.job_id);
    });

    it("lets the admin key see another key's job", async () => {
      const { body } = await submit({ plugin: 'echo', args: { message: 'theirs' } }, USER_KEY);

      expect((await getJob(body.job_id, ADMIN_KEY)).status).toBe(200);
    });
  });

  describe('Idempotency-Key', () => {
    const submitWithKey = (key: string, body: object, apiKey = ADMIN_KEY) =>
      api.http().post('/v1/analyze-execution/async').set('X-API-Key', apiKey).set('Idempotency-Key', key).send(body);

    it('returns the same job for the same key and the same body', async () => {
      const first = await submitWithKey('order-1', { plugin: 'echo', args: { message: 'once' } });
      const second = await submitWithKey('order-1', { args: { message: 'once' }, plugin: 'echo' });

      expect(second.status).toBe(202);
      expect(second.body.job_id).toBe(first.body.job_id);
    });

    it('answers the same key with a different body with 409 IDEMPOTENCY_CONFLICT', async () => {
      const first = await submitWithKey('order-2', { plugin: 'echo', args: { message: 'one' } });
      const second = await submitWithKey('order-2', { plugin: 'echo', args: { message: 'two' } });

      const error = expectEnvelope(second, 409, { code: 'IDEMPOTENCY_CONFLICT', type: 'ConflictError' });
      expect(error.job_id).toBe(first.body.job_id);
    });

    it('keeps keys of different API keys apart', async () => {
      const admin = await submitWithKey('order-3', { plugin: 'echo', args: { message: 'x' } }, ADMIN_KEY);
      const user = await submitWithKey('order-3', { plugin: 'echo', args: { message: 'x' } }, USER_KEY);

      expect(user.body.job_id).not.toBe(admin.body.job_id);
    });

    it('refuses a malformed key with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await submitWithKey('has space', { plugin: 'echo', args: { message: 'x' } }), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
      });
    });
  });

  describe('GET /v1/analyze-execution/jobs', () => {
    it('lists jobs newest first, filtered, in pages that cover each job once', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await submit({ plugin: 'echo', tool: 'shout', args: { message: `p${i}` } }, USER_KEY)).body.job_id);
      await waitFor(async () => Promise.all(ids.map(statusOf)), (statuses) => statuses.every((status) => status === 'success'));

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/analyze-execution/jobs?plugin=echo&status=success&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = await api.http().get(query).set('X-API-Key', USER_KEY);
        expect(page.status).toBe(200);
        expect(page.body.count).toBe(page.body.jobs.length);
        pages.push(page.body.jobs.map((job: { job_id: string }) => job.job_id));
        cursor = page.body.next_cursor;
      } while (cursor !== null);

      const listed = pages.flat();
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    });

    it.each([
      ['limit=-1', '/limit'],
      ['limit=abc', '/limit'],
      ['limit=0', '/limit'],
      ['limit=101', '/limit'],
      ['priority=0', '/priority'],
      ['priority=11', '/priority'],
      ['priority=x', '/priority'],
      ['status=done', '/status'],
      ['plugin=Bad_Name', '/plugin'],
      ['colour=blue', '/colour'],
    ])('answers the bad filter %s with 400 REQUEST_INVALID pointing at %s', async (query, path) => {
      const error = expectEnvelope(await api.http().get(`/v1/analyze-execution/jobs?${query}`).set('X-API-Key', ADMIN_KEY), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
      });
      // The details of every request check, range checks included.
      expect(error.details).toMatchObject({ violations: [{ path }], violation_count: 1, truncated: false });
    });

    it('reads a priority filter with leading zeros as its number', async () => {
      const listed = await api.http().get('/v1/analyze-execution/jobs?priority=010&limit=1').set('X-API-Key', ADMIN_KEY);

      expect(listed.status).toBe(200);
    });

    it('answers a cursor it did not issue with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await api.http().get('/v1/analyze-execution/jobs?cursor=bogus').set('X-API-Key', ADMIN_KEY), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        message: /not a cursor this server issued/,
      });
    });
  });
});

describe('a full job queue', () => {
  let api: E2eApp;

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_MAX_CONCURRENCY: '1', FORGESYTE_MAX_QUEUE: '1' });
  });
  afterAll(() => api.close());

  it('answers with 429 OVERLOADED and Retry-After, then cancels a pending job without running it', async () => {
    const submit = () => api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'abortable', tool: 'wait' });
    const running = await submit();
    await waitFor(
      async () => (await api.http().get(`/v1/analyze-execution/jobs/${running.body.job_id}`).set('X-API-Key', ADMIN_KEY)).body.status,
      (status) => status === 'running',
    );
    const pending = await submit();

    const refused = await submit();

    expectEnvelope(refused, 429, { code: 'OVERLOADED', type: 'RateLimitError', retryable: true });
    expect(refused.headers['retry-after']).toBe('1');
    const cancelled = await api.http().delete(`/v1/analyze-execution/jobs/${pending.body.job_id}`).set('X-API-Key', ADMIN_KEY);
    expect(cancelled.body).toEqual({ job_id: pending.body.job_id, status: 'cancelled' });
    const result = await api.http().get(`/v1/analyze-execution/jobs/${pending.body.job_id}/result`).set('X-API-Key', ADMIN_KEY);
    expect(result.body).toMatchObject({ status: 'cancelled', started_at: null, error: { code: 'CANCELLED', details: { stopped: 'not_started' } } });
    await api.http().delete(`/v1/analyze-execution/jobs/${running.body.job_id}`).set('X-API-Key', ADMIN_KEY);
  });
});
