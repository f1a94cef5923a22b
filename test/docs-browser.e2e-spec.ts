import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findChromium } from './support/chromium';
import { type E2eApp, REPO_ROOT, startApp } from './support/e2e-app';
import type { SwaggerUiObservation } from './support/swagger-ui-driver';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Runs the Swagger UI driver in its own process (puppeteer-core is ESM only) against `baseUrl`. */
async function observeSwaggerUi(baseUrl: string, chromium: string): Promise<SwaggerUiObservation> {
  const driver = join(REPO_ROOT, 'test/support/swagger-ui-driver.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', driver, baseUrl, chromium],
    { cwd: REPO_ROOT, env: { ...process.env, TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json') }, timeout: 120_000 },
  );
  return JSON.parse(stdout) as SwaggerUiObservation;
}

describe('Swagger UI at /docs in headless Chromium', () => {
  let api: E2eApp;
  let seen: SwaggerUiObservation;

  beforeAll(async () => {
    const chromium = findChromium();
    api = await startApp();
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    seen = await observeSwaggerUi(`http://127.0.0.1:${port}`, chromium);
  }, 150_000);
  afterAll(() => api?.close());

  it('renders every operation of the public document, the analyze and jobs operations among them', async () => {
    const document = (await api.http().get('/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect([...seen.operations].sort()).toEqual(documented.sort());
    expect(seen.operations).toEqual(
      expect.arrayContaining([
        'POST /v1/analyze-execution',
        'POST /v1/analyze-execution/async',
        'GET /v1/analyze-execution/jobs',
        'GET /v1/analyze-execution/jobs/{job_id}',
        'GET /v1/health',
      ]),
    );
  });

  it('shows the 200 and the health body after "Try it out" and "Execute" on GET /v1/health', () => {
    expect(seen.health.requestUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/health$/);
    expect(seen.health.status).toBe('200');
    expect(JSON.parse(seen.health.body)).toEqual({ status: 'ok', uptime_seconds: expect.any(Number) });
  });

  it('loads every asset from the API itself (no CDN) without a page error or a failed request', () => {
    expect(seen.foreignRequests).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });
});
