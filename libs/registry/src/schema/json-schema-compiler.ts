import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SCHEMA_VALIDATION_OPTIONS, type SchemaValidator, schemaValidator } from '@forgesyte/plugin-sdk';

export { FULL_CHECK_MAX_VALUES } from '@forgesyte/plugin-sdk';

/**
 * Compiles JSON Schemas (draft 2020-12) into validators, once, with the SDK's
 * `SCHEMA_VALIDATION_OPTIONS` and `ajv-formats` (what `@forgesyte/plugin-sdk/testing` uses too). Strict
 * about the schema (unknown keywords are a compile error, so typos surface at registration). A value is
 * checked as the SDK's `schemaValidator` does: stopping at the first violation, and only an invalid value
 * again for all of them (see `FULL_CHECK_MAX_VALUES`). One compiler per plugin keeps plugins' `$id`s apart.
 */
export class JsonSchemaCompiler {
  private readonly firstError = new Ajv2020({ ...SCHEMA_VALIDATION_OPTIONS, allErrors: false });
  private readonly allErrors = new Ajv2020({ ...SCHEMA_VALIDATION_OPTIONS, allErrors: true });

  constructor() {
    addFormats(this.firstError);
    addFormats(this.allErrors);
  }

  /** Compiles `schema`; throws an Error saying why when the schema is invalid. */
  compile(schema: object): SchemaValidator {
    return schemaValidator(this.firstError.compile(schema), this.allErrors.compile(schema));
  }
}
