import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { createProcessLogger, nestLoggerOf, PrometheusMetrics } from '@forgesyte/engine';
import { Tracing } from '@forgesyte/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream, Logger } from 'pino';
import { ApiModule } from './api.module';
import { ApiKeyRing } from './auth/api-key-ring';
import type { ApiConfig } from './config/api-config';
import { discoverRoutes } from './http/discover-routes';
import { jsonBodyReader } from './http/json-body.middleware';
import { JsonReplyExpressAdapter } from './http/json-reply.adapter';
import { requestEntry } from './http/request-entry.middleware';
import { RouteIndex } from './http/route-index';
import { applyServerLimits } from './http/server-limits';
import { observeRequestEnds, type RequestEndObserver } from './http/request-ends';
import { httpRequestDurations } from './metrics/http-request-metrics';
import { requestLog } from './logging/request-log';
import { traceHttpRequests } from './tracing/http-request-spans';
import { OpenApiDocuments } from './openapi/openapi-documents.service';
import { KeyRateLimits } from './rate-limit/key-rate-limits';
import { buildRouteDocument } from './openapi/route-document';

/**
 * Options of {@link createApp} that are not configuration: where its log lines go (stdout unless a
 * `destination` is given, from `config.logLevel`), or `false` for none at all.
 */
export interface CreateAppOptions {
  readonly log?: false | { readonly destination?: DestinationStream };
}

/**
 * Builds the API application (not yet listening) exactly as `npm start` runs it. Create it with
 * `bodyParser: false`: {@link configureApp} installs the body parser.
 */
export async function createApp(config: ApiConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const log = options.log === false ? undefined : createProcessLogger({ level: config.logLevel, destination: options.log?.destination });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, log), new JsonReplyExpressAdapter(), {
    bodyParser: false,
    logger: log === undefined ? false : nestLoggerOf(log),
    // A failure while starting (a corrupt jobs database, an unreachable Redis) reaches main's catch,
    // which prints it once and exits 1, instead of Nest exiting from inside.
    abortOnError: false,
  });
  return configureApp(app, config, log);
}

/**
 * The HTTP pipeline every ForgeSyte app has: the Node server's limits and client-error answers, the
 * entry middleware (request ids, the API key before the body, the checked JSON body under each route's
 * limit), shutdown hooks; with a `log`, a line per request (when its level writes `info` lines). Call it on
 * an application whose modules are compiled, before `init`/`listen`.
 */
export function configureApp<T extends INestApplication>(app: T, config: ApiConfig, log?: Logger): T {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
  applyServerLimits(app.getHttpServer() as Server, config.server);
  const requestEnds: RequestEndObserver[] = [httpRequestDurations(app.get(PrometheusMetrics).registry)];
  if (log?.isLevelEnabled('info')) requestEnds.push(requestLog(log));
  observeRequestEnds(app.getHttpServer() as Server, requestEnds);
  const tracing = app.get(Tracing);
  if (tracing.enabled) traceHttpRequests(app.getHttpServer() as Server, tracing);
  app.use(
    requestEntry({
      keys: app.get(ApiKeyRing),
      rateLimits: app.get(KeyRateLimits),
      routes: new RouteIndex(discoverRoutes(app)),
      readBody: jsonBodyReader(config.json),
      largeBody: { bytes: config.bodyLimitBytes, label: config.bodyLimit, setting: 'FORGESYTE_BODY_LIMIT' },
      smallBody: { bytes: config.smallBodyLimitBytes, label: config.smallBodyLimit, setting: 'FORGESYTE_SMALL_BODY_LIMIT' },
    }),
  );
  // Read from the controllers' metadata now; the tools are added once the plugins have loaded.
  app.get(OpenApiDocuments).useRoutes(buildRouteDocument(app));
  app.enableShutdownHooks();
  return app;
}
