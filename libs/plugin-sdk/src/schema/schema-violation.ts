/** One way a value breaks a JSON Schema: a JSON Pointer into the value and what is wrong there. */
export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
}

/**
 * The violations of one value, as a list of at most {@link MAX_LISTED_VIOLATIONS} (in the order the
 * validator found them), with the number found in all: `total`, or `null` when the value was too large
 * to look for every violation and only the first is listed.
 */
export interface SchemaViolations extends ReadonlyArray<SchemaViolation> {
  readonly total: number | null;
}

/** Checks a value against a compiled schema: an empty list means valid. */
export type SchemaValidator = (value: unknown) => SchemaViolations;

/** The most violations an error lists; the rest are only counted. */
export const MAX_LISTED_VIOLATIONS = 100;

/** A frozen {@link SchemaViolations} of `listed` (cut to the cap) and `total` (a non-enumerable property). */
export function violationList(listed: readonly SchemaViolation[], total: number | null): SchemaViolations {
  const list = listed.length > MAX_LISTED_VIOLATIONS ? listed.slice(0, MAX_LISTED_VIOLATIONS) : [...listed];
  return Object.freeze(Object.defineProperty(list, 'total', { value: total, enumerable: false })) as unknown as SchemaViolations;
}
