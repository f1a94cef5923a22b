import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

/** Malformed input to every DTO the HTTP layer takes answers an envelope, never a 500. */
describe('request DTOs over HTTP', () => {
  let api: E2eApp;
  const analyze = (body: object, path = '/v1/analyze-execution') => api.http().post(path).set('X-API-Key', ADMIN_KEY).send(body);
  const get = (path: string) => api.http().get(path).set('X-API-Key', ADMIN_KEY);
  const violationPaths = (error: Record<string, unknown>) => (error.details as { violations: Array<{ path: string }> }).violations.map((v) => v.path);

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(() => api.close());

  describe('the analyze body', () => {
    it.each([
      ['a null tool', { plugin: 'echo', tool: null }, ['/tool']],
      ['args as nested arrays', { plugin: 'echo', args: [[1], [2]] }, ['/args']],
      ['numbers where strings go', { plugin: 'echo', tool: 1, image: 2, mime_type: 3 }, ['/tool', '/image', '/mime_type']],
      ['an object where the plugin name goes', { plugin: { name: 'echo' } }, ['/plugin']],
    ])('answers %s with 400 REQUEST_INVALID listing each field', async (_, body, paths) => {
      for (const path of ['/v1/analyze-execution', '/v1/analyze-execution/async']) {
        const error = expectEnvelope(await analyze(body, path), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /^The request body is invalid: .*; see details\.violations\.$/ });
        expect(violationPaths(error)).toEqual(paths);
      }
    });
  });

  describe('keys named like Object.prototype methods', () => {
    it('refuses such an unknown field of the body instead of dropping it', async () => {
      const response = await api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).set('Content-Type', 'application/json').send('{"plugin":"echo","args":{"message":"hi"},"hasOwnProperty":1}');

      const error = expectEnvelope(response, 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });
      expect(error.details).toEqual({ violations: [{ path: '/hasOwnProperty', message: 'is not an allowed property; remove it' }], violation_count: 1, truncated: false });
    });

    it("hands such a key inside args on to the tool, whose input schema then judges it", async () => {
      const response = await api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).set('Content-Type', 'application/json').send('{"plugin":"echo","args":{"message":"hi","toString":1}}');

      const error = expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
      expect(JSON.stringify(error.details)).toContain('toString');
    });
  });

  describe('the Idempotency-Key header', () => {
    it('answers a 10 kB key with a small 400 REQUEST_INVALID', async () => {
      const response = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).set('Idempotency-Key', 'k'.repeat(10_000)).send({ plugin: 'echo', args: { message: 'x' } });

      expectEnvelope(response, 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        details: { violations: [{ path: '/idempotency-key', message: 'must be 1 to 255 visible ASCII characters (no spaces), such as a UUID' }], violation_count: 1, truncated: false },
      });
      expect(response.text.length).toBeLessThan(1000);
    });
  });

  describe('the job list query', () => {
    it.each([
      ['status=pending&status=running', '/status'],
      ['cursor=', '/cursor'],
      ['limit=5&limit=6', '/limit'],
    ])('answers %s with 400 REQUEST_INVALID pointing at %s', async (query, path) => {
      const error = expectEnvelope(await get(`/v1/analyze-execution/jobs?${query}`), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /^The request query is invalid: / });
      expect(violationPaths(error)).toEqual([path]);
    });
  });

  describe('path parameters', () => {
    it.each(['/v1/analyze-execution/jobs/not-a-uuid', '/v1/analyze-execution/jobs/not-a-uuid/result'])('answers GET %s, a job id that is not a UUID, with 404 JOB_NOT_FOUND', async (path) => {
      const error = expectEnvelope(await get(path), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
      expect(error.job_id).toBe('not-a-uuid');
    });

    it('answers DELETE of a job id that is not a UUID with 404 JOB_NOT_FOUND', async () => {
      expectEnvelope(await api.http().delete('/v1/analyze-execution/jobs/not-a-uuid').set('X-API-Key', ADMIN_KEY), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
    });

    it.each(['/v1/plugins/bad%0Aname', `/v1/plugins/${'p'.repeat(300)}/health`])('answers %s, a name no plugin can have, with 404 PLUGIN_NOT_FOUND', async (path) => {
      expectEnvelope(await get(path), 404, { code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError', message: /Available plugins: / });
    });
  });
});
