import type { LoggerService } from '@nestjs/common';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * nestjs-pino's PinoLogger bound to one root logger. nestjs-pino's own reads a request-scoped logger
 * from an AsyncLocalStorage on every line; ForgeSyte does not run one (it turns on promise hooks in
 * the whole process, costing tens of µs per request), and puts ids on its lines itself.
 */
class RootPinoLogger extends PinoLogger {
  constructor(private readonly root: Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Logger {
    return this.root;
  }
}

/**
 * The Nest logger of a process, writing through `root`: hand it to `NestFactory` (`logger`), and every
 * `new Logger(context)` of the libs writes pino lines carrying `context`; an object message's fields
 * become the line's fields (`{ msg, job_id, plugin }`).
 */
export function nestLoggerOf(root: Logger): LoggerService {
  return new PinoNestLogger(new RootPinoLogger(root), {});
}
