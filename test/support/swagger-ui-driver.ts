/**
 * Drives Swagger UI at `<base url>/docs` in headless Chromium and prints what a user saw as one JSON line.
 *
 * Run in its own process (`node -r ts-node/register/transpile-only test/support/swagger-ui-driver.ts
 * <base url> <chromium path>`): puppeteer-core is ESM only, and jest's CommonJS runtime cannot import it.
 */

/** What the browser showed. */
export interface SwaggerUiObservation {
  /** Every operation rendered, as `GET /v1/health`. */
  readonly operations: string[];
  /** The "Try it out" → "Execute" of `GET /v1/health`: the status and body Swagger UI displays. */
  readonly health: { readonly status: string; readonly body: string; readonly requestUrl: string };
  /** URLs the page requested from another origin than the API's (Swagger UI's assets must be served locally). */
  readonly foreignRequests: string[];
  /** Uncaught errors in the page and failed requests. */
  readonly pageErrors: string[];
}

const STEP_TIMEOUT_MS = 30_000;
const HEALTH_OPERATION = '.opblock-get:has(.opblock-summary-path[data-path="/v1/health"])';

/** Opens Swagger UI, lists its operations, then runs "Try it out" → "Execute" on `GET /v1/health`. */
export async function observeSwaggerUi(baseUrl: string, executablePath: string): Promise<SwaggerUiObservation> {
  const { default: puppeteer } = await import('puppeteer-core');
  const runningAsRoot = process.getuid?.() === 0;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: runningAsRoot ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const origin = new URL(baseUrl).origin;
    const foreignRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) foreignRequests.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('requestfailed', (request) => pageErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`));

    await page.goto(`${baseUrl}/docs`, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector(HEALTH_OPERATION);
    const operations = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent ?? '?';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '?';
        return `${method.toUpperCase()} ${path}`;
      }),
    );

    // Swagger UI renders each step's button after the previous click: wait for it before clicking.
    for (const button of ['.opblock-summary-control', '.try-out__btn', '.execute']) {
      const handle = await page.waitForSelector(`${HEALTH_OPERATION} ${button}`, { visible: true });
      await handle?.click();
    }
    const responseRow = `${HEALTH_OPERATION} .live-responses-table .response`;
    await page.waitForSelector(`${responseRow} .response-col_status`);
    const health = await page.$eval(HEALTH_OPERATION, (block) => ({
      status: block.querySelector('.live-responses-table .response .response-col_status')?.textContent?.trim() ?? '',
      body: block.querySelector('.live-responses-table .response .response-col_description pre')?.textContent ?? '',
      requestUrl: block.querySelector('.request-url pre')?.textContent?.trim() ?? '',
    }));
    return { operations, health, foreignRequests, pageErrors };
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const [baseUrl, executablePath] = process.argv.slice(2);
  observeSwaggerUi(baseUrl, executablePath).then(
    (observation) => process.stdout.write(`${JSON.stringify(observation)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
