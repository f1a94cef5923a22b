import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { RequireScope } from '../apps/api/src/auth/require-scope.decorator';
import { ApiErrorResponses } from '../apps/api/src/openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../apps/api/src/openapi/api-key-security.decorator';
import { keyErrors } from '../apps/api/src/openapi/openapi-examples';
import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { fixtureImageBase64 } from './support/fixture-images';

/**
 * Test-only edges: a route with a bug, one that throws a non-Error, and one only admins may call;
 * documented like the real routes, as the contract check (test/support/contract-setup.ts) reads them too.
 */
@Controller('v1/test-only')
@ApiKeySecurity()
class FaultyController {
  @Get('bug')
  @RequireScope('plugins:read')
  @ApiErrorResponses(keyErrors('plugins:read'))
  bug(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'secret') at /work/main/apps/api/src/x.ts:1:1");
  }

  @Get('non-error')
  @RequireScope('plugins:read')
  @ApiErrorResponses(keyErrors('plugins:read'))
  nonError(): never {
    throw 'a bare string'; // eslint-disable-line @typescript-eslint/only-throw-error
  }

  @Get('admin')
  @RequireScope('admin')
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: false, required: ['ok'], properties: { ok: { type: 'boolean', enum: [true] } } } })
  @ApiErrorResponses(keyErrors('admin'))
  admin() {
    return { ok: true };
  }
}

