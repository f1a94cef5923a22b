import type { SchemaViolations } from './schema-violation';

/** `violations` as error `details`: the listed ones, how many there are in all, and whether some were left out. */
export function violationDetails(violations: SchemaViolations): {
  violations: SchemaViolations;
  violation_count: number | null;
  truncated: boolean;
} {
  return { violations, violation_count: violations.total, truncated: violations.total !== violations.length };
}

/** The first violation and how many more there are, for an error message: `/age must be integer (and 2 more)`. */
export function summarizeViolations(violations: SchemaViolations): string {
  const [first] = violations;
  const head = first === undefined ? 'it is invalid' : `${first.path} ${first.message}`;
  if (violations.total === null) return `${head} (the value is too large to look for every violation: fix this one and retry)`;
  const more = violations.total - 1;
  return more > 0 ? `${head} (and ${more} more)` : head;
}
