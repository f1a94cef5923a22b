import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCommittedDocument, COMMITTED_DOCUMENT_PATH } from '../apps/api/src/openapi/committed-document';
import { discoverRoutes } from '../apps/api/src/http/discover-routes';
import { ADMIN_KEY, type E2eApp, FIXTURE_PLUGINS, REPO_ROOT, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { lintOpenApi } from './support/lint-openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document, read by path

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PUBLIC_OPERATIONS = ['GET /docs', 'GET /docs/{asset}', 'GET /v1/health', 'GET /v1/health/ready', 'GET /v1/openapi.json'];

function operations(document: Json): Array<{ id: string; operation: Json }> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({ id: `${method.toUpperCase()} ${path}`, operation: item[method] as Json })),
  );
}

describe('GET /v1/openapi.json and /docs', () => {
  let api: E2eApp;
  let generic: Json;
  let full: Json;

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: [...FIXTURE_PLUGINS, './test/fixtures/plugins/init-leaks.plugin.js', './test/fixtures/plugins/broken-import.plugin.js'].join(','),
    });
    generic = (await api.http().get('/v1/openapi.json')).body as Json;
    full = (await api.http().get('/v1/openapi.json').set('X-API-Key', USER_KEY)).body as Json;
  });
  afterAll(() => api.close());

  it('serves the generic OpenAPI 3.1 document to anyone, as JSON with a request id', async () => {
    const response = await api.http().get('/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(response.body).toMatchObject({ openapi: '3.1.0', info: { title: 'ForgeSyte API' } });
  });

  it('states the API version of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(generic.info.version).toBe(pkg.version);
  });

  it('names no plugin in the generic document: args and results are plain values', () => {
    const text = JSON.stringify(generic);
    expect(generic.components.schemas.AnalyzeRequest.oneOf).toBeUndefined();
    expect(generic.components.schemas.AnalyzeRequest.properties.args).toEqual(expect.objectContaining({ type: 'object' }));
    expect(generic.components.schemas.SyncResultResponse.properties.result).toEqual({ description: expect.any(String) });
    expect(Object.keys(generic.components.schemas).filter((name) => name.includes('.'))).toEqual([]);
    expect(text).not.toContain('"echo"');
  });

  it('names no loaded plugin anywhere in the generic document, examples included', async () => {
    const listed = (await api.http().get('/v1/plugins').set('X-API-Key', ADMIN_KEY)).body as { plugins: Array<{ name: string }> };
    const names = listed.plugins.map((plugin) => plugin.name).filter((name) => /^[a-z][a-z0-9-]*$/.test(name));
    const text = JSON.stringify(generic);

    expect(names).toEqual(expect.arrayContaining(['echo', 'image-inspect', 'motion-detect', 'ocr']));
    expect(names.filter((name) => new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text))).toEqual([]);
  });

  it('serves the full document to a key with plugins:read, with every tool of every plugin that can run', async () => {
    const detail = (await api.http().get('/v1/plugins/echo').set('X-API-Key', USER_KEY)).body as Json;
    const schemas = full.components.schemas as Json;

    expect(schemas['echo.echo.input']).toEqual(detail.tools[0].input_schema);
    expect(schemas['echo.echo.output']).toEqual(detail.tools[0].output_schema);
    const branches = (schemas.AnalyzeRequest.oneOf as Json[]).map((branch) => `${branch.properties.plugin.const} ${branch.properties.tool.const} ${branch.required.join('+')}`);
    expect(branches).toEqual(expect.arrayContaining(['echo echo plugin', 'echo shout plugin+tool', 'image-inspect metadata plugin', 'image-inspect metadata plugin+image+mime_type']));
    expect(schemas.AnalyzeRequest.oneOf[0].properties.args).toEqual({ $ref: '#/components/schemas/image-inspect.metadata.input' });
    expect(schemas.SyncResultResponse.properties.result.anyOf).toContainEqual({ $ref: '#/components/schemas/echo.shout.output' });
    expect(schemas.JobOutcomeResponse.properties.result.anyOf).toContainEqual({ $ref: '#/components/schemas/ocr.extract_text.output' });
  });

  it('leaves out the plugins that cannot run, and shows no reason, path or secret', () => {
    const text = JSON.stringify(full);

    for (const unavailable of ['init-throws', 'bad-schema', 'init-leaks', 'broken-import']) expect(text).not.toContain(`"${unavailable}`);
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toMatch(/fixtures|hunter2|SECRET123|model file missing/);
  });

  it('answers an unknown key UNAUTHENTICATED rather than quietly serving the generic document', async () => {
    const response = await api.http().get('/v1/openapi.json').set('Authorization', 'Bearer not-a-key');

    expectEnvelope(response, 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
  });

  it.each([
    ['an Authorization header of another scheme (Basic, from a proxy)', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty X-API-Key', { 'X-API-Key': '' }],
    ['an empty Authorization', { Authorization: '' }],
  ])('serves the generic document to a request with %s: it presents no key', async (_, headers) => {
    const response = await api.http().get('/v1/openapi.json').set(headers);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(generic);
  });

  it('tells caches that the document depends on the key, and to revalidate it', async () => {
    for (const response of [await api.http().get('/v1/openapi.json'), await api.http().get('/v1/openapi.json').set('X-API-Key', USER_KEY)]) {
      expect(response.headers.vary).toBe('X-API-Key, Authorization');
      expect(response.headers['cache-control']).toBe('private, no-cache');
    }
  });

  it('serves the admin key the same full document', async () => {
    const response = await api.http().get('/v1/openapi.json').set('X-API-Key', ADMIN_KEY);

    expect(response.body).toEqual(full);
  });

  it.each([
    ['generic', () => generic],
    ['full', () => full],
  ])('is a valid OpenAPI 3.1 document for Redocly (%s variant)', (_, document) => {
    const errors = lintOpenApi(JSON.stringify(document())).filter((problem) => problem.severity === 'error');

    expect(errors).toEqual([]);
  });

  it('documents every route the controllers declare, and only those', () => {
    const declared = discoverRoutes(api.app).map((route) => `${route.method} ${route.path.replace(/:([^/]+)/g, '{$1}')}`);

    expect(operations(generic).map((op) => op.id).sort()).toEqual([...new Set(declared)].sort());
  });

  it('documents the two security schemes, and a key on every route but the public ones', () => {
    expect(generic.components.securitySchemes).toEqual({
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    for (const { id, operation } of operations(generic)) {
      const needsKey = !PUBLIC_OPERATIONS.includes(id);
      expect({ id, security: operation.security }).toEqual({
        id,
        security: needsKey ? [{ 'api-key': [] }, { bearer: [] }] : id === 'GET /v1/openapi.json' ? [{}, { 'api-key': [] }, { bearer: [] }] : [],
      });
    }
  });

  it('documents for every route behind a key the envelope on 400, 401, 403 and 413, with an example', () => {
    for (const { id, operation } of operations(generic).filter(({ id: name }) => !PUBLIC_OPERATIONS.includes(name))) {
      for (const status of ['400', '401', '403', '413']) {
        const content = operation.responses[status]?.content?.['application/json'];
        // /mcp also answers a 400 as a JSON-RPC error (the MCP transport's own refusals): the envelope or that.
        const envelope = { $ref: '#/components/schemas/ErrorEnvelopeResponse' };
        expect({ id, status, schema: content?.schema, code: content?.example?.error?.code }).toEqual({
          id,
          status,
          schema: id.endsWith(' /mcp') && status === '400' ? { oneOf: [envelope, expect.objectContaining({ required: ['jsonrpc', 'error'] })] } : envelope,
          code: expect.any(String),
        });
      }
    }
  });

  it('documents X-Request-Id on every response, Retry-After on 429 and 503, Location on a 202 that made a job, and an operation id and example each', () => {
    for (const { id, operation } of operations(generic)) {
      expect({ id, operationId: operation.operationId }).toEqual({ id, operationId: expect.any(String) });
      // MCP's 202 accepts a JSON-RPC notification or response: nothing is made that a Location could name.
      const madeJob = (status: string): boolean => status === '202' && !id.endsWith(' /mcp');
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        expect({ id, status, headers: Object.keys(response.headers) }).toEqual({
          id,
          status,
          headers: expect.arrayContaining(['X-Request-Id', ...(status === '429' || status === '503' ? ['Retry-After'] : []), ...(madeJob(status) ? ['Location'] : [])]),
        });
      }
      const examples = Object.values(operation.responses as Json).flatMap((response) => Object.values((response.content ?? {}) as Json).filter((media) => media.example !== undefined));
      expect({ id, examples: examples.length > 0 }).toEqual({ id, examples: true });
    }
    expect(Object.keys(generic.paths['/v1/analyze-execution'].post.responses).sort()).toEqual(['200', '400', '401', '403', '408', '413', '417', '429', '431', '503']);
    expect(Object.keys(generic.paths['/v1/analyze-execution/async'].post.responses).sort()).toEqual(['202', '400', '401', '403', '408', '409', '413', '417', '429', '431', '503']);
  });

  it('serves Swagger UI at /docs without a key, its assets from the installed package', async () => {
    const page = await api.http().get('/docs');

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const assets = [...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toHaveLength(7);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/docs\/[a-z0-9.-]+$/);
      const response = await api.http().get(asset);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
    }
    expect((await api.http().get('/docs/swagger-initializer.js')).text).toContain("url: '/v1/openapi.json'");
  });

  it('answers an asset the page does not have with the 404 envelope, also for a path that climbs out', async () => {
    expectEnvelope(await api.http().get('/docs/index.html'), 404, { code: 'ROUTE_NOT_FOUND', type: 'NotFoundError' });
    expectEnvelope(await api.http().get('/docs/..%2Fpackage.json'), 404, { code: 'ROUTE_NOT_FOUND', type: 'NotFoundError' });
  });

  it('lets caches keep an asset for an hour, but not a 404', async () => {
    expect((await api.http().get('/docs/swagger-ui.css')).headers['cache-control']).toBe('public, max-age=3600');
    const missing = await api.http().get('/docs/nothing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toMatch(/max-age/);
  });
});

describe(COMMITTED_DOCUMENT_PATH, () => {
  it('is the document of the shipped plugins as the code builds it now', async () => {
    const committed = readFileSync(join(REPO_ROOT, COMMITTED_DOCUMENT_PATH), 'utf8');
    const built = await buildCommittedDocument();

    if (built !== committed) throw new Error(`${COMMITTED_DOCUMENT_PATH} is stale: run \`npm run openapi\` and commit the result.`);
  });
});
