import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { buildEnvelope, errorMessageOf, InternalError, isRedacted } from '@forgesyte/errors';
import type { Request, Response } from 'express';
import { endJson, isConditionalMethod } from '../http/json-answer';
import { assignRequestId } from '../http/request-id';
import { httpStatusOf, retryAfterSecondsOf } from './http-status';
import { toForgeSyteError } from './to-forgesyte-error';

/**
 * The one place an error becomes an HTTP response: every exception from every route, guard, pipe,
 * middleware and the framework's own 404 leaves as the envelope. Register it with `APP_FILTER`.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = assignRequestId(request, response);
    const error = toForgeSyteError(exception, request);

    if (error instanceof InternalError) {
      this.logger.error(`request ${requestId} ${request.method} ${request.path} failed`, describe(error.cause));
    }
    if (error.jobId !== undefined && isRedacted(error.message)) {
      // The full message was logged with the job id where the error was made: tie the request to it.
      this.logger.warn(`request ${requestId} ${request.method} ${request.path}: job ${error.jobId} failed with ${error.code}; redacted for the caller`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    // Before any route matched (middleware, the framework's 404) there are no path parameters.
    const status = httpStatusOf(error, request.params);
    const retryAfterSeconds = retryAfterSecondsOf(error, status);
    if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
    // RFC 9110: a 401 names how to authenticate (MCP clients read it).
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="forgesyte"');
    const envelope = buildEnvelope(error, requestId);
    // Only answers to GET and HEAD carry an ETag, errors included (docs/decisions.md).
    if (isConditionalMethod(request.method)) response.status(status).json(envelope);
    else endJson(response, envelope, status);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error && cause.stack !== undefined ? cause.stack : errorMessageOf(cause);
}
