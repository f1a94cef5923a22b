import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How every stored key begins: easy to find for secret scanners and for the API's key ring. */
export const KEY_PREFIX = 'fsk_';
/** `k` and 20 hex digits (80 random bits). */
const ID_PATTERN = /^k[0-9a-f]{20}$/;
const ID_LENGTH = 21;
/** 32 random bytes, base64url without padding. */
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43;
/** `fsk_` + id + `_` + secret. */
const KEY_LENGTH = KEY_PREFIX.length + ID_LENGTH + 1 + SECRET_LENGTH;
const SECRET_START = KEY_PREFIX.length + ID_LENGTH + 1;

/** A presented key taken apart: the public id and the secret. */
export interface PresentedKey {
  readonly id: string;
  readonly secret: string;
}

/** A new, random key id. */
export function newKeyId(): string {
  return `k${randomBytes(10).toString('hex')}`;
}

/** Whether `id` has the shape of a key id (it may still name no key). */
export function isKeyId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** A new, random secret: 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** The key a caller presents: `fsk_<id>_<secret>`. */
export function formatKey(id: string, secret: string): string {
  return `${KEY_PREFIX}${id}_${secret}`;
}

/**
 * The id and secret of a presented key, or undefined when it does not have the shape of one. Never
 * throws, whatever the input; checks only the length and the separators (the digest comparison does the rest).
 */
export function parsePresentedKey(presented: unknown): PresentedKey | undefined {
  if (typeof presented !== 'string' || presented.length !== KEY_LENGTH || !presented.startsWith(KEY_PREFIX)) return undefined;
  if (presented.charCodeAt(SECRET_START - 1) !== 0x5f /* _ */) return undefined;
  return { id: presented.slice(KEY_PREFIX.length, SECRET_START - 1), secret: presented.slice(SECRET_START) };
}

/** The SHA-256 digest of a secret: all that is stored of it. */
export function digestSecret(secret: string): Buffer {
  // One-shot hash: no Hash object per call (this runs on every request presenting a stored key).
  return hash('sha256', secret, 'buffer');
}

/** Whether two digests are equal, in time independent of where they differ. */
export function digestsMatch(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A digest no secret has (in practice): compared against when the id names no key, so that an unknown id costs what a wrong secret does. */
export const DUMMY_DIGEST: Buffer = digestSecret(randomBytes(SECRET_BYTES).toString('base64url'));
