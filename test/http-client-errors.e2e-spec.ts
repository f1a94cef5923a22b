import { type AddressInfo, connect, type Socket } from 'node:net';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { asSupertest, rawExchange } from './support/raw-http';

jest.setTimeout(30_000);

/**
 * What Node's HTTP parser refuses before a request reaches the app, over raw sockets: every case that
 * can still be answered gets the error envelope, with Node's status, and the connection closed.
 */
describe('requests Node refuses are answered with the error envelope', () => {
  let api: E2eApp;
  let port: number;
  const exchange = (payload: string | Buffer, options?: Parameters<typeof rawExchange>[2]) => rawExchange(port, payload, options);

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_REQUEST_TIMEOUT_MS: '1000', FORGESYTE_HEADERS_TIMEOUT_MS: '1000' });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(async () => {
    expect((await exchange('GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });
  afterAll(() => api.close());

  it.each([
    ['a header of 70 kB', 70_000],
    ['a header just past the 16 kB limit', 17_000],
  ])('answers %s with 431 and the envelope, the connection closed cleanly', async (_, size) => {
    const response = await exchange(`GET /v1/plugins HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\nX-Big: ${'a'.repeat(size)}\r\n\r\n`);

    expectEnvelope(asSupertest(response), 431, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /headers are larger than the server accepts/ });
    expect(response.headers.connection).toBe('close');
  });

  it.each([
    ['an unknown method FOO', 'FOO /v1/health HTTP/1.1\r\nHost: x\r\n\r\n', /method is not an HTTP method/],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', /could not be read/],
    ['a request line with a bad version', 'GET /v1/health HTTP/X\r\nHost: x\r\n\r\n', /could not be read/],
    ['a request line with a space in the path', 'GET /v1/he alth HTTP/1.1\r\nHost: x\r\n\r\n', /could not be read/],
    ['a control byte in a header', 'GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n', /could not be read/],
    ['a control byte in a header name', 'GET /v1/health HTTP/1.1\r\nHost: x\r\nX-B\u0007ad: ab\r\n\r\n', /character headers may not hold/],
    [
      'conflicting Transfer-Encoding and Content-Length',
      'POST /v1/analyze-execution HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      /Transfer-Encoding/,
    ],
    ['a Content-Length given twice', 'POST /v1/analyze-execution HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}', /could not be read/],
    ['a bad chunk size', `POST /v1/analyze-execution HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`, /could not be read/],
  ])('answers %s with 400 REQUEST_INVALID', async (_, payload, message) => {
    const response = await exchange(payload);

    expectEnvelope(asSupertest(response), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message });
    expect(response.headers.connection).toBe('close');
  });

  it('answers CONNECT, which Node drops without a word, with 400 REQUEST_INVALID', async () => {
    const response = await exchange('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');

    expectEnvelope(asSupertest(response), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /CONNECT is not supported/ });
  });

  it('answers an Expect other than 100-continue, which Node answers with a bare 417, with 417 and the envelope', async () => {
    const response = await exchange(`GET /v1/plugins HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\nExpect: foo\r\nConnection: close\r\n\r\n`);

    expectEnvelope(asSupertest(response), 417, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /Expect header 'foo' cannot be met/ });
  });

  it('answers a trickled body with 408 and the envelope once the request timeout passes, with the request id already assigned', async () => {
    const head = `POST /v1/analyze-execution HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\nX-Request-Id: slow-body-1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`;
    const response = await exchange(head, { chunks: Array.from({ length: 50 }, () => ' '), intervalMs: 100 });

    expectEnvelope(asSupertest(response), 408, { code: 'REQUEST_INVALID', type: 'ValidationError', retryable: true, message: /not received in full in time/ });
    expect(response.headers['x-request-id']).toBe('slow-body-1');
    expect(response.ms).toBeGreaterThan(900);
    expect(response.ms).toBeLessThan(4000);
  });

  it('answers headers trickled past the headers timeout with 408 and the envelope', async () => {
    const response = await exchange('GET /v1/health HTTP/1.1\r\nHost: x\r\n', { chunks: Array.from({ length: 50 }, (_, index) => `X-Slow-${index}: a\r\n`), intervalMs: 100 });

    expectEnvelope(asSupertest(response), 408, { code: 'REQUEST_INVALID', type: 'ValidationError' });
    expect(response.ms).toBeLessThan(4000);
  });
});

describe('the connection cap', () => {
  let api: E2eApp;
  let port: number;

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_MAX_CONNECTIONS: '2' });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  it('closes connections past FORGESYTE_MAX_CONNECTIONS at once, and serves again once some close', async () => {
    const held = await Promise.all([1, 2].map(() => openSocket(port)));

    await expect(rawExchange(port, 'GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: 5000 })).rejects.toThrow(/no HTTP response/);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rawExchange(port, 'GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });
});

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
