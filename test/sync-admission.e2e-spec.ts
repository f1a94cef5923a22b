import type { Response } from 'supertest';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

jest.setTimeout(30_000);

const slowCount = (steps: number, delayMs: number, tool = 'count') => ({ plugin: 'slow-progress', tool, args: { steps, delay_ms: delayMs } });
const HOLD = { plugin: 'abortable', tool: 'wait', args: {} };

describe('sync admission (FORGESYTE_MAX_SYNC)', () => {
  let api: E2eApp;
  const analyze = (body: object): Promise<Response> => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body).then((r) => r);
  const inFlight = async (plugin: string) =>
    ((await api.http().get(`/v1/plugins/${plugin}/health`).set('X-API-Key', ADMIN_KEY)).body as { in_flight: number }).in_flight;
  const jobCount = async () => ((await api.http().get('/v1/analyze-execution/jobs?limit=100').set('X-API-Key', ADMIN_KEY)).body as { count: number }).count;

  describe('when every slot stays busy past the wait', () => {
    beforeAll(async () => {
      api = await startApp({ FORGESYTE_MAX_SYNC: '2', FORGESYTE_MAX_SYNC_QUEUE: '1', FORGESYTE_SYNC_WAIT_MS: '1000', FORGESYTE_TIMEOUT_MS: '4000' });
    });
    afterAll(() => api.close());

    it('answers 429 OVERLOADED with Retry-After after the wait, another at once when the queue is full, and records no job for either', async () => {
      const holders = [analyze(HOLD), analyze(HOLD)];
      await waitFor(() => inFlight('abortable'), (count) => count === 2);
      const jobsBefore = await jobCount();
      const startedAt = Date.now();
      const timed = async (): Promise<[Response, number]> => [await analyze(slowCount(1, 0)), Date.now() - startedAt];

      // Both arrive together: one waits in the queue (1 place), the other finds it full.
      const [[refusedAtOnce, refusedAtOnceMs], [refusedAfterWait, refusedAfterWaitMs]] = (await Promise.all([timed(), timed()])).sort((a, b) => a[1] - b[1]);

      for (const response of [refusedAtOnce, refusedAfterWait]) {
        expectEnvelope(response, 429, { code: 'OVERLOADED', type: 'RateLimitError', retryable: true, details: { reason: 'sync_busy', retry_after_seconds: 1 } });
        expect(response.headers['retry-after']).toBe('1');
      }
      // The wait is 1 s: "at once" and "after the wait" stay apart on a loaded machine.
      expect(refusedAtOnceMs).toBeLessThan(700);
      expect(refusedAfterWaitMs).toBeGreaterThanOrEqual(980);
      expect(refusedAfterWaitMs).toBeLessThan(3_000);
      expect(await jobCount()).toBe(jobsBefore);
      await Promise.all(holders);
    });

    it("keeps other tools running while one tool is at its maxConcurrency", async () => {
      // Holds the tool's one place for 1.6 s, past the 1 s wait.
      const holder = analyze(slowCount(4, 400, 'count_one_at_a_time'));
      await waitFor(() => inFlight('slow-progress'), (count) => count === 1);

      const [sameTool, otherTool] = await Promise.all([analyze(slowCount(1, 0, 'count_one_at_a_time')), analyze({ plugin: 'echo', args: { message: 'hi' } })]);

      expectEnvelope(sameTool, 429, { code: 'OVERLOADED', type: 'RateLimitError' });
      expect(otherTool.status).toBe(200);
      expect((await holder).status).toBe(200);
    });
  });

  describe('when a slot frees within the wait', () => {
    beforeAll(async () => {
      api = await startApp({ FORGESYTE_MAX_SYNC: '2', FORGESYTE_SYNC_WAIT_MS: '3000', FORGESYTE_TIMEOUT_MS: '1000' });
    });
    afterAll(() => api.close());

    it("runs the waiting call, and its wait does not count against the tool's deadline", async () => {
      const holders = [analyze(slowCount(3, 200)), analyze(slowCount(3, 200))];
      await waitFor(() => inFlight('slow-progress'), (count) => count === 2);
      const startedAt = Date.now();

      // 800 ms of work under a 1000 ms deadline, after waiting about 600 ms for a slot.
      const waiting = await analyze(slowCount(4, 200));

      expect(waiting.status).toBe(200);
      expect(Date.now() - startedAt).toBeGreaterThan(1_000);
      expect(waiting.body).toMatchObject({ status: 'success', result: { steps: 4 } });
      for (const holder of await Promise.all(holders)) expect(holder.status).toBe(200);
    });
  });
});
