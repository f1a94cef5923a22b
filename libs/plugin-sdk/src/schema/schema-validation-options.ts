/**
 * The options the server builds its Ajv instances with (draft 2020-12, `ajv/dist/2020`), each with
 * `ajv-formats`' formats added: the registry compiles every tool's schemas with them, and
 * `@forgesyte/plugin-sdk/testing` does the same, so a plugin's tests see what the server enforces. Plain
 * data (the SDK loads no package): spread it into `new Ajv2020({ ...SCHEMA_VALIDATION_OPTIONS, allErrors })`.
 */
export const SCHEMA_VALIDATION_OPTIONS: SchemaValidationOptions = Object.freeze({
  // Only a value's own properties count (Object.keys, not for…in): a property inherited from a polluted
  // prototype neither fails `additionalProperties` nor satisfies `required`.
  ownProperties: true,
  // Strict about the schema: unknown keywords are a compile error, so typos surface at registration.
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
});

/** The Ajv options of {@link SCHEMA_VALIDATION_OPTIONS} (a subset of Ajv's `Options`). */
export interface SchemaValidationOptions {
  readonly ownProperties: boolean;
  readonly strict: boolean;
  readonly strictTypes: boolean;
  readonly strictTuples: boolean;
  readonly strictRequired: boolean;
}
