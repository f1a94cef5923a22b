/** One way a value breaks a JSON Schema: a JSON Pointer into the value and what is wrong there. */
export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
}

/** Checks a value against a compiled schema: an empty list means valid. */
export type SchemaValidator = (value: unknown) => readonly SchemaViolation[];
