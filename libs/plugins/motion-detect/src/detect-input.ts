import { ToolInputError } from '@forgesyte/plugin-sdk';
import { type ImageInput, toImageInput } from '@forgesyte/image-io';
import { blurTooSmallError, optionOutOfRangeError } from './motion-detect.errors';

/** Defaults of the `detect` tool's options, as its input schema also declares them. */
export const DETECT_DEFAULTS = Object.freeze({
  /** A pixel has changed when its grey levels in the two frames differ by more than this. */
  threshold: 25,
  /** Regions with fewer changed pixels than this are dropped as noise. */
  min_area: 20,
  /** Gaussian blur sigma applied to both frames before differencing; 0 is no blur. */
  blur: 0,
});

/** The largest `blur` sigma accepted: beyond it, small moving objects blur into the background. */
export const MAX_BLUR_SIGMA = 20;

/** The smallest non-zero `blur` sigma: sharp refuses smaller ones (they would change no pixel anyway). */
export const MIN_BLUR_SIGMA = 0.3;

/** The `detect` tool's args with every default applied. */
export interface DetectInput {
  readonly frame_a: ImageInput;
  readonly frame_b: ImageInput;
  readonly threshold: number;
  readonly min_area: number;
  readonly blur: number;
}

/**
 * Narrows the `detect` tool's args to a {@link DetectInput}, filling in {@link DETECT_DEFAULTS}. The
 * ToolRunner has already validated the args against the input schema, except for the one rule the
 * schema cannot say clearly (a `blur` between 0 and {@link MIN_BLUR_SIGMA}); the other checks keep the
 * plugin safe if it is ever called with unchecked args. Throws `ToolInputError`.
 */
export function toDetectInput(args: unknown): DetectInput {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    const got = args === null ? 'null' : Array.isArray(args) ? 'an array' : typeof args;
    throw new ToolInputError(`motion-detect args must be an object { frame_a, frame_b, threshold?, min_area?, blur? }; got ${got}.`);
  }
  const record = args as Record<string, unknown>;
  return {
    frame_a: toImageInput(record.frame_a, 'frame_a'),
    frame_b: toImageInput(record.frame_b, 'frame_b'),
    threshold: numberOption(record, 'threshold', { min: 0, max: 255, integer: true }),
    min_area: numberOption(record, 'min_area', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true }),
    blur: blurOption(numberOption(record, 'blur', { min: 0, max: MAX_BLUR_SIGMA, integer: false })),
  };
}

interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

function numberOption(record: Record<string, unknown>, name: keyof typeof DETECT_DEFAULTS, range: NumberRange): number {
  const value = record[name] ?? DETECT_DEFAULTS[name];
  const valid =
    typeof value === 'number' &&
    (range.integer ? Number.isInteger(value) : Number.isFinite(value)) &&
    value >= range.min &&
    value <= range.max;
  if (!valid) throw optionOutOfRangeError(name, value, range);
  return value;
}

function blurOption(sigma: number): number {
  if (sigma > 0 && sigma < MIN_BLUR_SIGMA) throw blurTooSmallError(sigma, MIN_BLUR_SIGMA, MAX_BLUR_SIGMA);
  return sigma;
}
