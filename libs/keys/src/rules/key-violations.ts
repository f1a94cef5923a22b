import { RequestInvalidError } from '@forgesyte/errors';

/** One thing wrong with a key's input: where (a JSON pointer, in the API's snake_case), and what. */
export interface KeyViolation {
  readonly path: string;
  readonly message: string;
}

/**
 * `REQUEST_INVALID` listing every violation, with the details the API's request checks give
 * (`violations`, `violation_count`, `truncated`), and a message naming the first.
 */
export function keyInputInvalid(violations: readonly KeyViolation[]): RequestInvalidError {
  return invalid('The key is invalid', violations);
}

/** `REQUEST_INVALID` for a bad page of a listing (its size or cursor), in the same shape. */
export function pageInvalid(violations: readonly KeyViolation[]): RequestInvalidError {
  return invalid('The page requested is invalid', violations);
}

function invalid(what: string, violations: readonly KeyViolation[]): RequestInvalidError {
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return new RequestInvalidError(`${what}: ${first.path} ${first.message}${more}; see details.violations.`, {
    details: { violations, violation_count: violations.length, truncated: false },
  });
}
