import type { INestApplication, LogLevel } from '@nestjs/common';
import type { Express } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from './api.module';
import type { ApiConfig } from './config/api-config';
import { requestEntry } from './http/request-entry.middleware';

/** Options of {@link createApp} that are not configuration: how chatty the app is. */
export interface CreateAppOptions {
  readonly logLevels?: LogLevel[] | false;
}

/**
 * Builds the API application (not yet listening) exactly as `npm start` runs it. Create it with
 * `bodyParser: false`: {@link configureApp} installs the body parser.
 */
export async function createApp(config: ApiConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    logger: options.logLevels ?? ['log', 'warn', 'error'],
    // A failure while starting (a corrupt jobs database, an unreachable Redis) reaches main's catch,
    // which prints it once and exits 1, instead of Nest exiting from inside.
    abortOnError: false,
  });
  return configureApp(app, config);
}

/** The HTTP pipeline every ForgeSyte app has: request ids, the checked JSON body parser, shutdown hooks. */
export function configureApp<T extends INestApplication>(app: T, config: ApiConfig): T {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
  app.use(requestEntry(config.bodyLimitBytes, config.bodyLimit));
  app.enableShutdownHooks();
  return app;
}
