import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DtoCheck } from '../validation/dto-check';
import { IdempotencyKeyHeader } from './dto/idempotency-key.header';

const HEADER = new DtoCheck('header', IdempotencyKeyHeader);

/** Injects the optional `Idempotency-Key` header, checked by {@link IdempotencyKeyHeader} (`REQUEST_INVALID`). */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.getArgByIndex<Request>(0).headers['idempotency-key'];
  return value === undefined ? undefined : HEADER.check({ 'idempotency-key': value })['idempotency-key'];
});
