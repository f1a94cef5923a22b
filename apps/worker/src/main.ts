import { NestFactory } from '@nestjs/core';
import { ConfigError, createProcessLogger, exitAfterShutdownDeadline, loadEngineConfig, nestLoggerOf } from '@forgesyte/engine';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadEngineConfig(process.env);
  if (config.jobStore !== 'redis') {
    throw new ConfigError(
      'FORGESYTE_JOB_STORE',
      `must be 'redis' for a worker (got '${config.jobStore}'): workers take jobs from a Redis queue the API fills. Set FORGESYTE_JOB_STORE=redis and REDIS_URL on the API and on every worker.`,
    );
  }
  const log = createProcessLogger({ level: config.logLevel });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, log), {
    logger: nestLoggerOf(log),
    // A failure while starting (Redis unreachable, a plugin that cannot load) reaches the catch below.
    abortOnError: false,
  });
  app.enableShutdownHooks();
  exitAfterShutdownDeadline(config.shutdownGraceMs);
  process.stdout.write(`ForgeSyte worker running jobs from the Redis queue, ${config.maxConcurrency} at a time\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Invalid configuration: ${error.message}` : String(error);
  process.stderr.write(`ForgeSyte worker failed to start: ${message}\n`);
  process.exit(1);
});
