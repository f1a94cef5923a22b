import type { Request } from 'express';
import { FakeResponse } from '../testing/fake-response';
import { assignRequestId, REQUEST_ID_HEADER } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function requestWith(headers: Record<string, string | string[]>): Request {
  return { headers } as unknown as Request;
}

describe('assignRequestId', () => {
  it.each([['abc-123'], ['trace.id:7_x'], ['A'.repeat(128)], ['0af7651916cd43dd8448eb211c80319c']])(
    'keeps the safe caller id %s',
    (offered) => {
      expect(assignRequestId(requestWith({ 'x-request-id': offered }), new FakeResponse().asResponse())).toBe(offered);
    },
  );

  it.each([['has space'], ['<script>'], ['A'.repeat(129)], [''], ['line\nbreak'], ['ünïcode']])(
    'replaces the unsafe caller id %j with a new UUID',
    (offered) => {
      const id = assignRequestId(requestWith({ 'x-request-id': offered }), new FakeResponse().asResponse());

      expect(id).not.toBe(offered);
      expect(id).toMatch(UUID);
    },
  );

  it('replaces a repeated request id header with a new UUID', () => {
    expect(assignRequestId(requestWith({ 'x-request-id': ['a', 'b'] }), new FakeResponse().asResponse())).toMatch(UUID);
  });

  it('makes a new UUID when the caller sends none', () => {
    expect(assignRequestId(requestWith({}), new FakeResponse().asResponse())).toMatch(UUID);
  });

  it('gives two requests without ids different ids', () => {
    const first = assignRequestId(requestWith({}), new FakeResponse().asResponse());

    expect(assignRequestId(requestWith({}), new FakeResponse().asResponse())).not.toBe(first);
  });

  it('echoes the id in the X-Request-Id response header', () => {
    const response = new FakeResponse();

    const id = assignRequestId(requestWith({ 'x-request-id': 'abc-123' }), response.asResponse());

    expect(response.getHeader(REQUEST_ID_HEADER)).toBe(id);
  });

  it('returns the same id every time it is asked about the same response', () => {
    const request = requestWith({});
    const response = new FakeResponse().asResponse();
    const first = assignRequestId(request, response);

    expect(assignRequestId(request, response)).toBe(first);
  });

  it('sets no header once the response headers were sent', () => {
    const response = new FakeResponse();
    response.headersSent = true;

    assignRequestId(requestWith({}), response.asResponse());

    expect(response.headers.size).toBe(0);
  });
});
