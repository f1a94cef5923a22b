import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { Response } from 'supertest';

/** A response read off a raw socket, shaped as supertest's (status, headers lower-cased, JSON body) for `expectEnvelope`. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Bytes of the body as received. */
  readonly bodyBytes: number;
  /** Milliseconds from the first byte sent to the whole response read. */
  readonly ms: number;
}

/**
 * Sends `payload` as is on a new TCP connection and reads the response until the server closes the
 * connection (or `timeoutMs`): for requests no HTTP client would send. Bytes queued by `chunks` are sent
 * `intervalMs` apart after the payload (a trickled body).
 */
export function rawExchange(
  port: number,
  payload: string | Buffer,
  options: { readonly chunks?: readonly string[]; readonly intervalMs?: number; readonly timeoutMs?: number } = {},
): Promise<RawResponse & { readonly raw: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${options.timeoutMs ?? 10_000} ms: ${Buffer.concat(received).toString().slice(0, 200)}`));
    }, options.timeoutMs ?? 10_000);
    let trickle: NodeJS.Timeout | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer: what was received is what counts
    socket.on('close', () => {
      clearTimeout(timer);
      clearInterval(trickle);
      const raw = Buffer.concat(received).toString('latin1');
      try {
        resolve({ ...parseResponse(raw), ms: performance.now() - started, raw });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.write(payload);
    const chunks = [...(options.chunks ?? [])];
    if (chunks.length > 0) {
      trickle = setInterval(() => {
        const next = chunks.shift();
        if (next === undefined || socket.destroyed) return clearInterval(trickle);
        socket.write(next);
      }, options.intervalMs ?? 100);
    }
  });
}

/**
 * One request with a real HTTP client, resolving at the response's end with the time to its status;
 * the server may close the connection while the body is still being sent (an early answer).
 */
export function timedRequest(
  port: number,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answered: RawResponse | undefined;
    // A connection of its own, kept alive (a closing client makes the server reset the connection as
    // soon as it answers), and never one a previous test left behind.
    const agent = new Agent({ keepAlive: true });
    const request = httpRequest(
      { host: '127.0.0.1', port, method, path, agent, headers: { 'Content-Type': 'application/json', ...(body ? { 'Content-Length': String(body.length) } : {}), ...headers } },
      (response) => {
        const ms = performance.now() - started;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          answered = { status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body: JSON.parse(text || 'null'), bodyBytes: Buffer.byteLength(text), ms };
          agent.destroy();
          resolve(answered);
        });
      },
    );
    // The server answered early and closed while the body was still being sent: the answer, once read, counts.
    request.on('error', (error) => setTimeout(() => (agent.destroy(), answered ? resolve(answered) : reject(error)), 100));
    request.end(body);
  });
}

/** `response` as supertest's Response, for `expectEnvelope`. */
export function asSupertest(response: RawResponse): Response {
  return response as unknown as Response;
}

function parseResponse(raw: string): Omit<RawResponse, 'ms'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response, got ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const text = Buffer.from(raw.slice(end + 4), 'latin1').toString();
  return { status: Number(statusLine.split(' ')[1]), headers, body: text === '' ? undefined : (JSON.parse(text) as unknown), bodyBytes: Buffer.byteLength(text) };
}
