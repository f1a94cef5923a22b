import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import type { Request } from 'express';

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** Injects the optional `Idempotency-Key` header, checked to be 1 to 255 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.getArgByIndex<Request>(0).headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !VALID_KEY.test(value)) {
    throw new RequestInvalidError('Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID.');
  }
  return value;
});
