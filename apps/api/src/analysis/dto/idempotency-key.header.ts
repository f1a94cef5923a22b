import { IsString, Matches } from 'class-validator';

const KEY_RULE = 'must be 1 to 255 visible ASCII characters (no spaces), such as a UUID';

/** What an idempotency key is: 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header of `POST /v1/analyze-execution/async`, as Node names it (lower case). */
export class IdempotencyKeyHeader {
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: KEY_RULE })
  @IsString({ message: `${KEY_RULE}, sent once` })
  readonly 'idempotency-key'!: string;
}
