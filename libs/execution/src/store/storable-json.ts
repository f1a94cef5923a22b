import { RequestInvalidError } from '@forgesyte/errors';

/**
 * JSON.stringify of `value`, where a RangeError (a value nested so deeply that serializing it
 * overflows the stack, or a string over V8's limit) becomes a non-retryable `REQUEST_INVALID` naming
 * `field`: the same value fails the same way every time, so a retry cannot help.
 */
export function stringifyStorable(value: unknown, field: string, stringify: (value: unknown) => string | undefined = JSON.stringify): string | undefined {
  try {
    return stringify(value);
  } catch (error) {
    // By name: jest gives each test file its own realm, and its own RangeError.
    if ((error as { name?: unknown } | null)?.name === 'RangeError') throw unstorableValue(field, error);
    throw error;
  }
}

/** The refusal of a value too deep or too large to be kept as JSON in a job record. */
export function unstorableValue(field: string, cause: unknown): RequestInvalidError {
  return new RequestInvalidError(
    `The job's ${field} cannot be stored: ${field} nested this deeply (or this large) cannot be written as JSON. ` +
      `Send ${field} nested at most a few hundred levels deep (the HTTP API allows FORGESYTE_MAX_JSON_DEPTH).`,
    { cause, details: { field } },
  );
}
