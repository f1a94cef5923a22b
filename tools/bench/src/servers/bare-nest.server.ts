// Child process entry: the bare-Nest baseline. Same platform (platform-express), same Nest factory
// options (logger off, Nest's body parser off), the same express.json parser with the same size limit
// from the same loadConfig, x-powered-by off and shutdown hooks on, like the real app; no guard, pipe,
// filter, request id, job or runner. One route, same path, answering a constant JSON body.
// With BENCH_REQUEST_LOG=pino (the target "bare Nest with pino request logging"): the product's own
// process logger (nestjs-pino, JSON to stdout, which the bench drains) at `info`, and its request
// line (apps/api/src/logging/request-log.ts), as the governed app logs: what logging itself costs.
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { createProcessLogger, nestLoggerOf } from '@forgesyte/engine';
import { observeRequestEnds } from '../../../../apps/api/src/http/request-ends';
import { requestLog } from '../../../../apps/api/src/logging/request-log';
import { benchConfig } from '../bench-config';
import { CONSTANT_RESPONSE } from '../baselines/constant-response';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

@Controller('v1/analyze-execution')
class ConstantController {
  @Post()
  @HttpCode(200)
  analyze(): typeof CONSTANT_RESPONSE {
    return CONSTANT_RESPONSE;
  }
}

@Module({ controllers: [ConstantController] })
class BareModule {}

async function main(): Promise<void> {
  exitWithParent();
  const config = benchConfig();
  const log = process.env.BENCH_REQUEST_LOG === 'pino' ? createProcessLogger({ level: config.logLevel }) : undefined;
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { bodyParser: false, logger: log === undefined ? false : nestLoggerOf(log) });
  app.disable('x-powered-by');
  if (log !== undefined) observeRequestEnds(app.getHttpServer(), [requestLog(log)]);
  app.use(express.json({ limit: config.bodyLimitBytes, strict: true }));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  announceListening(app.getHttpServer());
}

main().catch(failStart);
