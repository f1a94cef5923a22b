import { ToolInputError } from '@forgesyte/plugin-sdk';

/** The width and height of a frame, as its header declares them. */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** What each option means, for messages that reject it. */
const OPTION_MEANING = {
  threshold: 'a pixel counts as changed when its grey levels in the two frames differ by more than `threshold`',
  min_area: 'changed regions with fewer pixels than `min_area` are dropped as noise',
  blur: 'the sigma, in pixels, of the Gaussian blur applied to both frames before they are compared; 0 is none',
} as const;

/** The two frames differ in size, so they cannot be compared pixel by pixel. */
export function frameSizeMismatchError(frameA: FrameSize, frameB: FrameSize): ToolInputError {
  const sizeA = `${frameA.width}x${frameA.height}`;
  const sizeB = `${frameB.width}x${frameB.height}`;
  return new ToolInputError(
    `\`frame_a\` is ${sizeA} but \`frame_b\` is ${sizeB}: frames are compared pixel by pixel, so both must ` +
      `have the same size. Send two frames from the same camera and resolution, or resize or crop one to the ` +
      `other's size (e.g. both to ${sizeA}).`,
    { frame_a: { width: frameA.width, height: frameA.height }, frame_b: { width: frameB.width, height: frameB.height } },
  );
}

/** An option is not a number in its allowed range. */
export function optionOutOfRangeError(
  name: keyof typeof OPTION_MEANING,
  value: unknown,
  range: { readonly min: number; readonly max: number; readonly integer: boolean },
): ToolInputError {
  const kind = range.integer ? 'an integer' : 'a number';
  const bounds = range.max === Number.MAX_SAFE_INTEGER ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
  return new ToolInputError(
    `\`${name}\` must be ${kind} ${bounds}; got ${JSON.stringify(value) ?? String(value)}. ` +
      `It means: ${OPTION_MEANING[name]}. Omit it to use the default.`,
    { option: name },
  );
}

/** A non-zero `blur` below the smallest sigma a Gaussian blur accepts. */
export function blurTooSmallError(sigma: number, minSigma: number, maxSigma: number): ToolInputError {
  return new ToolInputError(
    `\`blur\` is ${sigma}, but a Gaussian blur needs a sigma of at least ${minSigma} (a smaller one would change ` +
      `no pixel). Send 0 for no blur, or a sigma from ${minSigma} to ${maxSigma}.`,
    { option: 'blur', min_sigma: minSigma },
  );
}
