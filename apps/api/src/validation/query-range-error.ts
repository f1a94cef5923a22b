import { RequestInvalidError } from '@forgesyte/errors';

/**
 * The 400 `REQUEST_INVALID` for a query parameter of digits out of its range (the DTO checked the digits,
 * the pipe the range): the message and details (`violations`, `violation_count`, `truncated`) of every
 * other request check.
 */
export function queryRangeError(parameter: string, rule: string, raw: string): RequestInvalidError {
  return new RequestInvalidError(`The request query is invalid: /${parameter} ${rule}, got '${raw.slice(0, 20)}'; see details.violations.`, {
    details: { violations: [{ path: `/${parameter}`, message: rule }], violation_count: 1, truncated: false },
  });
}
