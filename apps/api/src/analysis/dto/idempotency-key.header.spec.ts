import { RequestInvalidError } from '@forgesyte/errors';
import { DtoCheck } from '../../validation/dto-check';
import { IdempotencyKeyHeader } from './idempotency-key.header';

const header = new DtoCheck('header', IdempotencyKeyHeader);

describe(IdempotencyKeyHeader.name, () => {
  it.each([['order-42'], ['0b9e6a4e-2c1d-4f7a-9d55-0d6b7c8e9f10'], ['k'.repeat(255)], ['~!#']])('accepts the key %s', (key) => {
    expect(header.check({ 'idempotency-key': key })['idempotency-key']).toBe(key);
  });

  it.each([['an empty key', ''], ['a space', 'has space'], ['256 characters', 'k'.repeat(256)], ['10 kB', 'k'.repeat(10_000)], ['non-ASCII', 'clé']])(
    'refuses %s with REQUEST_INVALID saying what a key must be',
    (_, key) => {
      expect(() => header.check({ 'idempotency-key': key })).toThrow(
        new RequestInvalidError(
          'The request header is invalid: /idempotency-key must be 1 to 255 visible ASCII characters (no spaces), such as a UUID; see details.violations.',
        ),
      );
    },
  );
});
