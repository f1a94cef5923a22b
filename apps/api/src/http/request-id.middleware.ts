import { assignRequestId } from '@forgesyte/errors';
import type { NextFunction, Request, Response } from 'express';

/** Gives every request an id (the caller's `X-Request-Id` when safe) and echoes it in the response. */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  assignRequestId(request, response);
  next();
}
