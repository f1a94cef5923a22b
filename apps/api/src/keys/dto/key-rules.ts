import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import { ValidateBy, ValidateIf } from 'class-validator';
import { KEY_SCOPES } from '@forgesyte/keys';

// The rules of a key's fields, shared by the create and update bodies and written into their messages.

export { KEY_SCOPES };
/** The longest key name. */
export const MAX_KEY_NAME_LENGTH = 100;
/** The most entries one allow-list holds. */
export const MAX_ALLOW_LIST_ENTRIES = 1000;
/** The largest value of a limit. */
export const MAX_LIMIT_VALUE = 1_000_000;
/** How a tool allow-list entry is spelled: `plugin.tool`. */
export const TOOL_ENTRY_PATTERN = new RegExp(`^${PLUGIN_NAME_PATTERN.source.replace(/^\^|\$$/g, '')}\\.\\S{1,128}$`);

export const NAME_RULE = `must be 1 to ${MAX_KEY_NAME_LENGTH} characters: who or what uses the key, such as "ci"`;
export const SCOPES_RULE = `must be a list of scopes, each one of: ${KEY_SCOPES.join(', ')}`;
export const PLUGINS_RULE = `must be a non-empty list of up to ${MAX_ALLOW_LIST_ENTRIES} plugin names (GET /v1/plugins lists them); leave it out (or null on PATCH) for every plugin`;
export const TOOLS_RULE = `must be a non-empty list of up to ${MAX_ALLOW_LIST_ENTRIES} "plugin.tool" entries, such as "ocr.extract_text"; leave it out (or null on PATCH) for every tool`;
export const LIMITS_RULE = `must be an object with rate_per_minute and/or max_queued, each a whole number from 1 to ${MAX_LIMIT_VALUE}`;
/** A date and time with its zone (`IsISO8601` alone also takes a bare date). */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const EXPIRES_RULE = 'must be a future date and time in ISO 8601 with a time zone, such as "2027-01-01T00:00:00Z"';

/** Checks the property only when it is sent and not null (a PATCH clears an allow-list, the limits or the expiry with null). */
export const WhenNotNull = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined && value !== null);

/** Checks `limits`: an object of the known limits only, each a whole number in range. */
export const IsKeyLimits = (): PropertyDecorator =>
  ValidateBy({ name: 'keyLimits', validator: { validate: isKeyLimits, defaultMessage: () => LIMITS_RULE } });

function isKeyLimits(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([name, limit]) => (name === 'rate_per_minute' || name === 'max_queued') && Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= MAX_LIMIT_VALUE)
  );
}
