import { createApp } from './bootstrap';
import { ConfigError, exitAfterShutdownDeadline } from '@forgesyte/engine';
import { loadConfig } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  exitAfterShutdownDeadline(config.shutdownGraceMs);
  await app.listen(config.port, config.host);
  process.stdout.write(`ForgeSyte API listening on http://${config.host}:${config.port}\n`);
  if (config.adminKeyGenerated) {
    process.stdout.write(
      `Generated admin API key (shown once; set FORGESYTE_ADMIN_KEY to choose your own):\n  FORGESYTE_ADMIN_KEY=${config.adminKey}\n`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Invalid configuration: ${error.message}` : String(error);
  process.stderr.write(`ForgeSyte failed to start: ${message}\n`);
  process.exit(1);
});