describe('every failure leaves as the error envelope', () => {
  let api: E2eApp;
  const post = (body: string | object, contentType = 'application/json') =>
    api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).set('Content-Type', contentType).send(body);

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_BODY_LIMIT: '64kb' }, [FaultyController]);
  });
  afterEach(async () => {
    expect((await api.http().get('/v1/health')).status).toBe(200);
  });
  afterAll(() => api.close());

  describe('request bodies', () => {
    it('answers malformed JSON with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await post('{"plugin": "echo",'), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        message: /^The request body is not valid JSON .*Send a JSON object with Content-Type: application\/json\.$/,
      });
    });

    it('answers a body that is not JSON with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await post('plugin=echo', 'text/plain'), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /no JSON body/ });
    });

    it('answers a JSON array body with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await post('[1,2]'), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /must be a JSON object .*; it is an array\.$/ });
    });

    it('answers a missing plugin with 400 REQUEST_INVALID pointing at /plugin', async () => {
      expectEnvelope(await post({ args: {} }), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        details: { violations: [{ path: '/plugin', message: 'is required' }] },
      });
    });

    it('answers fields of the wrong type with 400 REQUEST_INVALID listing each', async () => {
      const error = expectEnvelope(await post({ plugin: 5, args: 'x', tool: [] }), 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });

      expect((error.details as { violations: Array<{ path: string }> }).violations.map((v) => v.path).sort()).toEqual(['/args', '/plugin', '/tool']);
    });

    it('answers an unknown field with 400 REQUEST_INVALID naming it', async () => {
      // `priority` was the unknown field until it became one (issue 22): `urgency` is not one.
      expectEnvelope(await post({ plugin: 'echo', args: { message: 'x' }, urgency: 'high' }), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        details: { violations: [{ path: '/urgency', message: 'is not an allowed property; remove it' }] },
      });
    });

    it('answers a priority out of its range with 400 REQUEST_INVALID saying what it takes', async () => {
      expectEnvelope(await post({ plugin: 'echo', args: { message: 'x' }, priority: 'high' }), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
        details: { violations: [{ path: '/priority', message: 'must be a whole number from 1 (runs first) to 10 (runs last) among your waiting jobs; leave it out for 5' }] },
      });
    });

    it.each([
      ['{"plugin":"echo","__proto__":{"admin":true}}', '/__proto__'],
      ['{"plugin":"echo","args":{"message":"x","constructor":{"prototype":{}}}}', '/args/constructor'],
      ['{"plugin":"echo","args":{"list":[{"prototype":1}]}}', '/args/list/0/prototype'],
    ])('refuses the prototype-polluting body %s with 400 REQUEST_INVALID', async (body, path) => {
      expectEnvelope(await post(body), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: `The request body contains the forbidden key ${path}.` });
    });

    it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
      expectEnvelope(await post({ plugin: 'echo', args: { message: 'x'.repeat(70_000) } }), 413, {
        code: 'PAYLOAD_TOO_LARGE',
        type: 'ValidationError',
        details: { limit: '64kb' },
      });
    });
  });

  describe('the image shorthand', () => {
    const png = fixtureImageBase64('grey.png');

    it.each([
      ['bad base64', { image: 'not*base64!', mime_type: 'image/png' }, /not valid base64/],
      ['an empty image', { image: '', mime_type: 'image/png' }, /image is empty/],
      ['a data: URL', { image: `data:image/png;base64,${png}`, mime_type: 'image/png' }, /without a data: URL prefix/],
      ['a PNG labelled as JPEG', { image: png, mime_type: 'image/jpeg' }, /image is image\/png but mime_type says image\/jpeg/],
      ['an unsupported type', { image: png, mime_type: 'image/svg+xml' }, /mime_type 'image\/svg\+xml' is not supported/],
      ['bytes of no image format', { image: Buffer.from('hello world!').toString('base64'), mime_type: 'image/png' }, /not a supported image file/],
    ])('answers %s with 400 INPUT_INVALID', async (_, fields, message) => {
      expectEnvelope(await post({ plugin: 'image-inspect', ...fields }), 400, { code: 'INPUT_INVALID', type: 'ValidationError', message });
    });

    it('answers an image without mime_type with 400 REQUEST_INVALID', async () => {
      expectEnvelope(await post({ plugin: 'image-inspect', image: png }), 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });
    });

    it('answers an image that is valid base64 and PNG magic but does not decode with 400 INPUT_INVALID', async () => {
      const truncated = Buffer.from(png, 'base64').subarray(0, 40).toString('base64');

      expectEnvelope(await post({ plugin: 'image-inspect', tool: 'histogram', image: truncated, mime_type: 'image/png' }), 400, {
        code: 'INPUT_INVALID',
        type: 'ValidationError',
        plugin: 'image-inspect',
        tool: 'histogram',
      });
    });
  });

  describe('routes', () => {
    it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
      expectEnvelope(await api.http().get('/v2/anything').set('X-API-Key', USER_KEY), 404, {
        code: 'ROUTE_NOT_FOUND',
        type: 'NotFoundError',
        details: { method: 'GET', path: '/v2/anything' },
      });
    });

    it('answers an unknown route called without a key with 401 UNAUTHENTICATED, telling nothing of which routes exist', async () => {
      expectEnvelope(await api.http().get('/v2/anything'), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
    });

    it('answers an unknown method on a known path with 404 ROUTE_NOT_FOUND', async () => {
      expectEnvelope(await api.http().put('/v1/plugins').set('X-API-Key', ADMIN_KEY), 404, {
        code: 'ROUTE_NOT_FOUND',
        type: 'NotFoundError',
        details: { method: 'PUT', path: '/v1/plugins' },
      });
    });

    it('answers a bug with 400 INTERNAL that leaks neither message, stack nor path', async () => {
      const response = await api.http().get('/v1/test-only/bug').set('X-API-Key', ADMIN_KEY);

      expectEnvelope(response, 400, { code: 'INTERNAL', type: 'InternalError', retryable: true, details: {} });
      expect(JSON.stringify(response.body)).not.toMatch(/secret|TypeError|x\.ts/);
    });

    it('gives an error to a POST or DELETE no ETag, as their other answers, and keeps it on a GET (docs/decisions.md)', async () => {
      const answers = [
        await post('{"plugin": "echo",'),
        await api.http().delete('/v1/analyze-execution/jobs/00000000-0000-4000-8000-000000000000').set('X-API-Key', ADMIN_KEY),
        await api.http().get('/v2/anything').set('X-API-Key', USER_KEY),
      ];
      expect(answers.map((answer) => [answer.status, answer.headers.etag !== undefined])).toEqual([
        [400, false],
        [404, false],
        [404, true],
      ]);
      const [badPost] = answers;
      expect(badPost.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(badPost.headers['content-length'])).toBe(Buffer.byteLength(badPost.text));
      expect(badPost.body).toMatchObject({ error: { code: 'REQUEST_INVALID' } });
    });

    it('answers a thrown non-Error value with 400 INTERNAL', async () => {
      const response = await api.http().get('/v1/test-only/non-error').set('X-API-Key', ADMIN_KEY);

      expectEnvelope(response, 400, { code: 'INTERNAL', type: 'InternalError' });
      expect(JSON.stringify(response.body)).not.toContain('a bare string');
    });
  });

  describe('auth', () => {
    it('answers a missing key with 401 UNAUTHENTICATED saying where to send it', async () => {
      expectEnvelope(await api.http().get('/v1/plugins'), 401, { code: 'UNAUTHENTICATED', type: 'AuthError', message: /X-API-Key/ });
    });

    it('answers a wrong key with 401 UNAUTHENTICATED', async () => {
      expectEnvelope(await api.http().get('/v1/plugins').set('X-API-Key', 'wrong-key-0123456789'), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
    });

    it('accepts the key as Authorization: Bearer', async () => {
      expect((await api.http().get('/v1/plugins').set('Authorization', `Bearer ${USER_KEY}`)).status).toBe(200);
    });

    it('answers a key without the needed scope with 403 FORBIDDEN naming the scope', async () => {
      expectEnvelope(await api.http().get('/v1/test-only/admin').set('X-API-Key', USER_KEY), 403, {
        code: 'FORBIDDEN',
        type: 'AuthError',
        details: { required_scope: 'admin' },
      });
      expect((await api.http().get('/v1/test-only/admin').set('X-API-Key', ADMIN_KEY)).status).toBe(200);
    });

    it('serves the health check without a key', async () => {
      expect((await api.http().get('/v1/health')).body).toEqual({ status: 'ok', uptime_seconds: expect.any(Number) });
    });
  });

  describe('request ids', () => {
    it('echoes a safe caller request id in the header and the envelope', async () => {
      const response = await api.http().get('/v1/plugins').set('X-Request-Id', 'trace-42');

      expect(response.headers['x-request-id']).toBe('trace-42');
      expect(response.body.error.request_id).toBe('trace-42');
    });

    it('replaces an unsafe caller request id with a fresh one', async () => {
      const response = await api.http().get('/v1/health').set('X-Request-Id', '<script>');

      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
