import type { SchemaViolation, SchemaViolations } from '@forgesyte/registry';
import { MAX_LISTED_VIOLATIONS } from '@forgesyte/registry';

/** Longest JSON Pointer or message a violation carries (a key can be kilobytes long). */
const MAX_VIOLATION_TEXT = 300;

/**
 * class-validator's own messages for the constraints it adds by itself (unknown properties, a value
 * that is not an object); every other constraint of our DTOs carries its own message.
 */
const BUILT_IN_MESSAGES: Readonly<Record<string, string>> = {
  whitelistValidation: 'is not an allowed property; remove it',
  unknownValue: 'must be a JSON object',
};

/** The part of class-validator's `ValidationError` read here (a node of its error tree). */
export interface ValidationErrorNode {
  readonly property?: string;
  readonly constraints?: Readonly<Record<string, string>>;
  readonly children?: readonly ValidationErrorNode[];
}

/**
 * class-validator's error tree as violations: one per failed constraint, each with the JSON Pointer of
 * the property (nested ones included), in the order found. At most {@link MAX_LISTED_VIOLATIONS} are
 * listed; `total` counts them all.
 */
export function violationsOf(errors: readonly ValidationErrorNode[], prefix = ''): SchemaViolations {
  const listed: SchemaViolation[] = [];
  const total = collect(errors, prefix, listed);
  return Object.freeze(Object.defineProperty(listed, 'total', { value: total, enumerable: false })) as unknown as SchemaViolations;
}

/** Pushes the violations of `errors` into `listed` (up to the cap) and returns how many there are in all. */
function collect(errors: readonly ValidationErrorNode[], prefix: string, listed: SchemaViolation[]): number {
  let total = 0;
  for (const error of errors) {
    const path = error.property === undefined ? prefix || '/' : `${prefix}/${pointerToken(error.property)}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      total += 1;
      if (listed.length < MAX_LISTED_VIOLATIONS) listed.push({ path: clip(path), message: clip(BUILT_IN_MESSAGES[constraint] ?? message) });
    }
    if (error.children !== undefined && error.children.length > 0) total += collect(error.children, path, listed);
  }
  return total;
}

/** A property name as one JSON Pointer token (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointerToken(name: string): string {
  return name.slice(0, MAX_VIOLATION_TEXT).replaceAll('~', '~0').replaceAll('/', '~1');
}

function clip(text: string): string {
  return text.length <= MAX_VIOLATION_TEXT ? text : `${text.slice(0, MAX_VIOLATION_TEXT)}…`;
}
