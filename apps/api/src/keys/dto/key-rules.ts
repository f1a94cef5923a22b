import { ValidateBy, ValidateIf } from 'class-validator';
import { KEY_SCOPES, keyNameProblem, MAX_ALLOW_LIST, MAX_LIMIT, MAX_NAME_LENGTH, TOOL_ENTRY_PATTERN } from '@forgesyte/keys';

// The wire rules of a key's fields, shared by the create and update bodies. The bounds, patterns and the
// name rule are the keys lib's (@forgesyte/keys): the body is checked by the same rules the service applies.

export { KEY_SCOPES, TOOL_ENTRY_PATTERN };
/** The most entries one allow-list holds. */
export const MAX_ALLOW_LIST_ENTRIES = MAX_ALLOW_LIST;

export const NAME_RULE = `must be 1 to ${MAX_NAME_LENGTH} characters, without control or invisible format characters: who or what uses the key, such as "ci"`;
export const SCOPES_RULE = `must be a list of scopes, each one of: ${KEY_SCOPES.join(', ')}`;
export const PLUGINS_RULE = `must be a non-empty list of up to ${MAX_ALLOW_LIST_ENTRIES} plugin names (GET /v1/plugins lists them); leave it out (or null on PATCH) for every plugin`;
export const TOOLS_RULE = `must be a non-empty list of up to ${MAX_ALLOW_LIST_ENTRIES} "plugin.tool" entries, such as "ocr.extract_text"; leave it out (or null on PATCH) for every tool`;
export const LIMITS_RULE = `must be an object with rate_per_minute and/or max_queued, each a whole number from 1 to ${MAX_LIMIT}`;
/** A date and time with its zone (`IsISO8601` alone also takes a bare date). */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const EXPIRES_RULE = 'must be a future date and time in ISO 8601 with a time zone, such as "2027-01-01T00:00:00Z"';

/** Checks the property only when it is sent and not null (a PATCH clears an allow-list, the limits or the expiry with null). */
export const WhenNotNull = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined && value !== null);

/** Checks `name` by the keys lib's rule (its length in characters, no control or format characters), with the lib's message. */
export const IsKeyName = (): PropertyDecorator =>
  ValidateBy({ name: 'keyName', validator: { validate: (value: unknown) => keyNameProblem(value) === undefined, defaultMessage: (args) => keyNameProblem(args?.value) ?? NAME_RULE } });

/** Checks `limits`: an object of the known limits only, each a whole number in range. */
export const IsKeyLimits = (): PropertyDecorator =>
  ValidateBy({ name: 'keyLimits', validator: { validate: isKeyLimits, defaultMessage: () => LIMITS_RULE } });

function isKeyLimits(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([name, limit]) => (name === 'rate_per_minute' || name === 'max_queued') && Number.isSafeInteger(limit) && (limit as number) >= 1 && (limit as number) <= MAX_LIMIT)
  );
}
