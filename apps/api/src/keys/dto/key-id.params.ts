import { Matches } from 'class-validator';

/** How a key id is spelled in a URL: a stored key's (`k` and 20 hex digits) or a bootstrap key's (`key_` and 16 hex digits). */
export const KEY_ID_PATTERN = /^(k[0-9a-f]{20}|key_[0-9a-f]{16})$/;

/** The path parameters of `/v1/keys/{id}` routes. An id that cannot exist names no key: 404. */
export class KeyIdParams {
  @Matches(KEY_ID_PATTERN, { message: 'must be a key id, as POST /v1/keys or GET /v1/keys answered it' })
  readonly id!: string;
}
