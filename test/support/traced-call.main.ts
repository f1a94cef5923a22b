// Boots the real API in this process from the environment (as main.ts does), makes one governed call,
// stops the app, and prints one JSON line: the call's status and duration, how long closing took, and the OpenTelemetry
// modules and ForgeSyte tracing files Node loaded. Run by test/tracing-cost.e2e-spec.ts in a child process,
// where require.cache is Node's own (jest keeps a registry of its own).
import type { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/load-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config, { log: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const startedAt = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/v1/analyze-execution`, {
    method: 'POST',
    headers: { 'X-API-Key': config.adminKey ?? '', 'Content-Type': 'application/json' },
    body: JSON.stringify({ plugin: 'echo', tool: 'echo', args: { message: 'hi' } }),
  });
  const ms = performance.now() - startedAt;
  await response.text();
  const loaded = Object.keys(require.cache).filter((file) => file.includes('@opentelemetry') || file.includes('/tracing/'));
  const closingAt = performance.now();
  await app.close();
  const closeMs = performance.now() - closingAt;
  process.stdout.write(`${JSON.stringify({ status: response.status, ms, closeMs, loaded })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
