import type { Request, Response } from 'express';
import { assignRequestId, REQUEST_ID_HEADER } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The parts of an express response the function touches. */
class FakeResponse {
  headersSent = false;
  readonly headers = new Map<string, string>();

  setHeader(name: string, value: string): this {
    this.headers.set(name, value);
    return this;
  }
}

function requestWith(headers: Record<string, string | string[]>): Request {
  return { headers } as unknown as Request;
}

function asResponse(response: FakeResponse): Response {
  return response as unknown as Response;
}

describe('assignRequestId', () => {
  it.each([['abc-123'], ['trace.id:7_x'], ['A'.repeat(128)], ['0af7651916cd43dd8448eb211c80319c']])(
    'keeps the safe caller id %s',
    (offered) => {
      expect(assignRequestId(requestWith({ 'x-request-id': offered }), asResponse(new FakeResponse()))).toBe(offered);
    },
  );

  it.each([['has space'], ['<script>'], ['A'.repeat(129)], [''], ['line\nbreak'], ['ünïcode']])(
    'replaces the unsafe caller id %j with a new UUID',
    (offered) => {
      const id = assignRequestId(requestWith({ 'x-request-id': offered }), asResponse(new FakeResponse()));

      expect(id).not.toBe(offered);
      expect(id).toMatch(UUID);
    },
  );

  it('replaces a repeated request id header with a new UUID', () => {
    expect(assignRequestId(requestWith({ 'x-request-id': ['a', 'b'] }), asResponse(new FakeResponse()))).toMatch(UUID);
  });

  it('makes a new UUID when the caller sends none', () => {
    expect(assignRequestId(requestWith({}), asResponse(new FakeResponse()))).toMatch(UUID);
  });

  it('gives two requests without ids different ids', () => {
    const first = assignRequestId(requestWith({}), asResponse(new FakeResponse()));

    expect(assignRequestId(requestWith({}), asResponse(new FakeResponse()))).not.toBe(first);
  });

  it('echoes the id in the X-Request-Id response header', () => {
    const response = new FakeResponse();

    const id = assignRequestId(requestWith({ 'x-request-id': 'abc-123' }), asResponse(response));

    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(id);
  });

  it('returns the same id every time it is asked about the same request', () => {
    const request = requestWith({});
    const first = assignRequestId(request, asResponse(new FakeResponse()));

    expect(assignRequestId(request, asResponse(new FakeResponse()))).toBe(first);
  });

  it('sets no header once the response headers were sent', () => {
    const response = new FakeResponse();
    response.headersSent = true;

    assignRequestId(requestWith({}), asResponse(response));

    expect(response.headers.size).toBe(0);
  });
});
