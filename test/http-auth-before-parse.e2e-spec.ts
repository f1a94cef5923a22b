import { ApiProcess, freePort } from './support/app-process';
import { expectEnvelope } from './support/envelope';
import { asSupertest, type RawResponse, timedRequest } from './support/raw-http';

jest.setTimeout(120_000);

const KEY = 'hardening-admin-key-0123456789';
/** Generous bounds for a noisy 2-core machine; the measured times are in docs/operating.md (tens of ms). */
const FAST_MS = 1000;

/**
 * Hostile bodies against the built server in its own process (as `npm start` runs it, so that the load
 * this test generates does not share the server's event loop): without a key nothing is parsed, and
 * with one a body's shape is bounded before it is parsed, while `/v1/health` keeps answering.
 */
describe('the key is checked before the body, and bodies are bounded before they are parsed', () => {
  let api: ApiProcess;
  let port: number;
  const analyze = (body: Buffer, headers: Record<string, string> = {}) => timedRequest(port, 'POST', '/v1/analyze-execution', body, headers);

  /** Runs `attack`, calling `/v1/health` back to back meanwhile; returns the attack's responses and the slowest health answer. */
  async function whileProbingHealth(attack: () => Promise<RawResponse[]>): Promise<{ responses: RawResponse[]; slowestHealthMs: number }> {
    let done = false;
    const attacking = attack().finally(() => (done = true));
    const healthTimes: number[] = [];
    while (!done) {
      const health = await timedRequest(port, 'GET', '/v1/health');
      expect(health.status).toBe(200);
      healthTimes.push(health.ms);
    }
    return { responses: await attacking, slowestHealthMs: Math.max(...healthTimes) };
  }

  beforeAll(async () => {
    port = await freePort();
    api = new ApiProcess({
      PORT: String(port),
      FORGESYTE_ADMIN_KEY: KEY,
      FORGESYTE_JOB_STORE: 'memory',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_PLUGINS: './test/fixtures/plugins/echo.plugin.js',
    });
    await api.waitForOutput(/listening on/);
  });
  afterAll(() => api.stop());

  describe('without a key', () => {
    const deepBody = Buffer.concat([Buffer.alloc(7_000_000, '['), Buffer.alloc(7_000_000, ']')]);

    it('answers a 14 MB body of 7 million nested [ with 401 at once, health answering meanwhile (was 9.4 s, health 9.2 s)', async () => {
      const { responses, slowestHealthMs } = await whileProbingHealth(async () => [await analyze(deepBody)]);

      expectEnvelope(asSupertest(responses[0]), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
      expect(responses[0].ms).toBeLessThan(FAST_MS);
      expect(slowestHealthMs).toBeLessThan(FAST_MS);
    });

    it('answers four such bodies in parallel with 401 at once, health answering meanwhile (health was stalled 32 s)', async () => {
      const { responses, slowestHealthMs } = await whileProbingHealth(() => Promise.all([1, 2, 3, 4].map(() => analyze(deepBody))));

      for (const response of responses) {
        expect(response.status).toBe(401);
        expect(response.ms).toBeLessThan(FAST_MS);
      }
      expect(slowestHealthMs).toBeLessThan(FAST_MS);
    });

    it('answers a flat 9 MB array with 401 at once (was 7.7 s)', async () => {
      const flat = Buffer.from(`[${'0,'.repeat(4_500_000)}0]`);
      const { responses, slowestHealthMs } = await whileProbingHealth(async () => [await analyze(flat)]);

      expect(responses[0].status).toBe(401);
      expect(responses[0].ms).toBeLessThan(FAST_MS);
      expect(slowestHealthMs).toBeLessThan(FAST_MS);
    });

    it('answers a wrong key on a large body with 401 too', async () => {
      expectEnvelope(asSupertest(await analyze(deepBody, { 'X-API-Key': 'not-the-key-0123456789' })), 401, { code: 'UNAUTHENTICATED', type: 'AuthError', message: /not valid/ });
    });

    it('answers a small body without a key with 401 and serves the next request', async () => {
      expect((await analyze(Buffer.from('{"plugin":"echo"}'))).status).toBe(401);
      expect((await timedRequest(port, 'GET', '/v1/health')).status).toBe(200);
    });
  });

  describe('with a key', () => {
    const withKey = { 'X-API-Key': KEY };

    it('answers a deep body with a bounded REQUEST_INVALID at once, without parsing it', async () => {
      const deep = Buffer.from(`{"plugin":"echo","args":{"message":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}}`);
      const response = await analyze(deep, withKey);

      expectEnvelope(asSupertest(response), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_depth: 64 }, message: /FORGESYTE_MAX_JSON_DEPTH/ });
      expect(response.ms).toBeLessThan(FAST_MS);
    });

    it('answers a million keys in args with a small REQUEST_INVALID, health answering meanwhile (was a 70 MB error after 5–9 s)', async () => {
      const keys = Array.from({ length: 1_000_000 }, (_, index) => `"k${index}":1`).join(',');
      const body = Buffer.from(`{"plugin":"echo","args":{"message":"x",${keys}}}`);
      const { responses, slowestHealthMs } = await whileProbingHealth(async () => [await analyze(body, withKey)]);

      expectEnvelope(asSupertest(responses[0]), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_keys: 10_000 }, message: /FORGESYTE_MAX_JSON_KEYS/ });
      expect(responses[0].bodyBytes).toBeLessThan(1024);
      expect(responses[0].ms).toBeLessThan(FAST_MS);
      expect(slowestHealthMs).toBeLessThan(FAST_MS);
    });

    it('still runs an ordinary call', async () => {
      const response = await analyze(Buffer.from('{"plugin":"echo","args":{"message":"hello"}}'), withKey);

      expect(response).toMatchObject({ status: 200, body: { status: 'success', result: { message: 'hello' } } });
    });
  });
});
