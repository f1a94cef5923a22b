import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { InternalError } from '@forgesyte/errors';
import type { Response } from 'express';
import { principalOf } from './principal-of';

/** Injects the authenticated caller of the request into a controller method. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = principalOf(context.getArgByIndex<Response>(1));
  if (principal === undefined) throw new InternalError({ cause: new Error('route has no authenticated caller') });
  return principal;
});
