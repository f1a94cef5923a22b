import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { asSupertest, timedRequest } from './support/raw-http';

jest.setTimeout(30_000);

/** How bodies are read: per-route limits, UTF-8 only, JSON objects only, shape limits before parsing. */
describe('JSON request bodies', () => {
  let api: E2eApp;
  let port: number;
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    api.http().post(path).set('X-API-Key', ADMIN_KEY).set('Content-Type', 'application/json').set(headers).send(body);
  const analyze = (body: string, headers?: Record<string, string>) => post('/v1/analyze-execution', body, headers);
  /** Bytes sent exactly as given (supertest would serialise a Buffer as JSON). */
  const analyzeBytes = async (body: Buffer, headers: Record<string, string> = {}) =>
    asSupertest(await timedRequest(port, 'POST', '/v1/analyze-execution', body, { 'X-API-Key': ADMIN_KEY, 'X-Request-Id': 'bytes-1', ...headers }));

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_BODY_LIMIT: '256kb', FORGESYTE_SMALL_BODY_LIMIT: '1kb', FORGESYTE_MAX_JSON_DEPTH: '8', FORGESYTE_MAX_JSON_KEYS: '50',
      FORGESYTE_MAX_JSON_CONTAINERS: '1000', FORGESYTE_MAX_JSON_VALUES: '5000' });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  it('discards the body sent to a public route unread, whatever it holds', async () => {
    const response = asSupertest(await timedRequest(port, 'GET', '/v1/health', Buffer.from('{{{{{ not json'), { 'Content-Type': 'application/json' }));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('refuses a body with more arrays and objects, or more values, than the whole-body caps, before parsing', async () => {
    const containers = await analyze(`{"plugin":"echo","args":{"x":[${'{},'.repeat(1000)}{}]}}`);
    const values = await analyze(`{"plugin":"echo","args":{"x":[${'0,'.repeat(5000)}0]}}`);

    expectEnvelope(containers, 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_containers: 1000 }, message: /FORGESYTE_MAX_JSON_CONTAINERS/ });
    expectEnvelope(values, 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_values: 5000 }, message: /FORGESYTE_MAX_JSON_VALUES/ });
  });

  it('refuses bytes that are not UTF-8 instead of replacing them with U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"plugin":"echo","args":{"message":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]);

    expectEnvelope(await analyzeBytes(body), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: 'The request body is not valid UTF-8. Send JSON encoded as UTF-8.' });
  });

  it('accepts UTF-8 text, declared or not', async () => {
    const body = '{"plugin":"echo","args":{"message":"héllo ✓"}}';

    expect((await analyze(body)).body).toMatchObject({ status: 'success', result: { message: 'héllo ✓' } });
    expect((await analyze(body, { 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(200);
  });

  it('refuses a declared charset other than UTF-8', async () => {
    expectEnvelope(await analyze('{"plugin":"echo"}', { 'Content-Type': 'application/json; charset=latin1' }), 400, {
      code: 'REQUEST_INVALID',
      type: 'ValidationError',
      message: /must be UTF-8 JSON; it declares charset=latin1/,
    });
  });

  it.each([
    ['null', 'null'],
    ['1', 'a number'],
    ['"x"', 'a string'],
    ['[]', 'an array'],
  ])('calls the valid JSON %s not an object, rather than not JSON', async (body, kind) => {
    expectEnvelope(await analyze(body), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: new RegExp(`must be a JSON object .*; it is ${kind}\\.$`) });
  });

  it('accepts nesting up to FORGESYTE_MAX_JSON_DEPTH and refuses one level more', async () => {
    const nested = (levels: number) => `{"plugin":"echo","args":{"message":"x","extra":${'['.repeat(levels)}${']'.repeat(levels)}}}`;

    expectEnvelope(await analyze(nested(6)), 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
    expectEnvelope(await analyze(nested(7)), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_depth: 8 } });
  });

  it('refuses an object with more members than FORGESYTE_MAX_JSON_KEYS', async () => {
    const keys = Array.from({ length: 51 }, (_, index) => `"k${index}":1`).join(',');

    expectEnvelope(await analyze(`{"plugin":"echo","args":{${keys}}}`), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { max_keys: 50 } });
  });

  it('gives the analyze routes FORGESYTE_BODY_LIMIT: a 100 kB body is read, and its args checked', async () => {
    const body = JSON.stringify({ plugin: 'echo', args: { message: 'x'.repeat(100_000) } });

    expectEnvelope(await analyze(body), 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
    expectEnvelope(await post('/v1/analyze-execution/async', body), 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
  });

  it('gives every other route FORGESYTE_SMALL_BODY_LIMIT, naming that variable', async () => {
    const response = await api.http().delete('/v1/analyze-execution/jobs/x').set('X-API-Key', ADMIN_KEY).set('Content-Type', 'application/json').send({ pad: 'x'.repeat(2000) });

    expectEnvelope(response, 413, { code: 'PAYLOAD_TOO_LARGE', type: 'ValidationError', details: { limit: '1kb' }, message: /FORGESYTE_SMALL_BODY_LIMIT/ });
  });

  it('refuses a body whose declared length is over the limit without reading it', async () => {
    const response = await analyze(JSON.stringify({ plugin: 'echo', args: { message: 'x'.repeat(300_000) } }));

    expectEnvelope(response, 413, { code: 'PAYLOAD_TOO_LARGE', type: 'ValidationError', details: { limit: '256kb' }, message: /FORGESYTE_BODY_LIMIT/ });
  });

  it('inflates a gzip body within the limit', async () => {
    const response = await analyzeBytes(gzipSync('{"plugin":"echo","args":{"message":"zipped"}}'), { 'Content-Encoding': 'gzip' });

    expect(response.body).toMatchObject({ status: 'success', result: { message: 'zipped' } });
  });

  it('refuses a gzip body that inflates past the limit', async () => {
    const bomb = gzipSync(JSON.stringify({ plugin: 'echo', args: { message: 'x'.repeat(1_000_000) } }));

    expectEnvelope(await analyzeBytes(bomb, { 'Content-Encoding': 'gzip' }), 413, { code: 'PAYLOAD_TOO_LARGE', type: 'ValidationError' });
  });
});
