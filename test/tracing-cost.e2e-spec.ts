import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './support/app-process';
import { REPO_ROOT } from './support/e2e-app';
import { waitFor } from './support/async';
import { OtlpCollector } from './support/otlp-collector';

jest.setTimeout(120_000);

interface CallReport {
  readonly status: number;
  readonly ms: number;
  readonly closeMs: number;
  readonly loaded: readonly string[];
}

/** Runs test/support/traced-call.main.ts with `env`: one governed call in a fresh process, and what it loaded. */
function tracedCall(env: Record<string, string>): Promise<CallReport> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(REPO_ROOT, 'test/support/traced-call.main.ts')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      FORGESYTE_JOB_STORE: 'memory',
      FORGESYTE_ADMIN_KEY: 'tracing-cost-admin-key-0123',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_PLUGINS: './test/fixtures/plugins/echo.plugin.js',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as CallReport) : reject(new Error(`exit ${code}: ${stderr}`)))),
  );
}

/** The packages under `@opentelemetry/` among loaded files. */
function openTelemetryPackages(loaded: readonly string[]): string[] {
  return [...new Set(loaded.flatMap((file) => /@opentelemetry\/([^/]+)/.exec(file)?.[1] ?? []))].sort();
}

describe('tracing costs nothing when off', () => {
  it.each([[{}], [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }]])(
    'loads no OpenTelemetry SDK module and no ForgeSyte tracing implementation with %j',
    async (env) => {
      const report = await tracedCall(env);

      expect(report.status).toBe(200);
      // prom-client's default process metrics require @opentelemetry/api (for exemplars) whatever tracing does: the API package only.
      expect(openTelemetryPackages(report.loaded)).toEqual(['api']);
      // The switch (tracing.module.ts) is loaded; the OpenTelemetry implementation behind it is not.
      expect(report.loaded.filter((file) => /otel-tracing\.[jt]s$/.test(file))).toEqual([]);
      expect(report.loaded.filter((file) => file.includes('apps/api/src/tracing/'))).toHaveLength(1);
    },
  );
});

describe('tracing on', () => {
  it('loads the SDK, and sends the spans still buffered when the app stops', async () => {
    const collector = await OtlpCollector.start();
    try {
      // The SDK's default batch delay (5 s) is longer than the process lives: only the flush at shutdown sends the spans.
      const report = await tracedCall({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });

      expect(report.status).toBe(200);
      expect(openTelemetryPackages(report.loaded)).toEqual(expect.arrayContaining(['api', 'exporter-trace-otlp-http', 'sdk-trace-base']));
      expect(report.loaded.filter((file) => /otel-tracing\.[jt]s$/.test(file))).toHaveLength(2);
      const names = await waitFor(async () => collector.spans.map((span) => span.name).sort(), (spans) => spans.length >= 4, 5_000);
      expect(names).toEqual(['POST /v1/analyze-execution', 'forgesyte.job', 'forgesyte.plugin_run', 'forgesyte.tool_run']);
    } finally {
      await collector.close();
    }
  });

  it('answers calls at once while the collector is down: spans are dropped, never waited for', async () => {
    const closedPort = await freePort();

    const report = await tracedCall({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}`, OTEL_BSP_SCHEDULE_DELAY: '1' });

    expect(report.status).toBe(200);
    expect(report.ms).toBeLessThan(1000);
    // The flush at shutdown gives up after 3 s rather than retry the export for the SDK's 10 s.
    expect(report.closeMs).toBeLessThan(5000);
  });
});
