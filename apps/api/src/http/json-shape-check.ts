import type { JsonLimits } from '../config/api-config';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Marks a nesting level held by an array, which has no members to count. */
const ARRAY = -1;

/** Which of the {@link JsonLimits} a JSON text exceeds. */
export type JsonShapeViolation = 'depth' | 'keys' | 'containers' | 'values';

/**
 * Checks the shape of a JSON body before it is decoded and parsed, in one linear pass over its bytes:
 * `JSON.parse` of seven million nested `[`, of an object with a million members or of five million
 * `{}` takes seconds (and gigabytes), this check milliseconds, and it stops at the first level, member,
 * container or value past a limit. Values are counted by their separating commas (a body of n values
 * has n − 1), which is exact enough for a limit. Bytes suffice: in UTF-8 the
 * bytes of `"`, `\\`, brackets and colons never occur inside another character. It skips each string
 * with a native search (a 16 MB base64 image costs under a millisecond) and only counts brackets and
 * colons: it does not validate, `JSON.parse` does that next. Not reentrant: one instance per middleware
 * (checks are synchronous, so one buffer of per-level counts serves every request).
 */
export class JsonShapeCheck {
  /** Members counted so far in the object open at each level, or {@link ARRAY}. */
  private readonly members: Int32Array;

  constructor(private readonly limits: JsonLimits) {
    this.members = new Int32Array(limits.maxDepth + 1);
  }

  /** The first limit `bytes` exceeds, or undefined when it has none (or is not JSON: parsing will say so). */
  violationOf(bytes: Buffer): JsonShapeViolation | undefined {
    const { maxDepth, maxKeys, maxContainers, maxValues } = this.limits;
    const members = this.members;
    let depth = 0;
    let containers = 0;
    let values = 0;
    for (let at = 0; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at = endOfString(bytes, at);
        if (at < 0) return undefined;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (depth === maxDepth) return 'depth';
        if (++containers > maxContainers) return 'containers';
        members[++depth] = byte === OPEN_OBJECT ? 0 : ARRAY;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth > 0) depth--;
      } else if (byte === COMMA) {
        if (++values >= maxValues) return 'values';
      } else if (byte === COLON && depth > 0 && members[depth] !== ARRAY && ++members[depth] > maxKeys) {
        return 'keys';
      }
    }
    return undefined;
  }
}

/** Bytes of a string looked at one by one before a native search takes over (a call costs more than a short loop). */
const SHORT_STRING = 32;

/** Index of the quote that closes the string opened at `start`, or -1 when it is never closed. */
function endOfString(bytes: Buffer, start: number): number {
  const shortEnd = Math.min(bytes.length, start + SHORT_STRING);
  let at = start + 1;
  while (at < shortEnd && bytes[at] !== QUOTE) at++;
  if (at === shortEnd) at = bytes.indexOf(QUOTE, at);
  for (; at >= 0; at = bytes.indexOf(QUOTE, at + 1)) {
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}
