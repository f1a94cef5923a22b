import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SchemaValidator, SchemaViolation } from './schema-violation';

const NO_VIOLATIONS: readonly SchemaViolation[] = Object.freeze([]);

/**
 * Compiles JSON Schemas (draft 2020-12) into validators, once. Strict about the schema (unknown
 * keywords are a compile error, so typos surface at registration) and reports every violation of a
 * value, each with a JSON Pointer and a message a caller can act on. One compiler per plugin keeps
 * plugins' `$id`s apart.
 */
export class JsonSchemaCompiler {
  private readonly ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });

  constructor() {
    addFormats(this.ajv);
  }

  /** Compiles `schema`; throws an Error saying why when the schema is invalid. */
  compile(schema: object): SchemaValidator {
    const validate = this.ajv.compile(schema);
    return (value) => (validate(value) ? NO_VIOLATIONS : (validate.errors ?? []).map(toViolation));
  }
}

function toViolation(error: ErrorObject): SchemaViolation {
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
  return String(name).replaceAll('~', '~0').replaceAll('/', '~1');
}
