import { exceedsValueBudget } from './value-size';
import { MAX_LISTED_VIOLATIONS, type SchemaValidator, type SchemaViolation, type SchemaViolations, violationList } from './schema-violation';

/**
 * The most values (object members and array items) a value may hold for every one of its violations to
 * be looked for. Ajv has no cap on the errors it collects: with `allErrors` a million unknown keys make
 * a million errors (seconds of blocked event loop). Up to this size the full pass costs a few ms.
 */
export const FULL_CHECK_MAX_VALUES = 20_000;
/** Longest JSON Pointer or message a violation carries (a key can be megabytes long). */
const MAX_VIOLATION_TEXT = 300;
const NO_VIOLATIONS = violationList([], 0);

/** What this file reads of an Ajv error (`ErrorObject`), so that the SDK needs no Ajv. */
export interface ValidationErrorLike {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** A compiled Ajv validator (`ValidateFunction`), as far as this file uses it. */
export interface CompiledSchemaLike {
  (value: unknown): boolean;
  readonly errors?: readonly ValidationErrorLike[] | null;
}

/**
 * The server's check of a value against one schema, from that schema compiled twice: `first` stopping at
 * the first error, `all` with `allErrors`. A value is checked once; only an invalid value is checked again
 * for all its violations, and only when it holds at most {@link FULL_CHECK_MAX_VALUES} values, so a huge
 * invalid value costs one pass and reports its first violation. At most 100 violations are listed, each
 * with a JSON Pointer and a message a caller can act on.
 */
export function schemaValidator(first: CompiledSchemaLike, all: CompiledSchemaLike): SchemaValidator {
  return (value): SchemaViolations => {
    if (first(value)) return NO_VIOLATIONS;
    if (exceedsValueBudget(value, FULL_CHECK_MAX_VALUES)) return violationList(toViolations(first.errors), null);
    all(value);
    const errors = all.errors ?? [];
    return violationList(toViolations(errors), errors.length);
  };
}

function toViolations(errors: readonly ValidationErrorLike[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).slice(0, MAX_LISTED_VIOLATIONS).map(toViolation);
}

function toViolation(error: ValidationErrorLike): SchemaViolation {
  const { path, message } = describe(error);
  return { path: clip(path), message: clip(message) };
}

function describe(error: ValidationErrorLike): SchemaViolation {
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { path: `${at}/${pointerToken(error.params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${at}/${pointerToken(error.params.additionalProperty)}`,
        message: 'is not an allowed property; remove it',
      };
    case 'enum':
      return { path: at || '/', message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { path: at || '/', message: error.message ?? `fails the '${error.keyword}' rule` };
  }
}

/** A property name as one JSON Pointer token (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointerToken(name: unknown): string {
  return String(name).slice(0, MAX_VIOLATION_TEXT).replaceAll('~', '~0').replaceAll('/', '~1');
}

function clip(text: string): string {
  return text.length <= MAX_VIOLATION_TEXT ? text : `${text.slice(0, MAX_VIOLATION_TEXT)}…`;
}
