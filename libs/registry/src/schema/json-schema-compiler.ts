import Ajv2020, { type ErrorObject, type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { exceedsValueBudget } from './value-size';
import {
  MAX_LISTED_VIOLATIONS,
  type SchemaValidator,
  type SchemaViolation,
  type SchemaViolations,
  violationList,
} from './schema-violation';

const NO_VIOLATIONS = violationList([], 0);

/**
 * The most values (object members and array items) a value may hold for every one of its violations to
 * be looked for. Ajv has no cap on the errors it collects: with `allErrors` a million unknown keys make
 * a million errors (seconds of blocked event loop). Up to this size the full pass costs a few ms.
 */
export const FULL_CHECK_MAX_VALUES = 20_000;
/** Longest JSON Pointer or message a violation carries (a key can be megabytes long). */
const MAX_VIOLATION_TEXT = 300;

const AJV_OPTIONS: Options = {
  // Only a value's own properties count (Object.keys, not for…in): a property inherited from a polluted
  // prototype neither fails `additionalProperties` nor satisfies `required`.
  ownProperties: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
};

/**
 * Compiles JSON Schemas (draft 2020-12) into validators, once. Strict about the schema (unknown
 * keywords are a compile error, so typos surface at registration). A value is checked once, stopping
 * at the first violation; only an invalid value is checked again for all its violations, and only when
 * it holds at most {@link FULL_CHECK_MAX_VALUES} values, so a huge invalid value costs one pass and
 * reports its first violation. At most 100 violations are listed, each with a JSON Pointer and a message
 * a caller can act on. One compiler per plugin keeps plugins' `$id`s apart.
 */
export class JsonSchemaCompiler {
  private readonly firstError = new Ajv2020({ ...AJV_OPTIONS, allErrors: false });
  private readonly allErrors = new Ajv2020({ ...AJV_OPTIONS, allErrors: true });

  constructor() {
    addFormats(this.firstError);
    addFormats(this.allErrors);
  }

  /** Compiles `schema`; throws an Error saying why when the schema is invalid. */
  compile(schema: object): SchemaValidator {
    const validateFirst = this.firstError.compile(schema);
    const validateAll = this.allErrors.compile(schema);
    return (value): SchemaViolations => {
      if (validateFirst(value)) return NO_VIOLATIONS;
      if (exceedsValueBudget(value, FULL_CHECK_MAX_VALUES)) return violationList(toViolations(validateFirst.errors), null);
      validateAll(value);
      const errors = validateAll.errors ?? [];
      return violationList(toViolations(errors), errors.length);
    };
  }
}

function toViolations(errors: readonly ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).slice(0, MAX_LISTED_VIOLATIONS).map(toViolation);
}

function toViolation(error: ErrorObject): SchemaViolation {
  const { path, message } = describe(error);
  return { path: clip(path), message: clip(message) };
}

function describe(error: ErrorObject): SchemaViolation {
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
