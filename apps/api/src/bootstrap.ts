import type { INestApplication, LogLevel } from '@nestjs/common';
import type { Express } from 'express';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from './api.module';
import { ApiKeyRing } from './auth/api-key-ring';
import type { ApiConfig } from './config/api-config';
import { discoverRoutes } from './http/discover-routes';
import { jsonBodyReader } from './http/json-body.middleware';
import { requestEntry } from './http/request-entry.middleware';
import { RouteIndex } from './http/route-index';
import { applyServerLimits } from './http/server-limits';

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

/**
 * The HTTP pipeline every ForgeSyte app has: the Node server's limits and client-error answers, the
 * entry middleware (request ids, the API key before the body, the checked JSON body under each route's
 * limit), shutdown hooks. Call it on an application whose modules are compiled, before `init`/`listen`.
 */
export function configureApp<T extends INestApplication>(app: T, config: ApiConfig): T {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
  applyServerLimits(app.getHttpServer() as Server, config.server);
  app.use(
    requestEntry({
      keys: app.get(ApiKeyRing),
      routes: new RouteIndex(discoverRoutes(app)),
      readBody: jsonBodyReader(config.json),
      largeBody: { bytes: config.bodyLimitBytes, label: config.bodyLimit, setting: 'FORGESYTE_BODY_LIMIT' },
      smallBody: { bytes: config.smallBodyLimitBytes, label: config.smallBodyLimit, setting: 'FORGESYTE_SMALL_BODY_LIMIT' },
    }),
  );
  app.enableShutdownHooks();
  return app;
}
