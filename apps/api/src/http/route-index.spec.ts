import { RouteIndex } from './route-index';

describe(RouteIndex.name, () => {
  const index = new RouteIndex([
    { method: 'GET', path: '/v1/health', isPublic: true, largeBody: false },
    { method: 'POST', path: '/v1/analyze-execution', isPublic: false, largeBody: true },
    { method: 'POST', path: '/v1/plugins/:name/run', isPublic: false, largeBody: true },
    { method: 'GET', path: '/v1/plugins', isPublic: false, largeBody: false },
  ]);

  it('finds a public route', () => {
    expect(index.policyOf('GET', '/v1/health')).toEqual({ isPublic: true, largeBody: false });
  });

  it('matches as Express does: any case, a trailing slash, HEAD on a GET route', () => {
    for (const [method, path] of [['GET', '/V1/Health'], ['GET', '/v1/health/'], ['HEAD', '/v1/health']]) {
      expect(index.policyOf(method, path).isPublic).toBe(true);
    }
  });

  it('gives another method on a public path the default policy', () => {
    expect(index.policyOf('POST', '/v1/health')).toEqual({ isPublic: false, largeBody: false });
  });

  it('finds a large-body route, with parameters too', () => {
    expect(index.policyOf('POST', '/v1/analyze-execution').largeBody).toBe(true);
    expect(index.policyOf('POST', '/v1/plugins/ocr/run').largeBody).toBe(true);
    expect(index.policyOf('POST', '/v1/plugins/ocr/extra/run').largeBody).toBe(false);
  });

  it('gives unknown routes the default policy: a key and a small body', () => {
    expect(index.policyOf('GET', '/v2/anything')).toEqual({ isPublic: false, largeBody: false });
    expect(index.policyOf('POST', '/v1/analyze-execution/other')).toEqual({ isPublic: false, largeBody: false });
  });

  it('refuses a public route with a wildcard, which it could not match', () => {
    expect(() => new RouteIndex([{ method: 'GET', path: '/files/*path', isPublic: true, largeBody: false }])).toThrow(/has a wildcard/);
  });
});
