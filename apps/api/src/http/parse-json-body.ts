import { RequestInvalidError } from '@forgesyte/errors';
import type { JsonLimits } from '../config/api-config';
import { findForbiddenKey } from './forbidden-keys';
import { JsonShapeCheck } from './json-shape-check';

/** Strict UTF-8: a malformed byte sequence throws instead of becoming U+FFFD. Decoding is stateless, so one serves all. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the bytes of a JSON body into the object a route reads, or throws `REQUEST_INVALID` saying what
 * to fix: a shape past the {@link JsonLimits} (checked on the bytes, before decoding and parsing, so
 * a hostile body costs one linear scan), bytes that are not UTF-8, text that is not JSON, JSON that is not an object, and keys that
 * could pollute prototypes. An empty body is no body (undefined).
 */
export class JsonBodyParser {
  private readonly shape: JsonShapeCheck;

  constructor(private readonly limits: JsonLimits) {
    this.shape = new JsonShapeCheck(limits);
  }

  parse(bytes: Buffer): object | undefined {
    if (bytes.length === 0) return undefined;
    this.checkShape(bytes);
    const text = decode(bytes);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new RequestInvalidError(
        `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`,
        { cause: error },
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notAnObjectError(value);
    const key = findForbiddenKey(value);
    if (key !== undefined) {
      throw new RequestInvalidError(`The request body contains the forbidden key ${key}. Remove it: keys named __proto__, constructor or prototype are refused.`);
    }
    return value;
  }

  private checkShape(bytes: Buffer): void {
    switch (this.shape.violationOf(bytes)) {
      case 'depth':
        throw new RequestInvalidError(
          `The request body nests arrays and objects more than ${this.limits.maxDepth} levels deep. Send a flatter body, or ask the operator to raise FORGESYTE_MAX_JSON_DEPTH.`,
          { details: { max_depth: this.limits.maxDepth } },
        );
      case 'keys':
        throw new RequestInvalidError(
          `An object in the request body has more than ${this.limits.maxKeys} members. Send fewer keys, or ask the operator to raise FORGESYTE_MAX_JSON_KEYS.`,
          { details: { max_keys: this.limits.maxKeys } },
        );
      case 'containers':
        throw new RequestInvalidError(
          `The request body holds more than ${this.limits.maxContainers} arrays and objects. Send a smaller body, or ask the operator to raise FORGESYTE_MAX_JSON_CONTAINERS.`,
          { details: { max_containers: this.limits.maxContainers } },
        );
      case 'values':
        throw new RequestInvalidError(
          `The request body holds more than ${this.limits.maxValues} values. Send a smaller body (large binary data as one base64 string), or ask the operator to raise FORGESYTE_MAX_JSON_VALUES.`,
          { details: { max_values: this.limits.maxValues } },
        );
      case undefined:
    }
  }
}

function decode(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    throw new RequestInvalidError('The request body is not valid UTF-8. Send JSON encoded as UTF-8.', { cause: error });
  }
}

/** The error of a body that is JSON but not an object (`value`, as parsed). */
export function notAnObjectError(value: unknown): RequestInvalidError {
  return new RequestInvalidError(`The request body must be a JSON object such as {"plugin": "…"}; it is ${kindOf(value)}.`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
